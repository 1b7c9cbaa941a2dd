package dev.alloclab.hidden.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BookkeepingFootprint;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceBundle;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceSuite;
import dev.alloclab.exercises.segregated.SegregatedFitsAllocator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

@ExtendWith(StudentClasses.Resolver.class)
class SegregatedHiddenTest {
    /** Timed runs per trace (median), after one warm-up: as {@code alloclab bench --runs 3}. */
    private static final int RUNS = 3;

    /** The submission's main classes, named by the grader (a constructor parameter keeps the tests' names). */
    private final StudentClasses studentClasses;

    SegregatedHiddenTest(StudentClasses studentClasses) {
        this.studentClasses = studentClasses;
    }

    private static SegregatedFitsAllocator make() {
        return new SegregatedFitsAllocator(HeapBytes.mallocLabSized());
    }

    @Test
    void basic_contract() {
        SegregatedFitsAllocator a = make();
        assertThat(a.alloc(0)).as("alloc(0) must return NULL (-1)").isEqualTo(Allocator.NULL);
        int p = a.alloc(100);
        assertThat(p % 8).as("alloc(100) returned %d; that index modulo 8: payloads are 8-byte aligned", p).isZero();
        assertThat(a.usableSize(p)).as("usableSize(%d) of alloc(100): at least the 100 bytes asked for", p)
                .isGreaterThanOrEqualTo(100);
        a.heap().writeInt(p + 96, 42);
        int q = a.realloc(p, 300);
        assertThat(a.heap().readInt(q + 96)).as("the int at offset 96 of the block after realloc(%d, 300) returned "
                + "%d: realloc keeps the old payload's bytes (42 was written there)", p, q).isEqualTo(42);
        assertThat(a.realloc(q, 0)).as("realloc(%d, 0): a new size of 0 frees the block and returns NULL (-1)", q)
                .isEqualTo(Allocator.NULL);
        assertThat(a.realloc(Allocator.NULL, 8)).as("realloc(NULL, 8): realloc of NULL is alloc(8), so it must "
                + "return a block, not NULL").isNotEqualTo(Allocator.NULL);
        everyUsableByteIsTheBlocksOwn(make());
    }

    /**
     * usableSize is how many bytes a program may write ({@code malloc_usable_size}): two neighbours filled to their
     * last usable byte keep each other's bytes and the allocator's bookkeeping, so freeing both and a workout on the
     * same allocator after it still work (QA teeth pass, session 22: a usableSize that forgot the footer passed).
     */
    private static void everyUsableByteIsTheBlocksOwn(SegregatedFitsAllocator a) {
        int first = a.alloc(8);
        int second = a.alloc(8);
        int secondUsable = a.usableSize(second);
        for (int i = 0; i < secondUsable; i++) {
            a.heap().writeByte(second + i, 0x5A);
        }
        int firstUsable = a.usableSize(first);
        for (int i = 0; i < firstUsable; i++) {
            a.heap().writeByte(first + i, 0);
        }
        for (int i = 0; i < secondUsable; i++) {
            assertThat(a.heap().readByte(second + i)).as("byte %d of the second block of alloc(8) after the first "
                    + "block's %d usable bytes (usableSize(%d)) were all written: usableSize counts only the block's own "
                    + "payload bytes", i, firstUsable, first).isEqualTo((byte) 0x5A);
        }
        String after = "after two alloc(8) whose usableSize bytes (" + firstUsable + " and " + secondUsable + ") were "
                + "all written";
        try {
            a.dealloc(second);
            a.dealloc(first);
        } catch (RuntimeException e) {
            throw new AssertionError("dealloc " + after + " threw " + e.getClass().getSimpleName() + ": usableSize "
                    + "promises bytes the allocator still uses (a header or footer): it is the block size minus "
                    + "every tag in the block", e);
        }
        Workout.checked(a, Workout.random("after-filling-usable-bytes", 5, 400, 256, true));
    }

