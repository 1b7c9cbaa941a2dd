package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.StudentCommand;
import dev.alloclab.export.StarterExporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer that hands the exercise to the kit's own code passes every hidden test, because the kit's code is
 * right: the grader withholds the points and says why (QA session 12, fairness 3).
 */
class KitAnswerTest {
    private static final String EXPLICIT = "src/main/java/dev/alloclab/exercises/explicitlist/ExplicitFreeListAllocator.java";

    /** An explicit-list allocator of ten lines that forwards every call to core's ReferenceAllocator. */
    private static final String FORWARDING = """
            package dev.alloclab.exercises.explicitlist;

            import dev.alloclab.core.Checks;
            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.alloc.ReferenceAllocator;
            import dev.alloclab.core.alloc.sim.FitPolicy;
            import dev.alloclab.core.alloc.sim.FreeChunk;
            import dev.alloclab.core.alloc.sim.ListOrder;
            import dev.alloclab.core.memory.HeapBytes;
            import java.util.List;

            /** Delegates everything to core's reference allocator (the oracle itself). */
            public final class ExplicitFreeListAllocator implements Allocator {
                public static final int HEADER_BYTES = 8;
                private final HeapBytes heap;
                private final Placement placement;
                private final FreeListOrder order;
                private final ReferenceAllocator inner;

                public ExplicitFreeListAllocator(HeapBytes heap, Placement placement, FreeListOrder order) {
                    this.heap = Checks.notNull(heap, "heap");
                    this.placement = Checks.notNull(placement, "placement");
                    this.order = Checks.notNull(order, "order");
                    FitPolicy p = switch (placement) {
                        case FIRST_FIT -> FitPolicy.FIRST;
                        case BEST_FIT -> FitPolicy.BEST;
                        case NEXT_FIT -> FitPolicy.NEXT;
                    };
                    ListOrder o = order == FreeListOrder.LIFO ? ListOrder.INSERT_FRONT : ListOrder.ADDRESS;
                    inner = ReferenceAllocator.builder(heap).policy(p).order(o).coalescing(true).build();
                }

                public Placement placement() { return placement; }
                public FreeListOrder order() { return order; }
                @Override public HeapBytes heap() { return heap; }
                public static long blockSizeFor(int requestedSize) { return (((long) requestedSize + 7) & ~7L) + HEADER_BYTES; }
                @Override public int alloc(int size) { return inner.alloc(size); }
                @Override public void dealloc(int index) { inner.dealloc(index); }
                public List<FreeChunk> freeList() { return inner.freeList(); }
                @Override public int usableSize(int index) { return inner.usableSize(index); }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void an_explicit_list_that_forwards_to_the_reference_allocator_earns_no_hidden_points_and_is_told_why() {
        // GIVEN the solutions, with an explicit list that forwards to the kit's ReferenceAllocator
        Path submission = KitSubmissions.copyOfSolutions(temp, "forwarding");
        KitSubmissions.write(submission, EXPLICIT, FORWARDING);
        // WHEN it is graded
        ExerciseGrade explicit = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "explicit-list")),
                "explicit-list");
        // THEN the hidden tests pass, but their points are withheld, naming the call and its line
        PartGrade hidden = part(explicit, "hidden");
        assertThat(hidden.score()).isZero();
        assertThat(hidden.summary()).startsWith("withheld: 8/8 hidden tests passed, but your code calls ReferenceAllocator")
                .contains("(ExplicitFreeListAllocator.java:");
        assertThat(explicit.feedback()).anyMatch(line -> line.startsWith("hidden points withheld: ExplicitFreeListAllocator.java:")
                && line.contains("what this exercise asks you to write"));
    }

    @Test
    void check_fails_the_same_forwarding_answer_with_the_graders_review_line() {
        // GIVEN an exported starter whose explicit list forwards to the kit's ReferenceAllocator
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        KitSubmissions.write(starter, EXPLICIT, FORWARDING);
        // WHEN explicit-list is checked (what GitHub Classroom awards its points with)
        StringWriter out = new StringWriter();
        int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("check", "explicit-list", "--project", starter.toString());
        // THEN no PASS: the visible tests pass, but the check withholds the points as the grader does, with its line
        assertThat(exit).as(out.toString()).isEqualTo(1);
        int line = lineOf(FORWARDING, "ReferenceAllocator.builder(heap)");
        assertThat(out.toString()).startsWith("explicit-list: FAIL: every visible test passes (")
                .contains("but your code calls ReferenceAllocator.builder (ExplicitFreeListAllocator.java:" + line + ")",
                        "  review: ExplicitFreeListAllocator.java:" + line + " uses ReferenceAllocator.builder",
                        "what this exercise asks you to write")
                .doesNotContain("PASS");
    }

    private static int lineOf(String text, String part) {
        java.util.List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + part);
    }
}
