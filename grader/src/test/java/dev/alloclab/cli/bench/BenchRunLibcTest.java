package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.RepParser;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * When bench times libc: next to each allocator's timed runs on the same trace, so that both sides of a ratio run
 * in the same few seconds of a shared machine. The C replayer is replaced by a function that records its calls.
 */
class BenchRunLibcTest {
    private static final int HEAP_MAX = 64 * 1024;

    private final StringWriter err = new StringWriter();

    private static Trace trace(String name, String text) {
        return new RepParser(ParseMode.STRICT).parse(name, text);
    }

    /** Four blocks of 1 KiB: fits any heap of the tests. */
    private static final String SMALL = "4096\n4\n8\n1\na 0 1024\na 1 1024\na 2 1024\na 3 1024\nf 0\nf 1\nf 2\nf 3\n";
    /** One block of 40 KiB and one of 30 KiB, live together: more than a 64 KiB heap holds. */
    private static final String TOO_BIG = "65536\n2\n4\n1\na 0 40000\na 1 30000\nf 0\nf 1\n";

    private BenchRun bench(String... allocators) {
        return new BenchRun(new BenchSettings(Arrays.stream(allocators).map(BenchedAllocator::registered).toList(), null, HEAP_MAX, 1, 0, Replayer.Clock.best(),
                false, true, false), new PrintWriter(err));
    }

    /** Whether the current call comes from the replay's timing phase (the timed runs come next). */
    private static boolean calledWhileTiming() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f ->
                f.getClassName().equals(Replayer.class.getName()) && f.getMethodName().equals("throughput")));
    }

    @Test
    void libc_is_timed_on_each_trace_for_each_allocator_as_its_timed_runs_start() {
        // GIVEN two traces and two allocators, and a libc that notes when it is asked
        List<Trace> traces = List.of(trace("a.rep", SMALL), trace("b.rep", SMALL));
        List<Integer> asked = new ArrayList<>();
        List<Boolean> whileTiming = new ArrayList<>();
        IntFunction<OptionalDouble> libc = index -> {
            asked.add(index);
            whileTiming.add(calledWhileTiming());
            return OptionalDouble.of(1_000_000.0 * (index + 1));
        };
        // WHEN they are benched
        BenchResult result = bench("implicit", "segregated").measure(traces, libc);
        // THEN libc was timed once per trace per allocator, in order, each time from inside the replay's timing
        // phase (after the validation and the warm-up, just before the allocator's timed runs)
        assertThat(asked).containsExactly(0, 1, 0, 1);
        assertThat(whileTiming).containsOnly(true);
        // AND each allocator's table holds the figures measured next to its own runs
        for (BenchResult.AllocatorResult allocator : result.allocators()) {
            assertThat(allocator.table().libcPerTrace())
                    .containsExactly(OptionalDouble.of(1_000_000.0), OptionalDouble.of(2_000_000.0));
        }
    }

    @Test
    void a_trace_the_allocator_fails_still_gets_its_libc_figure_after_the_replay() {
        // GIVEN a trace that does not fit the heap, so the replay fails validation and never times anything
        List<Trace> traces = List.of(trace("big.rep", TOO_BIG));
        List<Boolean> whileTiming = new ArrayList<>();
        IntFunction<OptionalDouble> libc = index -> {
            whileTiming.add(calledWhileTiming());
            return OptionalDouble.of(5_000_000.0);
        };
        // WHEN it is benched
        BenchResult result = bench("implicit").measure(traces, libc);
        // THEN the replay failed, and libc was still timed once, after it, so the table shows libc on every trace
        BenchTable table = result.allocators().get(0).table();
        assertThat(table.reports().get(0).valid()).isFalse();
        assertThat(whileTiming).containsExactly(false);
        assertThat(table.libcPerTrace()).containsExactly(OptionalDouble.of(5_000_000.0));
    }

    @Test
    void a_failure_of_the_c_replayer_stops_the_bench_and_is_not_blamed_on_the_allocator() {
        // GIVEN a libc side that fails (as the C replayer does when it counts other operations than Java)
        List<Trace> traces = List.of(trace("a.rep", SMALL), trace("b.rep", SMALL));
        IntFunction<OptionalDouble> libc = index -> {
            throw new KitException("the C replayer counted 7 operations in a.rep where the Java replayer counts 8");
        };
        // WHEN bench runs, THEN it stops with libc's sentence (not "a.rep on implicit: ..." in the failed list)
        assertThatThrownBy(() -> bench("implicit").measure(traces, libc))
                .isInstanceOf(KitException.class)
                .hasMessage("the C replayer counted 7 operations in a.rep where the Java replayer counts 8");
    }
}