    /**
     * Growing the block at the heap's end, whatever the layout: the bytes of every block survive, and later
     * blocks do not overlap the grown one. Whether realloc grows in place or moves is the student's choice (the
     * page: "the layout is yours"; the stub lets them delete realloc): growing in place pays through utilization
     * on the realloc traces, so no test asks for one index. Then a small block grown into a big free block below
     * it, the heap's end taken by a live block: an allocator that moves it there copies only the old payload
     * ({@code min(old size, new size)} bytes); copying the new size reads past the old block, here past the heap's
     * end (C's classic {@code memcpy(new, old, size)}; QA teeth pass, session 22).
     */
    @Test
    void realloc_keeps_every_byte_whether_it_grows_in_place_or_moves() {
        Workout.checked(make(), Trace.of("grow-the-newest-block", List.of(
                new TraceOp.Alloc(0, 32, 0), new TraceOp.Alloc(1, 64, 0), new TraceOp.Realloc(1, 4000, 0),
                new TraceOp.Alloc(2, 100, 0), new TraceOp.Realloc(2, 9000, 0), new TraceOp.Realloc(1, 12000, 0),
                new TraceOp.Alloc(3, 16, 0), new TraceOp.Free(0, 0), new TraceOp.Realloc(3, 40, 0),
                new TraceOp.Free(1, 0), new TraceOp.Free(2, 0), new TraceOp.Free(3, 0))));
        Workout.checked(make(), Trace.of("grow-into-free-space-below", List.of(
                new TraceOp.Alloc(0, 992, 0), new TraceOp.Alloc(1, 8, 0), new TraceOp.Alloc(2, 8, 0),
                new TraceOp.Free(0, 0), new TraceOp.Realloc(1, 500, 0), new TraceOp.Free(1, 0),
                new TraceOp.Free(2, 0))));
        // a free right neighbour too small to grow into, and a bigger free block the move can take: the neighbour
        // stays on its free list (unlinking it before knowing the block stays left it with stale links)
        Workout.checked(make(), Trace.of("move-past-a-small-free-neighbour", List.of(
                new TraceOp.Alloc(0, 8, 0), new TraceOp.Alloc(1, 56, 0), new TraceOp.Alloc(2, 8, 0),
                new TraceOp.Alloc(3, 112, 0), new TraceOp.Alloc(4, 8, 0), new TraceOp.Free(1, 0),
                new TraceOp.Free(3, 0), new TraceOp.Realloc(0, 100, 0), new TraceOp.Free(0, 0),
                new TraceOp.Free(2, 0), new TraceOp.Free(4, 0))));
    }

    @Test
    void a_random_workout_with_realloc_is_valid() {
        Workout.checked(make(), Workout.random("random-mixed", 12, 6000, 1024, true));
    }

    /**
     * The kit's bundled trace suite, or the course's own traces when the rubric names a folder of them,
     * replayed as {@code alloclab bench} replays it: validated first (a broken rule fails this test), then
     * timed. Utilization is the mean over the traces; throughput is all operations over all median run
     * times, as the Malloc Lab driver sums them.
     */
    @Test
    @ExtendWith(GradingTraces.class)
    void performance_is_measured_on_the_kit_trace_suite(TestReporter reporter, List<Trace> traces) {
        Replayer replayer = Replayer.using("your allocator", SegregatedFitsAllocator::new).runs(RUNS).warmups(1);
        double utilizationSum = 0;
        long operations = 0;
        double seconds = 0;
        for (Trace trace : traces) {
            ReplayReport r = replayer.replay(trace);
            r.failure().ifPresent(f -> {
                throw new AssertionError(trace.name() + ": " + f.report());
            });
            if (Double.isNaN(r.opsPerSecond())) {
                // valid when checked, but the timed runs went otherwise (see the note): no throughput to score
                throw new AssertionError(trace.name() + ": " + String.join("; ", r.notes()));
            }
            utilizationSum += r.utilization();
            operations += r.ops();
            seconds += r.ops() == 0 ? 0 : r.ops() / r.opsPerSecond(); // an empty trace takes no time (never 0 / 0)
            reporter.publishEntry("alloclab.trace." + trace.name(), String.format(Locale.ROOT,
                    "%d ops, utilization %.1f%%, %.0f Kops/s", r.ops(), 100 * r.utilization(), r.kops()));
        }
        double utilization = utilizationSum / traces.size();
        double kops = operations / seconds / 1000;
        reporter.publishEntry("alloclab.utilization", String.format(Locale.ROOT, "%.4f", utilization));
        reporter.publishEntry("alloclab.kops", String.format(Locale.ROOT, "%.1f", kops));
        assertThat(utilization).as("mean utilization (peak live payload / heap size) over the %d performance "
                + "traces", traces.size()).isGreaterThan(0);
    }

