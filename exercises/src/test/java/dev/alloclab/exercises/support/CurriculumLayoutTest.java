package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adding an exercise takes four things: a catalogue entry in core's {@link Curriculum}, a stub
 * package in {@code exercises} (with visible tests and a student test), the same classes in
 * {@code solutions}, and a page under {@code docs/exercises/}. This test breaks the build when
 * one of them is missing or when a package exists that the catalogue does not list.
 */
class CurriculumLayoutTest {
    private static final Path ROOT = Path.of("..");
    private static final String PACKAGE_PATH = "src/main/java/dev/alloclab/exercises";
    private static final String TEST_PATH = "exercises/src/test/java/dev/alloclab/exercises";

    @Test
    void every_exercise_has_stubs_solutions_tests_and_a_docs_page() throws IOException {
        for (Exercise exercise : Curriculum.exercises()) {
            Set<String> stubs = javaFiles(ROOT.resolve("exercises").resolve(PACKAGE_PATH).resolve(exercise.packageName()));
            Set<String> solutions = javaFiles(ROOT.resolve("solutions").resolve(PACKAGE_PATH).resolve(exercise.packageName()));
            assertThat(stubs).as("stub classes of exercise %s in exercises/%s/%s", exercise.id(), PACKAGE_PATH,
                    exercise.packageName()).isNotEmpty();
            assertThat(solutions).as("solution classes of exercise %s: the same files as its stubs", exercise.id())
                    .isEqualTo(stubs);
            Set<String> tests = javaFiles(ROOT.resolve(TEST_PATH).resolve(exercise.packageName()));
            assertThat(tests).as("visible tests of exercise %s", exercise.id())
                    .anyMatch(name -> name.endsWith("Test.java") && !name.endsWith("StudentTest.java"))
                    .anyMatch(name -> name.endsWith("StudentTest.java"));
            assertThat(ROOT.resolve(exercise.docsPage())).as("instructions of exercise %s", exercise.id())
                    .isRegularFile();
        }
    }

    @Test
    void no_module_has_an_exercise_package_the_catalogue_does_not_list() throws IOException {
        Set<String> listed = Curriculum.exercises().stream().map(Exercise::packageName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (Path dir : new Path[] {ROOT.resolve("exercises").resolve(PACKAGE_PATH),
                ROOT.resolve("solutions").resolve(PACKAGE_PATH), ROOT.resolve(TEST_PATH)}) {
            try (Stream<Path> packages = Files.list(dir)) {
                Set<String> found = packages.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                        .filter(name -> !name.equals("support")).collect(Collectors.toCollection(TreeSet::new));
                assertThat(found).as("exercise packages in %s (add new ones to core's Curriculum)", dir)
                        .isEqualTo(listed);
            }
        }
    }

    private static Set<String> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".java"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
