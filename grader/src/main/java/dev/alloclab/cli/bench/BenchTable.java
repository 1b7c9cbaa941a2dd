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

    public double averageUtilization() {
        return reports.stream().mapToDouble(ReplayReport::utilization).average().orElse(0);
    }

    public double minimumUtilization() {
        return reports.stream().mapToDouble(ReplayReport::utilization).min().orElse(0);
    }

    /** Total operations / total seconds over the timed traces (NaN if none was timed). */
    public double opsPerSecond() {
        return aggregate(reports.stream().filter(ReplayReport::timed)
                .mapToDouble(r -> r.ops() / r.opsPerSecond()).sum(),
                reports.stream().filter(ReplayReport::timed).mapToLong(ReplayReport::ops).sum());
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
                seconds += reports.get(i).ops() / libcPerTrace.get(i).getAsDouble();
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
        return 100 * (UTILIZATION_WEIGHT * averageUtilization() + (1 - UTILIZATION_WEIGHT) * speed);
    }

    private static double aggregate(double seconds, long ops) {
        return seconds > 0 ? ops / seconds : Double.NaN;
    }
}
