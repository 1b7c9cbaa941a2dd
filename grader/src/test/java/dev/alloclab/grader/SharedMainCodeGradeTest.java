package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.StudentCommand;
import dev.alloclab.companion.CoverageResult;
import dev.alloclab.companion.CoveredFile;
import dev.alloclab.companion.ExerciseCoverage;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.export.StarterExporter;
import dev.alloclab.grader.rubric.Rubric;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Main code outside the exercise packages belongs to the exercises whose main code reaches it
 * ({@link dev.alloclab.companion.SharedMainCode}), graded end to end (QA session 18, hostile 2 and 6).
 */
class SharedMainCodeGradeTest {
    private static final String BUMP = "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java";

    /** The bump allocator's code, moved out of its package. */
    private static final String ENGINE = """
            package dev.alloclab.support;

            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.memory.HeapBytes;

            public final class BumpEngine {
                private final HeapBytes heap;
                private int top;

                public BumpEngine(HeapBytes heap) { this.heap = heap; }
                public HeapBytes heap() { return heap; }

                public int alloc(int size) {
                    if (size < 0) {
                        throw new IllegalArgumentException("alloc(" + size + "): size must be >= 0");
                    }
                    if (size == 0) {
                        return Allocator.NULL;
                    }
                    long blockSize = (8L + size + 7) & ~7L;
                    long end = top + blockSize;
                    if (end > heap.size()) {
                        long missing = end - heap.size();
                        if (missing > Integer.MAX_VALUE || heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {
                            return Allocator.NULL;
                        }
                    }
                    int block = top;
                    heap.writeInt(block, (int) blockSize);
                    top = (int) end;
                    return block + 8;
                }

                public int usableSize(int index) { return heap.readInt(index - 8) - 8; }
                public void reset() { top = 0; }
                public int bytesInUse() { return top; }
            }
            """;

    /** BumpAllocator as a forwarder to the engine: no branch, a line per method. */
    private static final String FORWARDER = """
            package dev.alloclab.exercises.bump;

            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.memory.HeapBytes;
            import dev.alloclab.support.BumpEngine;

            public final class BumpAllocator implements Allocator {
                public static final int HEADER_BYTES = 8;
                private final BumpEngine engine;

                public BumpAllocator(HeapBytes heap) { engine = new BumpEngine(heap); }
                @Override public HeapBytes heap() { return engine.heap(); }
                @Override public int alloc(int size) { return engine.alloc(size); }
                @Override public void dealloc(int index) { }
                @Override public int usableSize(int index) { return engine.usableSize(index); }
                public void reset() { engine.reset(); }
                public int bytesInUse() { return engine.bytesInUse(); }
            }
            """;

    /** Calls each of the forwarder's methods once and checks nothing. */
    private static final String ASSERTION_FREE_TEST = """
            package dev.alloclab.exercises.bump;

            import dev.alloclab.core.memory.HeapBytes;
            import org.junit.jupiter.api.Test;

            class BumpAllocatorStudentTest {
                @Test
                void touches_everything() {
                    BumpAllocator a = new BumpAllocator(HeapBytes.withMax(1024));
                    int p = a.alloc(8);
                    a.usableSize(p);
                    a.dealloc(p);
                    a.bytesInUse();
                    a.heap();
                    a.reset();
                }
            }
            """;

    /** An oracle for the student's own tests, put under src/main/java, which no exercise's code uses. */
    private static final String ORACLE = """
            package dev.alloclab.support;

            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.alloc.ReferenceAllocator;
            import dev.alloclab.core.memory.HeapBytes;

            public final class Oracle {
                private Oracle() { }
                public static Allocator firstFit(int maxBytes) {
                    return ReferenceAllocator.firstFit(HeapBytes.withMax(maxBytes));
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void code_moved_into_a_shared_class_counts_in_the_coverage_of_the_exercise_that_forwards_to_it() {
        // GIVEN the solutions, whose bump allocator forwards to a shared engine, tested by calls that assert nothing
        Path submission = KitSubmissions.copyOfSolutions(temp, "moved");
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/support/BumpEngine.java", ENGINE);
        KitSubmissions.write(submission, BUMP, FORWARDER);
        KitSubmissions.write(submission, "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java",
                ASSERTION_FREE_TEST);
        // WHEN bump is graded, every line and branch asked for
        Rubric rubric = new Rubric(KitSubmissions.rubricFor(60, "bump").limits(), Map.of("bump",
                new Rubric.ExerciseRubric(6, new Rubric.CoveragePart(2, 1.0, 1.0), null)));
        ExerciseGrade bump = grade(Grader.grade(submission, rubric), "bump");
        // THEN the engine is measured: the checks the test never ran are missed, and named
        PartGrade coverage = part(bump, "coverage");
        assertThat(coverage.summary()).doesNotStartWith("line 100%").doesNotContain("branch 100%");
        // AND the engine's lines the test did run count as run (the grading JVM records classes of any package)
        assertThat(Integer.parseInt(coverage.summary().replaceFirst("^line (\\d+)%.*", "$1"))).isBetween(70, 99);
        assertThat(coverage.score()).isLessThan(2);
        assertThat(bump.feedback()).anyMatch(line -> line.contains("Not reached by your tests: ")
                && line.contains("BumpEngine.alloc"));
    }

    @Test
    void a_shared_call_to_the_kits_answer_costs_only_the_exercise_that_reaches_it_and_an_unused_one_costs_nothing() {
        // GIVEN the solutions with an unused oracle under src/main/java, and a bump allocator that gets its blocks
        // from the kit's reference allocator through a shared class
        Path submission = KitSubmissions.copyOfSolutions(temp, "oracle");
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/support/Oracle.java", ORACLE);
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/support/Kit.java", """
                package dev.alloclab.support;

