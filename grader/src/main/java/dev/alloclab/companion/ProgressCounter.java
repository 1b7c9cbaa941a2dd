package dev.alloclab.companion;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the visible tests per exercise by the same rules as the exercises' own progress listener
 * (the table {@code mvn test} prints): a pass, a failure, or "not started" (aborted or skipped);
 * tests of {@code ...StudentTest} classes do not count.
 */
final class ProgressCounter implements TestExecutionListener {
    /** How a "not started" test's abort message begins ({@code NotStarted.PREFIX} of the exercises' support). */
    static final String NOT_STARTED_PREFIX = "not started: write ";

    private final Map<Exercise, ExerciseProgress> counted = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, List<String>> reports = new HashMap<>();
    private final Map<Exercise, Set<String>> toWrite = new HashMap<>();
    private TestPlan plan;

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            count(identifier, ExerciseProgress::plusNotStarted);
        } else if (plan != null) {
            plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> count(test, ExerciseProgress::plusNotStarted));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            return;
        }
        Optional<Exercise> exercise = exerciseOf(identifier);
        switch (result.getStatus()) {
            case SUCCESSFUL -> count(identifier, ExerciseProgress::plusPassed);
            case FAILED -> {
                count(identifier, ExerciseProgress::plusFailed);
                exercise.ifPresent(e -> {
                    String line = e.id() + ": " + identifier.getDisplayName() + ": "
                            + result.getThrowable().map(FailureLine::of).orElse("failed");
                    failures.add(line);
                    result.getThrowable().map(FailureLine::fullReport).filter(r -> !r.isEmpty())
                            .ifPresent(report -> reports.putIfAbsent(line, named(identifier.getDisplayName(), report)));
                });
            }
            case ABORTED -> {
                count(identifier, ExerciseProgress::plusNotStarted);
                exercise.ifPresent(e -> result.getThrowable().map(ProgressCounter::whatToWrite)
                        .ifPresent(line -> toWrite.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(line)));
            }
        }
    }

    /** {@code report} with the test's name on its first line: {@code "the_test(): ViolationException (...):"}. */
    private static List<String> named(String test, List<String> report) {
        List<String> lines = new ArrayList<>(report);
        lines.set(0, test + ":" + (report.get(0).isEmpty() ? "" : " " + report.get(0) + ":"));
        return lines;
    }

    /**
     * The method a "not started" test reached, as its abort message names it: "not started: write next fit" becomes
     * "next fit", so that "to write: ..." and "methods to write:" do not say it twice.
     */
    static String whatToWrite(Throwable abort) {
        String message = FailureLine.message(abort);
        return message.startsWith(NOT_STARTED_PREFIX) ? message.substring(NOT_STARTED_PREFIX.length()) : message;
    }

    /**
     * Counts {@code stuck} (the test or class that was running when the time limit stopped the run; of
     * {@code fallback} when nothing was running) as failed, with {@code reason} as its failure line, and the tests of
     * the plan that never ran after it as not started.
     */
    synchronized void stopped(Optional<TestIdentifier> stuck, Optional<Exercise> fallback, String reason) {
        Optional<Exercise> exercise = stuck.flatMap(ProgressCounter::exerciseOf).or(() -> fallback);
        exercise.ifPresent(e -> {
            ExerciseProgress progress = counted.getOrDefault(e, ExerciseProgress.none(e)).plusFailed();
            // the tests after the stuck one never ran: they count as skipped ("not started" holds every skip), so that
            // the row still adds up to the exercise's visible tests (QA learner26 L3)
            for (long left = plannedTests(e) - progress.total(); left > 0; left--) {
                progress = progress.plusNotStarted();
            }
            counted.put(e, progress);
            failures.add(e.id() + ": " + stuck.filter(TestIdentifier::isTest).map(t -> t.getDisplayName() + ": ").orElse("")
                    + reason);
        });
    }

    /** How many visible tests of {@code exercise} the current plan holds (0 before a plan started). */
    private long plannedTests(Exercise exercise) {
        if (plan == null) {
            return 0;
        }
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest)
                .filter(test -> exerciseOf(test).filter(exercise::equals).isPresent())
                .count();
    }

    synchronized TestRunResult result() {
        Map<Exercise, List<String>> lines = new HashMap<>();
        toWrite.forEach((e, set) -> lines.put(e, List.copyOf(set)));
        return new TestRunResult(counted, failures, lines, List.of(), reports);
    }

    private void count(TestIdentifier test, java.util.function.UnaryOperator<ExerciseProgress> step) {
        exerciseOf(test).ifPresent(e -> counted.put(e, step.apply(counted.getOrDefault(e, ExerciseProgress.none(e)))));
    }

    /**
     * The exercise whose visible test {@code test} is; empty for the student's own tests: a {@code ...StudentTest}
     * class and the classes nested in it ({@code BumpAllocatorStudentTest$WhenFresh}, a {@code @Nested} group).
     */
    private static Optional<Exercise> exerciseOf(TestIdentifier test) {
        return test.getSource().flatMap(ProgressCounter::classNameOf)
                .filter(name -> !topLevel(name).endsWith("StudentTest"))
                .flatMap(Curriculum::owning);
    }

    /** {@code a.B} for {@code a.B$C$D}. */
    private static String topLevel(String binaryName) {
        int nested = binaryName.indexOf('$');
        return nested < 0 ? binaryName : binaryName.substring(0, nested);
    }

    private static Optional<String> classNameOf(TestSource source) {
        if (source instanceof MethodSource method) {
            return Optional.of(method.getClassName());
        }
        if (source instanceof ClassSource type) {
            return Optional.of(type.getClassName());
        }
        return Optional.empty();
    }
}
