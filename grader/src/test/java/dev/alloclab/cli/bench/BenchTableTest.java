package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alloclab.core.trace.ReplayReport;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The totals of {@link BenchTable}: both sides of "versus libc" over the same traces. */
class BenchTableTest {
    private static ReplayReport report(String trace, int ops, double opsPerSecond) {
        return new ReplayReport(trace, "segregated", ops, 0, Optional.empty(), 100, 200, opsPerSecond, List.of());
    }

    @Test
    void libc_total_leaves_out_the_traces_the_allocator_was_not_timed_on() {
        // GIVEN one trace timed at 1,000 ops/s and one that was not timed (the allocator failed it);
        // libc took 1 s on the first and 1,000 s on the second
        BenchTable table = new BenchTable("segregated",
                List.of(report("timed.rep", 1_000, 1_000), report("failed.rep", 4_000, Double.NaN)),
                List.of(OptionalDouble.of(1_000), OptionalDouble.of(4)));
        // THEN both totals cover the timed trace only, so their ratio compares like with like
        assertThat(table.opsPerSecond()).isCloseTo(1_000, within(1e-9));
        assertThat(table.libcOpsPerSecond()).hasValueCloseTo(1_000.0, within(1e-9));
    }

    @Test
    void libc_total_is_absent_unless_libc_ran_every_trace() {
        BenchTable table = new BenchTable("segregated",
                List.of(report("a.rep", 10, 100), report("b.rep", 10, 100)),
                List.of(OptionalDouble.of(50), OptionalDouble.empty()));
        assertThat(table.libcOpsPerSecond()).isEmpty();
        assertThat(table.targetOpsPerSecond()).isEqualTo(BenchTable.FIXED_TARGET_OPS_PER_SECOND);
    }

    @Test
    void libc_total_adds_times_not_rates() {
        // 100 ops at 100 ops/s (1 s) and 900 ops at 900 ops/s (1 s): 1,000 ops in 2 s
        BenchTable table = new BenchTable("segregated",
                List.of(report("a.rep", 100, 1), report("b.rep", 900, 1)),
                List.of(OptionalDouble.of(100), OptionalDouble.of(900)));
        assertThat(table.libcOpsPerSecond()).hasValueCloseTo(500.0, within(1e-9));
    }

    @Test
    void a_trace_of_no_operations_adds_no_time_to_either_total() {
        // GIVEN 100 ops at 100 ops/s, and a timed trace of 0 operations (0 ops/s on both sides)
        BenchTable table = new BenchTable("segregated",
                List.of(report("a.rep", 100, 100), report("empty.rep", 0, 0)),
                List.of(OptionalDouble.of(50), OptionalDouble.of(0)));
        // THEN both totals are the first trace's alone, not 0 / 0
        assertThat(table.opsPerSecond()).isCloseTo(100, within(1e-9));
        assertThat(table.libcOpsPerSecond()).hasValueCloseTo(50.0, within(1e-9));
    }
}
