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
import java.util.regex.Pattern;
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
    /** How long a line of the failing-tests list may get. */
    static final int MAX_LINE = 200;
    /** {@code at pkg.Class.method(File.java:12)}, and AssertJ's {@code ...(10 remaining lines not displayed ...}. */
    private static final Pattern STACK_FRAME = Pattern.compile("at \\S+\\(.*\\)|\\.\\.\\.\\(.*");

    private final Map<Exercise, ExerciseProgress> counted = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<Exercise, Set<String>> toWrite = new HashMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            count(identifier, ExerciseProgress::plusNotStarted);
        } else if (plan != null) {
            plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> count(test, ExerciseProgress::plusNotStarted));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            return;
        }
        Optional<Exercise> exercise = exerciseOf(identifier);
        switch (result.getStatus()) {
            case SUCCESSFUL -> count(identifier, ExerciseProgress::plusPassed);
            case FAILED -> {
                count(identifier, ExerciseProgress::plusFailed);
                exercise.ifPresent(e -> failures.add(e.id() + ": " + identifier.getDisplayName() + ": "
                        + result.getThrowable().map(ProgressCounter::firstLine).orElse("failed")));
            }
            case ABORTED -> {
                count(identifier, ExerciseProgress::plusNotStarted);
                exercise.ifPresent(e -> result.getThrowable().map(ProgressCounter::firstLine)
                        .ifPresent(line -> toWrite.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(line)));
            }
        }
    }

    /**
     * The one line the failing-tests list shows for {@code t}: its message's first line, unless that
     * line is only a label ending in a colon, as AssertJ's are ("Expecting actual throwable to be an
     * instance of:"). Then the values under it are joined in, up to the first blank line or stack
     * frame: "Expecting actual throwable to be an instance of: java.lang.IllegalStateException but
     * was: java.lang.IllegalArgumentException: negative size". At most {@value #MAX_LINE} characters.
     */
    static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (message.isEmpty()) {
            return t.getClass().getSimpleName();
        }
        List<String> lines = message.lines().map(String::strip).toList();
        if (!lines.get(0).endsWith(":")) {
            return capped(lines.get(0));
        }
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty() || STACK_FRAME.matcher(line).matches() || joined.length() > MAX_LINE) {
                break;
            }
            joined.append(joined.length() == 0 ? "" : " ").append(line);
        }
        return capped(joined.toString());
    }

    private static String capped(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...";
    }

    TestRunResult result() {
        Map<Exercise, List<String>> lines = new HashMap<>();
        toWrite.forEach((e, set) -> lines.put(e, List.copyOf(set)));
        return new TestRunResult(counted, failures, lines, List.of());
    }

    private void count(TestIdentifier test, java.util.function.UnaryOperator<ExerciseProgress> step) {
        exerciseOf(test).ifPresent(e -> counted.put(e, step.apply(counted.getOrDefault(e, ExerciseProgress.none(e)))));
    }

    private static Optional<Exercise> exerciseOf(TestIdentifier test) {
        return test.getSource().flatMap(ProgressCounter::classNameOf)
                .filter(name -> !name.endsWith("StudentTest"))
                .flatMap(Curriculum::owning);
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