                public final class Kit {
                    private Kit() { }
                    public static int firstBlock() {
                        return dev.alloclab.core.alloc.ReferenceAllocator.firstFit(
                                dev.alloclab.core.memory.HeapBytes.withMax(64)).alloc(8);
                    }
                }
                """);
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "    public void reset() {",
                "    public int kit() {\n        return dev.alloclab.support.Kit.firstBlock();\n    }\n\n"
                        + "    public void reset() {");
        // WHEN bump and stack-frames are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "bump", "stack-frames"));
        // THEN bump, which reaches Kit, loses its hidden points, naming Kit's line
        PartGrade bumpHidden = part(grade(report, "bump"), "hidden");
        assertThat(bumpHidden.score()).isZero();
        assertThat(bumpHidden.summary()).contains("your code calls ReferenceAllocator.firstFit (Kit.java:");
        // AND stack-frames, which reaches neither, keeps all its points, with no review line about either
        ExerciseGrade frames = grade(report, "stack-frames");
        assertThat(frames.score()).isEqualTo(frames.maxScore());
        assertThat(frames.feedback()).noneMatch(line -> line.contains("Kit.java") || line.contains("Oracle.java"));
        // AND the unused oracle costs nothing, and a note says where it belongs
        assertThat(report.notes()).anyMatch(note -> note.startsWith("Oracle.java:")
                && note.contains("no exercise's main code uses dev.alloclab.support.Oracle")
                && note.contains("move it to src/test/java"));
        assertThat(report.notes()).noneMatch(note -> note.startsWith("Kit.java"));
    }

    @Test
    void check_passes_an_exercise_beside_an_unused_shared_oracle_and_says_where_the_oracle_belongs() {
        // GIVEN an exported starter with the solution's bump allocator and an oracle under src/main/java
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        KitSubmissions.write(starter, BUMP, readBytes(KitSubmissions.kitFolder("solutions").resolve(BUMP)));
        KitSubmissions.write(starter, "src/main/java/dev/alloclab/support/Oracle.java", ORACLE);
        // WHEN bump is checked (what GitHub Classroom awards its points with)
        StringWriter out = new StringWriter();
        int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("check", "bump", "--project", starter.toString());
        // THEN it passes, as the grader gives it its points, with the note the grader writes, in check's words
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("bump: PASS").doesNotContain("review:")
                .contains("but bump's main code does not use dev.alloclab.support.Oracle, so it costs bump no points: "
                        + "if it is test support, move it to src/test/java");
    }

    @Test
    void alloclab_coverage_measures_the_shared_classes_the_exercise_reaches_as_the_grader_does() {
        // GIVEN an exported starter whose bump allocator forwards to a shared engine, tested by calls that assert nothing
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        KitSubmissions.write(starter, "src/main/java/dev/alloclab/support/BumpEngine.java", ENGINE);
        KitSubmissions.write(starter, "src/main/java/dev/alloclab/support/Oracle.java", ORACLE);
        KitSubmissions.write(starter, BUMP, FORWARDER);
        KitSubmissions.write(starter, "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java",
                ASSERTION_FREE_TEST);
        // WHEN the student measures bump's coverage
        CoverageResult result = new ExerciseCoverage(LearnerProject.locate(starter)).run(Curriculum.named("bump"));
        // THEN the engine is measured beside the forwarder, and its missed lines count; the unused oracle is not
        assertThat(result.outcome()).isEqualTo(CoverageResult.Outcome.MEASURED);
        assertThat(result.files()).extracting(CoveredFile::path).containsExactlyInAnyOrder(
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java",
                "src/main/java/dev/alloclab/support/BumpEngine.java");
        assertThat(result.linesCovered()).isLessThan(result.lines());
    }

    private static byte[] readBytes(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
