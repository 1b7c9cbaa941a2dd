package dev.alloclab.grader.rubric;

import dev.alloclab.grader.run.Limits;
import java.util.List;
import java.util.Map;

/**
 * Where the points come from: per exercise, the points of its hidden suite, of the coverage of the
 * student's own tests, and (for the performance exercise) of utilization and throughput; plus the
 * limits the grading JVM runs under. Load one with {@link RubricLoader}; the grader ships a default.
 *
 * @param limits    time, memory and output limits
 * @param exercises the graded exercises by id, in course order; exercises not listed are not graded
 */
public record Rubric(Limits limits, Map<String, ExerciseRubric> exercises) {

    /** The rubric of one exercise. {@code coverage} and {@code performance} may be null (no such part). */
    public record ExerciseRubric(double hiddenPoints, CoveragePart coverage, PerformancePart performance) {
        public double maxScore() {
            return hiddenPoints + (coverage == null ? 0 : coverage.points())
                    + (performance == null ? 0 : performance.points());
        }
    }

    /**
     * Coverage of the student's own tests: full points when both ratios reach their threshold,
     * otherwise points times the smaller of {@code line/lineThreshold} and {@code branch/branchThreshold}.
     */
    public record CoveragePart(double points, double line, double branch) {
    }

    /**
     * Malloc Lab style performance: index = 100 x (utilizationWeight x utilization +
     * (1 - utilizationWeight) x min(1, kops / throughputKops)); points scale linearly from 0 at
     * {@code zeroIndex} to full at {@code fullIndex}.
     */
    public record PerformancePart(double points, double utilizationWeight, double throughputKops,
            double zeroIndex, double fullIndex, List<TraceText> traces) {
        public PerformancePart {
            traces = List.copyOf(traces);
        }

        /** A part measured on the kit's bundled trace suite. */
        public PerformancePart(double points, double utilizationWeight, double throughputKops, double zeroIndex,
                double fullIndex) {
            this(points, utilizationWeight, throughputKops, zeroIndex, fullIndex, List.of());
        }

        /** True when the course brought its own traces ({@code "traces"} in the rubric). */
        public boolean courseTraces() {
            return !traces.isEmpty();
        }

        /** The performance index (0..100) for a measured utilization (0..1) and throughput. */
        public double index(double utilization, double kops) {
            return 100 * (utilizationWeight * utilization + (1 - utilizationWeight) * Math.min(1, kops / throughputKops));
        }

        /** Points for an index. */
        public double pointsFor(double index) {
            double fraction = (index - zeroIndex) / (fullIndex - zeroIndex);
            return points * Math.max(0, Math.min(1, fraction));
        }
    }

    /**
     * One {@code .rep} trace of the course's own, read when the rubric was loaded (so a broken file is an error
     * before any submission is graded, and the text a grading JVM gets is the text that was checked).
     *
     * @param name the file name, as reports show it
     * @param text the whole file
     */
    public record TraceText(String name, String text) {
    }

    public double maxScore() {
        return exercises.values().stream().mapToDouble(ExerciseRubric::maxScore).sum();
    }
}
