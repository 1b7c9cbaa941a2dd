package dev.alloclab.hidden.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.segregated.SegregatedFitsAllocator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class SegregatedHiddenTest {
    private static SegregatedFitsAllocator make() {
        return new SegregatedFitsAllocator(HeapBytes.withMax(20 * 1024 * 1024));
    }

    /** The workloads of the performance score, in the spirit of the Malloc Lab traces. */
    static List<Workout.Ops> workloads() {
        return List.of(
                Workout.random("random-small", 11, 6000, 64, false),
                Workout.random("random-mixed", 12, 6000, 1024, true),
                Workout.binary("binary", 1000, 64, 448),
                Workout.binary("binary2", 1000, 16, 112),
                Workout.reallocGrowth("realloc-growth", 1500));
    }

    @Test
    void basic_contract() {
        SegregatedFitsAllocator a = make();
        assertThat(a.alloc(0)).isEqualTo(Allocator.NULL);
        int p = a.alloc(100);
        assertThat(p % 8).isZero();
        assertThat(a.usableSize(p)).isGreaterThanOrEqualTo(100);
        a.heap().writeInt(p + 96, 42);
        int q = a.realloc(p, 300);
        assertThat(a.heap().readInt(q + 96)).isEqualTo(42);
        assertThat(a.realloc(q, 0)).isEqualTo(Allocator.NULL);
        assertThat(a.realloc(Allocator.NULL, 8)).isNotEqualTo(Allocator.NULL);
    }

    @Test
    void realloc_of_the_last_block_grows_in_place() {
        SegregatedFitsAllocator a = make();
        a.alloc(32);
        int p = a.alloc(64);
        assertThat(a.realloc(p, 4000)).as("the block at the heap's end grows where it is").isEqualTo(p);
    }

    @Test
    void every_workload_is_valid() {
        for (Workout.Ops ops : workloads()) {
            Workout.checked(make(), ops);
        }
    }

    @Test
    void performance_is_measured(TestReporter reporter) {
        double utilizationSum = 0;
        long operations = 0;
        long nanos = 0;
        for (Workout.Ops ops : workloads()) {
            Workout.Result r = Workout.checked(make(), ops);
            utilizationSum += r.utilization();
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                SegregatedFitsAllocator fresh = make();
                long start = System.nanoTime();
                Workout.unchecked(fresh, ops);
                best = Math.min(best, System.nanoTime() - start);
            }
            operations += ops.length();
            nanos += best;
            reporter.publishEntry("alloclab.trace." + ops.name(), String.format(Locale.ROOT,
                    "%d ops, utilization %.1f%%, %.0f Kops/s", ops.length(), 100 * r.utilization(),
                    ops.length() / (best / 1e6)));
        }
        double utilization = utilizationSum / workloads().size();
        double kops = operations / (nanos / 1e6);
        reporter.publishEntry("alloclab.utilization", String.format(Locale.ROOT, "%.4f", utilization));
        reporter.publishEntry("alloclab.kops", String.format(Locale.ROOT, "%.1f", kops));
        assertThat(utilization).isGreaterThan(0);
    }
}
