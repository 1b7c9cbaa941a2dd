package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.ProgressExpectation;
import dev.alloclab.export.StarterProcess.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported starter, built by Maven as a student would: one {@code mvn -o -q test} per scenario,
 * offline against the machine's {@code ~/.m2} (which the kit's own build filled).
 *
 * <p>The runs read {@code ~/.m2} through a scratch local repository of symbolic links, so the core
 * artifact Maven copies out of the starter's {@code lib/repo} lands in the scratch folder, never in the
 * shared {@code ~/.m2}. Skipped, with a sentence, only when there is no {@code mvn} on the PATH.
 */
class ExportedStarterBuildTest {
    private static final long MAVEN_MINUTES = 8;

    @TempDir
    static Path temp;
    static Path localRepo;

    @BeforeAll
    static void needsMaven() throws IOException {
        Assumptions.assumeTrue(onPath("mvn"), "no 'mvn' on the PATH: the exported starter cannot be built here "
                + "(install Maven 3.8+ to run this test)");
        localRepo = scratchRepository(Path.of(System.getProperty("user.home"), ".m2", "repository"), temp.resolve("m2"));
    }

    @Test
    void the_exported_starter_is_green_with_every_exercise_not_started() throws Exception {
        // GIVEN a fresh export with Classroom autograding
        Path starter = exportWithClassroom("stubs");
        // WHEN the student runs mvn test, offline
        Run run = mvnTest(starter);
        // THEN the build is green and every exercise is "not started" (nothing passed, nothing failed)
        assertThat(run.exit()).as("mvn test on the fresh starter:%n%s", run.output()).isZero();
        ProgressExpectation.check(starter.resolve("target/alloclab-progress.json"), ProgressExpectation.NOT_STARTED);
    }

    @Test
    void the_solutions_copied_into_the_starter_pass_every_visible_test() throws Exception {
        // GIVEN a starter whose stubs were replaced by the kit's solutions
        Path starter = exportWithClassroom("solved");
        KitTree.copyTree(KitTree.root().resolve("solutions/src/main/java"), starter.resolve("src/main/java"));
        // WHEN mvn test runs, offline
        Run run = mvnTest(starter);
        // THEN every visible test of every exercise passed, none skipped
        assertThat(run.exit()).as("mvn test on the solved starter:%n%s", run.output()).isZero();
        ProgressExpectation.check(starter.resolve("target/alloclab-progress.json"), ProgressExpectation.DONE);
    }

    private Path exportWithClassroom(String name) {
        Path starter = temp.resolve(name);
        StarterExporter.export(starter, null);
        ClassroomExporter.export(starter, null);
        return starter;
    }

    private Run mvnTest(Path starter) throws Exception {
        Run run = StarterProcess.run(starter, temp, List.of("mvn", "-o", "-q", "-B", "-Dmaven.repo.local=" + localRepo,
                "test"), javaHome(), MAVEN_MINUTES * 60);
        String output = run.output();
        return new Run(run.exit(), output.length() > 20_000 ? output.substring(output.length() - 20_000) : output);
    }

    /** Maven runs on the JDK this build uses: JAVA_HOME is kept (StarterProcess drops it unless given). */
    private static Map<String, String> javaHome() {
        String home = System.getenv("JAVA_HOME");
        return home == null ? Map.of() : Map.of("JAVA_HOME", home);
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * A local repository that reads everything from {@code shared} through symbolic links, except
     * {@code dev/alloclab/alloclab-core}, which stays a real (empty) folder of the scratch repository.
     */
    static Path scratchRepository(Path shared, Path scratch) throws IOException {
        mirror(shared, scratch, List.of("dev", "alloclab", "alloclab-core"), 0);
        return scratch;
    }

    private static void mirror(Path shared, Path scratch, List<String> keepReal, int depth) throws IOException {
        Files.createDirectories(scratch);
        if (depth == keepReal.size() || !Files.isDirectory(shared)) {
            return;
        }
        try (Stream<Path> entries = Files.list(shared)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals(keepReal.get(depth))) {
                    mirror(entry, scratch.resolve(name), keepReal, depth + 1);
                } else {
                    Files.createSymbolicLink(scratch.resolve(name), entry);
                }
            }
        }
        Files.createDirectories(scratch.resolve(keepReal.get(depth)));
    }
}
