package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The list of every version of the starter's test support: a starter exported by an earlier kit must still be
 * recognised as the kit's by a newer grader (QA windows27: a support file changed since a student's export was
 * reviewed as their code, and every exercise's coverage points were withheld for its stack inspection).
 */
class StarterFileVersionsTest {
    private static List<String> listed() throws IOException {
        try (InputStream in = StarterCopies.class.getClassLoader().getResourceAsStream(StarterCopies.VERSIONS)) {
            assertThat(in).as(StarterCopies.VERSIONS).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
    }

    @Test
    void every_support_file_of_todays_starter_is_listed_so_that_its_next_change_keeps_it() throws IOException {
        Path exercises = KitRoot.resolve("exercises");
        List<String> listed = listed();
        try (Stream<Path> files = Stream.concat(
                Files.walk(exercises.resolve("src/test/java/dev/alloclab/exercises/support")),
                Files.walk(exercises.resolve("src/test/resources")))) {
            List<Path> support = files.filter(Files::isRegularFile).toList();
            assertThat(support).isNotEmpty();
            for (Path file : support) {
                String relative = exercises.relativize(file).toString().replace('\\', '/');
                String line = StarterCopies.sha256(StarterCopies.asWritten(Files.readAllBytes(file))) + " " + relative;
                assertThat(listed).as("%s changed: add the line \"%s\" to grader/src/main/resources/%s and keep the old "
                        + "ones (starters exported earlier still carry them)", relative, line, StarterCopies.VERSIONS)
                        .contains(line);
            }
        }
    }

    @Test
    void a_support_file_as_an_earlier_kit_exported_it_is_the_kits_and_an_edited_one_is_not() throws IOException {
        // GIVEN StuckTestWatchdog.java as the kit exported it until 28 Nov 2026 (before isStudentMainCode was split
        // out of ownFrame), rebuilt from today's copy
        String path = "src/test/java/dev/alloclab/exercises/support/StuckTestWatchdog.java";
        String today = new String(StarterCopies.starterFile(path).orElseThrow(), StandardCharsets.UTF_8);
        String newer = """
                            if (isStudentMainCode(frame.getClassName())) {
                """;
        String added = """
                    /** True for a class of the exercises compiled from the student's main sources (not a test, not the kit's). */
                    static boolean isStudentMainCode(String className) {
                        return className.startsWith("dev.alloclab.exercises.") && isMainCode(className);
                    }

                """;
        assertThat(today).contains(newer, added);
        String earlier = today.replace(newer, """
                            if (frame.getClassName().startsWith("dev.alloclab.exercises.") && isMainCode(frame.getClassName())) {
                """).replace(added, "");
        // THEN it is the kit's (with Windows line ends too), a copy with one word changed is not, and a listed version
        // counts for its own path only
        assertThat(StarterCopies.isUnchanged(path, earlier.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StarterCopies.isUnchanged(path, earlier.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(StarterCopies.isUnchanged(path, (earlier + "// mine\n").getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(StarterCopies.isUnchanged("src/test/java/dev/alloclab/exercises/support/WholeRun.java",
                earlier.getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
