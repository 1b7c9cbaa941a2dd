package dev.alloclab.cli.bench;

import dev.alloclab.core.trace.ReplayReport;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One allocator's results on a set of traces, and the Malloc Lab figures computed from them:
 * average utilization, throughput over the whole set (total operations / total seconds, as the
 * Malloc Lab driver sums them) and the performance index.
 *
 * <p>Internal to the grader.
 *
 * @param allocator the registry name
 * @param reports one replay report per trace, in order
 * @param libcPerTrace libc's throughput per trace (same order) when measured, else empty
 */
public record BenchTable(String allocator, List<ReplayReport> reports, List<OptionalDouble> libcPerTrace) {
    /** The throughput target of the index when libc is not measured: 2,000 Kops/s (see docs/performance.md). */
    public static final double FIXED_TARGET_OPS_PER_SECOND = 2_000_000;
    /** Weight of utilization in the index; throughput has the rest. */
    public static final double UTILIZATION_WEIGHT = 0.6;

    public BenchTable {
        reports = List.copyOf(reports);
        libcPerTrace = List.copyOf(libcPerTrace);
    }

    public boolean allValid() {
        return reports.stream().allMatch(ReplayReport::valid);
    }

    /**
     * True if {@code report}'s trace has a utilization: some block was live at some point. A trace whose peak of
     * live payload is 0 (no operation, or only 0-byte requests) measures nothing about the heap's use; counting
     * it as 0 % would drag the average down for no fault of the allocator.
     */
    public static boolean hasUtilization(ReplayReport report) {
        return report.peakLiveBytes() > 0;
    }

    /**
     * The mean utilization of the traces that have one ({@link #hasUtilization}); NaN if none has, or if the
     * allocator failed a trace: as in Malloc Lab, an invalid trace has no utilization, and an average over the
     * others would read like a result.
     */
    public double averageUtilization() {
        return allValid() ? reports.stream().filter(BenchTable::hasUtilization).mapToDouble(ReplayReport::utilization)
                .average().orElse(Double.NaN) : Double.NaN;
    }

    /** The lowest utilization of the traces that have one; NaN as for {@link #averageUtilization()}. */
    public double minimumUtilization() {
        return allValid() ? reports.stream().filter(BenchTable::hasUtilization).mapToDouble(ReplayReport::utilization)
                .min().orElse(Double.NaN) : Double.NaN;
    }

    /**
     * Total operations / total seconds over the timed traces (NaN if none was timed, or if the allocator failed
     * a trace). A trace of 0 operations adds 0 operations and 0 seconds.
     */
    public double opsPerSecond() {
        if (!allValid()) {
            return Double.NaN;
        }
        return aggregate(reports.stream().filter(ReplayReport::timed)
                .mapToDouble(r -> seconds(r.ops(), r.opsPerSecond())).sum(),
                reports.stream().filter(ReplayReport::timed).mapToLong(ReplayReport::ops).sum());
    }

    /** The time {@code ops} operations took at {@code opsPerSecond}: 0 for none (never 0 / 0). */
    private static double seconds(long ops, double opsPerSecond) {
        return ops == 0 ? 0 : ops / opsPerSecond;
    }

    /**
     * libc's total operations / total seconds, if it was measured on every trace: over the same traces as
     * {@link #opsPerSecond()} (the timed ones; NaN if none was), so that the two totals can be divided. A
     * trace the allocator failed is not timed, and libc's time on it would otherwise count on one side only.
     */
    public OptionalDouble libcOpsPerSecond() {
        double seconds = 0;
        long ops = 0;
        for (int i = 0; i < reports.size(); i++) {
            if (libcPerTrace.size() <= i || libcPerTrace.get(i).isEmpty()) {
                return OptionalDouble.empty();
            }
            if (reports.get(i).timed()) {
                seconds += seconds(reports.get(i).ops(), libcPerTrace.get(i).getAsDouble());
                ops += reports.get(i).ops();
            }
        }
        return reports.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(aggregate(seconds, ops));
    }

    /** The throughput the index compares with: libc's when measured, else the fixed target. */
    public double targetOpsPerSecond() {
        return libcOpsPerSecond().orElse(FIXED_TARGET_OPS_PER_SECOND);
    }

    /** 100 x (0.6 x average utilization + 0.4 x min(1, throughput / target)); 0 if a trace failed. */
    public double performanceIndex() {
        if (!allValid()) {
            return 0;
        }
        double throughput = opsPerSecond();
        double speed = Double.isNaN(throughput) ? 0 : Math.min(1, throughput / targetOpsPerSecond());
        double utilization = averageUtilization();
        return 100 * (UTILIZATION_WEIGHT * (Double.isNaN(utilization) ? 0 : utilization) + (1 - UTILIZATION_WEIGHT) * speed);
    }

    private static double aggregate(double seconds, long ops) {
        return seconds > 0 ? ops / seconds : Double.NaN;
    }
}
