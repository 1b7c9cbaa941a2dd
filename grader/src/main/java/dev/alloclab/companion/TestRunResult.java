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
 */
public record TestRunResult(Map<Exercise, ExerciseProgress> progress, List<String> failures,
        Map<Exercise, List<String>> toWrite, List<String> compileErrors) {
    public TestRunResult {
        progress = Map.copyOf(progress);
        failures = List.copyOf(failures);
        toWrite = Map.copyOf(toWrite);
        compileErrors = List.copyOf(compileErrors);
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