    /**
     * The most bytes of Java objects an allocator may keep outside its heap: list heads and scalars, not per-block state.
     * <p>Students get 16 KiB. Core's {@code segregated}, the kit's performance reference, is not held to it: its run
     * cache (4,096 entries of four ints, 64 KiB) lives in Java fields, about 67 KB of Java state in all
     * ({@code BookkeepingFootprint}), so it would fail {@link #bookkeeping_lives_in_the_heap}, and its utilization is
     * not measured under this rule. That is acceptable because nothing grades a student against it (the rubric's
     * constants set the bar) and the cache only repeats what its in-heap run directory says: adding it moved no
     * address, so its utilization is the same without it. Its speed is not, so its Kops are not a figure a student
     * can be asked to reach under this limit (docs/instructors.md, "Performance formula").
     */
    static final long JAVA_STATE_LIMIT = 16 * 1024;

    /**
     * Malloc Lab's rule: block bookkeeping lives in the heap, where it counts against utilization. At the
     * peak (the operation after which the most payload is live) of the two traces with the most blocks live
     * there, the allocator's fields, what they hold and its classes' static fields must stay under
     * {@link #JAVA_STATE_LIMIT}: an allocator that keeps its block sizes in a Java map needs no headers and would
     * report a utilization no honest allocator reaches. A JDK object whose contents cannot be measured (not a
     * collection, map, array, reference holder or value) fails the test too, naming where it is held.
     */
    @Test
    @ExtendWith(GradingTraces.class)
    void bookkeeping_lives_in_the_heap(List<Trace> traces) {
        List<Class<?>> classes = studentClasses.of(SegregatedFitsAllocator.class);
        // state that grows with the blocks shows best where the most blocks are live at once: the two such traces
        List<Trace> crowded = traces.stream()
                .sorted(java.util.Comparator.comparingInt(ReplayToPeak::liveBlocksAtPeak).reversed()).limit(2).toList();
        for (Trace trace : crowded) {
            HeapBytes heap = HeapBytes.mallocLabSized();
            SegregatedFitsAllocator allocator = new SegregatedFitsAllocator(heap);
            int line = ReplayToPeak.run(trace, allocator);
            long bytes;
            try {
                bytes = BookkeepingFootprint.of(allocator, heap, classes, 4 * JAVA_STATE_LIMIT);
            } catch (BookkeepingFootprint.Unmeasurable unmeasurable) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: at the trace's peak (line %d) %s", trace.name(),
                        line, unmeasurable.getMessage()), unmeasurable);
            }
            if (bytes > JAVA_STATE_LIMIT) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: at the trace's peak (line %d) your allocator "
                        + "holds %s bytes of Java objects outside its heap (the limit is %d). Malloc Lab's rule: block "
                        + "bookkeeping (sizes, free lists) lives in the heap, where it counts against utilization; keep "
                        + "only a fixed set of list heads and scalars in fields", trace.name(), line,
                        bytes > 4 * JAVA_STATE_LIMIT ? "more than " + 4 * JAVA_STATE_LIMIT : "about " + bytes,
                        JAVA_STATE_LIMIT));
            }
        }
    }

    /**
     * The traces to measure on. The grader passes a course's own traces as a JUnit configuration parameter
     * (key {@code alloclab.grading.performance-traces}, written by {@code TraceBundle.encode}): the parameter
     * is fixed before any student code runs, which a file on disk would not be.
     */
    static final class GradingTraces implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == List.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getConfigurationParameter("alloclab.grading.performance-traces").map(TraceBundle::decode)
                    .orElseGet(TraceSuite::performanceTraces);
        }
    }

    @Test
    void edge_requests_alloc_zero_dealloc_null_and_sizes_close_to_integer_max_value() {
        NullRequests.check(make(), "on a fresh allocator");
        SegregatedFitsAllocator a = make();
        int p = a.alloc(100);
        a.heap().writeInt(p, 42);
        String setting = "after alloc(100) on the 20 MiB heap";
        for (int huge : HugeRequests.SIZES) {
            assertThat(HugeRequests.alloc(a, huge, setting)).as("alloc(%d), close to Integer.MAX_VALUE, %s: no block "
                    + "that big fits, so NULL (-1). %s", huge, setting, HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
            assertThat(HugeRequests.realloc(a, p, huge, setting)).as("realloc(%d, %d), close to Integer.MAX_VALUE, %s: "
                    + "it cannot grow that far, so NULL (-1), and the old block stays. %s", p, huge, setting,
                    HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
        }
        assertThat(a.heap().readInt(p)).as("the int at %d (written as 42 into the block of alloc(100)) after the "
                + "reallocs close to Integer.MAX_VALUE returned NULL: a failed realloc keeps the old block", p)
                .isEqualTo(42);
        assertThat(a.alloc(8)).as("alloc(8) after those NULL answers: a small block still fits, so not NULL")
                .isNotEqualTo(Allocator.NULL);
        // a realloc of a moderate size that finds no room in a bounded heap: NULL, and the old block stays the program's
        HeapBytes bounded = HeapBytes.withMax(256);
        SegregatedFitsAllocator tight = new SegregatedFitsAllocator(bounded);
        int old = tight.alloc(16);
        bounded.writeInt(old, 1995);
        tight.alloc(16);
        tight.alloc(150);
        assertThat(tight.realloc(old, 120)).as("realloc(%d, 120) in a full heap of at most 256 bytes (blocks of 16, 16 "
                + "and 150 in it): no room to move to, so NULL (-1)", old).isEqualTo(Allocator.NULL);
        assertThat(bounded.readInt(old)).as("the int at %d (1995) after that realloc returned NULL: a failed realloc "
                + "keeps the old block", old).isEqualTo(1995);
        assertThat(tight.alloc(16)).as("alloc(16) after the realloc that returned NULL: anything but %d, which is still "
                + "the program's block (a realloc that fails must not free it)", old).isNotEqualTo(old);
        HeapBytes small = HeapBytes.withMax(128);
        SegregatedFitsAllocator edge = new SegregatedFitsAllocator(small);
        int last = edge.alloc(16);
        small.writeInt(last, 2015);
        int size = small.size();
        assertThat(edge.realloc(last, 200)).as("realloc(%d, 200) of the heap's last block in a heap of at most 128 "
                + "bytes: sbrk cannot give the bytes (it answers HeapBytes.NO_MEMORY), so NULL (-1)", last)
                .isEqualTo(Allocator.NULL);
        assertThat(small.size()).as("heap size after that realloc returned NULL: unchanged (check sbrk's answer before "
                + "changing any header)").isEqualTo(size);
        assertThat(edge.alloc(8)).as("alloc(8) after that: anything but %d, still the program's block", last)
                .isNotEqualTo(last);
    }
}
