package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.export.StarterProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./alloclab coverage EXERCISE} in an exported starter, run as a student runs it: bash in the starter's folder,
 * nothing on the class path but {@code lib/alloclab-companion.jar}, so JaCoCo, ASM and the starter's own
 * {@code ...StudentTest} copies must all come from that jar.
 */
class StarterCoverageTest {
    /** Generous: a cold JVM compiles one exercise and runs its tests, on a shared machine. */
    private static final long SECONDS = 180;
    private static final String BUMP = "src/main/java/dev/alloclab/exercises/bump";

    @Test
    void coverage_runs_in_the_exported_starter_with_only_java_and_the_companion_jar(@TempDir Path temp) throws Exception {
        // GIVEN an exported starter with bump solved and a student test of its own that only allocates
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        KitTree.copyTree(KitTree.root().resolve("solutions/" + BUMP), starter.resolve(BUMP));
        Files.writeString(starter.resolve("src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java"), """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void a_block_starts_after_its_header() {
                        assertThat(new BumpAllocator(HeapBytes.withMax(64)).alloc(8)).isEqualTo(BumpAllocator.HEADER_BYTES);
                    }
                }
                """);
        // WHEN the student runs ./alloclab coverage bump
        Run bump = launcher(starter, temp, "coverage", "bump");
        // THEN the coverage is measured in the starter's JVM: figures, the verdict, reset()'s body never run
        assertThat(bump.output()).startsWith("bump: coverage of your code by your own tests (BumpAllocatorStudentTest: "
                + "1 test, 1 pass)").containsPattern("BumpAllocator\\.java +lines +\\d+ %")
                .contains("would earn about", "never run:", ": top = 0;");
        assertThat(bump.exit()).as(bump.output()).isEqualTo(1);
        // AND an exercise whose StudentTest is still the starter's is told so (the starter's copy is in the jar)
        Run vec = launcher(starter, temp, "coverage", "vec");
        assertThat(vec.output()).startsWith("vec: your tests earn no coverage points yet: IntVecStudentTest is exactly "
                + "as the starter ships it");
        assertThat(vec.exit()).isEqualTo(1);
    }

    private static Run launcher(Path starter, Path logs, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(StarterProcess.bash(), "./alloclab"));
        command.addAll(List.of(args));
        return StarterProcess.run(starter, logs, command, Map.of("JAVA_HOME", System.getProperty("java.home")), SECONDS);
    }
}
