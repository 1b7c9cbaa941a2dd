package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.util.List;
import java.util.Map;

/**
 * What one run of the visible tests found.
 *
 * @param progress  the counts of every exercise that ran (exercises that did not run are absent)
 * @param failures  one line per failed visible test: {@code exercise: test name: first line of the message}
 * @param toWrite   per exercise, the "method to write" lines of its not-started tests
 * @param compileErrors the compiler's messages when the sources did not compile (then nothing ran)
 * @param reports   the full report of each line of {@code failures} whose message has several lines (the checked
 *                  heap's, the lockstep's), keyed by that line: its first line names the test and what was thrown
 *                  ({@code "free_gives_the_block_back(): ViolationException (thrown at IntVec.push (IntVec.java:59)):"}),
 *                  the others are the message's ({@link FailureLine#fullReport}). The commands show the first
 *                  failure's report whole, indented, and the others' one line.
 */
public record TestRunResult(Map<Exercise, ExerciseProgress> progress, List<String> failures,
        Map<Exercise, List<String>> toWrite, List<String> compileErrors, Map<String, List<String>> reports) {
    public TestRunResult {
        progress = Map.copyOf(progress);
        failures = List.copyOf(failures);
        toWrite = Map.copyOf(toWrite);
        compileErrors = List.copyOf(compileErrors);
        reports = Map.copyOf(reports);
    }

    /** A run whose failures have only their one line each. */
    public TestRunResult(Map<Exercise, ExerciseProgress> progress, List<String> failures,
            Map<Exercise, List<String>> toWrite, List<String> compileErrors) {
        this(progress, failures, toWrite, compileErrors, Map.of());
    }

    /**
     * {@code failure} as a report shows it after {@code bullet} ({@code "  - "}): its full report when it has one
     * (the first line after the bullet, the others under it, indented {@code indent}), else the line itself;
     * {@code prefix} (the exercise's {@code "bump: "}) is left out of the line.
     */
    public List<String> shown(String failure, String prefix, String bullet, String indent) {
        List<String> report = reports.get(failure);
        String line = failure.startsWith(prefix) ? failure.substring(prefix.length()) : failure;
        if (report == null) {
            return List.of(bullet + line);
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add(bullet + report.get(0));
        report.subList(1, report.size()).forEach(l -> lines.add(l.isEmpty() ? "" : indent + l));
        return lines;
    }

    /** A run that stopped at the compiler. */
    public static TestRunResult didNotCompile(List<String> errors) {
        return new TestRunResult(Map.of(), List.of(), Map.of(), errors);
    }

    public boolean compiled() {
        return compileErrors.isEmpty();
    }

    /** The progress of {@code exercise} in this run, or none. */
    public ExerciseProgress of(Exercise exercise) {
        return progress.getOrDefault(exercise, ExerciseProgress.none(exercise));
    }

    /** The whole curriculum, with the exercises that did not run taken from {@code earlier}. */
    public ProgressReport mergedInto(ProgressReport earlier) {
        Map<Exercise, ExerciseProgress> all = new java.util.LinkedHashMap<>();
        earlier.exercises().forEach(p -> all.put(p.exercise(), p));
        all.putAll(progress);
        return ProgressReport.ofCurriculum(all);
    }
}
