package dev.alloclab.exercises.support;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts, per exercise, the visible tests that passed, failed and were not started, and at the
 * end of the run prints the progress table ("next: bump — docs/exercises/bump.md", and the
 * methods to write) and writes the same counts as JSON to {@code target/alloclab-progress.json}
 * (or the file named by the system property {@value #SUMMARY_PROPERTY}).
 *
 * <p><b>Filtered runs.</b> When Surefire runs only some tests ({@code mvn test -Dtest=IntVecTest},
 * which Surefire passes on as the system property {@value #FILTER_PROPERTY}), the table shows
 * only the exercises whose tests ran, says so, and the summary file is left as the last full run
 * wrote it: a student who checks one exercise does not see the others fall back to "not started".
 * A filter that still selects every visible test of the course ({@code -Dtest='dev.alloclab.exercises.**'},
 * the kit's way to skip core's suite) is a whole run ({@link WholeRun}).
 *
 * <p><b>jqwik's reports.</b> {@code junit-platform.properties} sends jqwik's property reports to
 * the JUnit Platform instead of standard output, and this listener prints them, except the
 * report of a property that only reached a stub: that one would be a dozen lines (timestamp,
 * exception, seed table) to say what the table at the end says in one line. Failures, samples
 * and statistics are printed as jqwik prints them.
 *
 * <p><b>A course's exercises.</b> In a starter whose course rubric leaves out exercises, the table holds the
 * course's exercises only, never names a dropped one as next, and lists the dropped ones on a line of their own
 * ({@link CourseExercises}).
 *
 * <p>Tests in a class whose name ends with {@code StudentTest} are the student's own and do not
 * count: progress is measured by the visible tests only. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, which the JUnit
 * Platform launcher (and so Surefire) loads by itself.
 */
public final class ProgressListener implements TestExecutionListener {
    /** System property naming the JSON summary file. */
    public static final String SUMMARY_PROPERTY = "alloclab.progress.file";
    /** The system property Surefire sets from {@code -Dtest=...}: a filtered run. */
    public static final String FILTER_PROPERTY = "test";

    private final Map<Exercise, ExerciseProgress> counted = new HashMap<>();
    private final Map<Exercise, Set<String>> toWrite = new HashMap<>();
    private TestPlan plan;
    /** Under {@code mvn test} only ({@link StuckTestWatchdog#PROPERTY}): ends a run a test will never finish. */
    private StuckTestWatchdog watchdog;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        counted.clear();
        toWrite.clear();
        if (watchdog == null && Boolean.getBoolean(StuckTestWatchdog.PROPERTY)) {
            watchdog = new StuckTestWatchdog(StuckTestWatchdog.limitFor(testPlan.getConfigurationParameters()
                    .get("junit.jupiter.execution.timeout.testable.method.default")), sentence -> {
                        System.out.println(sentence);
                        System.out.flush();
                    }, ProgressListener::endTheTestJvm);
        }
    }

    /**
     * Ends the test JVM after the watchdog's sentence: a second first, so that Surefire, which sends a forked JVM's
     * output on in batches, has passed it on.
     */
    private static void endTheTestJvm() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (watchdog != null && identifier.isTest()) {
            watchdog.started(displayName(identifier), exerciseOf(identifier).map(Exercise::id).orElse(""));
        }
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
        if (watchdog != null) {
            watchdog.finished();
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> count(identifier, ExerciseProgress::plusPassed);
            case FAILED -> count(identifier, ExerciseProgress::plusFailed);
            case ABORTED -> {
                count(identifier, ExerciseProgress::plusNotStarted);
                result.getThrowable().map(Throwable::getMessage).flatMap(NotStarted::whatToWrite)
                        .ifPresent(line -> exerciseOf(identifier).ifPresent(
                                e -> toWrite.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(line)));
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.values().stream().anyMatch(value -> value.contains(NotStarted.PREFIX))) {
            return;
        }
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(key).append(" =").append(value.startsWith("\n") ? "" : " ")
                .append(value).append('\n'));
        System.out.println(out);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (counted.isEmpty()) {
            return;
        }
        String filter = System.getProperty(FILTER_PROPERTY, "").trim();
        CourseExercises course = CourseExercises.inWorkingDirectory();
        boolean whole = filter.isEmpty() || WholeRun.selectsEveryVisibleTest(testPlan, course.exercises());
        ProgressReport report = whole ? course.report(counted) : course.reportOfRan(counted);
        StringBuilder out = new StringBuilder("\n").append(whole ? report.table() : report.filteredTable());
        course.droppedLine().ifPresent(line -> out.append(line).append('\n'));
        report.next().map(toWrite::get).filter(lines -> !lines.isEmpty()).ifPresent(lines -> {
            out.append("  methods to write next:\n");
            lines.stream().limit(6).forEach(line -> out.append("    - ").append(line).append('\n'));
        });
        if (!whole) {
            out.append("  (a filtered run, -Dtest=").append(filter).append(": only the exercises above ran, and the\n")
                    .append("   summary of the last full run is kept. For the whole table run 'mvn test', or a -Dtest\n")
                    .append("   that selects every exercise's tests: -Dtest='dev.alloclab.exercises.**'.)\n");
        }
        System.out.println(out);
        System.out.flush();
        if (whole) {
            writeSummary(report);
        }
    }

    private static void writeSummary(ProgressReport report) {
        Path file = Path.of(System.getProperty(SUMMARY_PROPERTY, "target/alloclab-progress.json"));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the progress summary " + file, e);
        }
    }

    private void count(TestIdentifier test, java.util.function.UnaryOperator<ExerciseProgress> step) {
        exerciseOf(test).ifPresent(e -> counted.merge(e, step.apply(ExerciseProgress.none(e)),
                (old, one) -> new ExerciseProgress(e, old.passed() + one.passed(), old.failed() + one.failed(),
                        old.notStarted() + one.notStarted())));
    }

    private static Optional<Exercise> exerciseOf(TestIdentifier test) {
        return test.getSource().flatMap(ProgressListener::classNameOf)
                .filter(name -> !isOwnTest(name))
                .flatMap(Curriculum::owning);
    }

    /**
     * True for a class of the student's own tests: a {@code ...StudentTest} class and the classes nested in it
     * ({@code BumpAllocatorStudentTest$WhenFresh}, a {@code @Nested} group), which the table does not count.
     */
    static boolean isOwnTest(String className) {
        int nested = className.indexOf('$');
        return (nested < 0 ? className : className.substring(0, nested)).endsWith("StudentTest");
    }

    /** {@code ExplicitFreeListAgreementTest > the_lists_agree(...)}: the test's class and its display name. */
    private static String displayName(TestIdentifier test) {
        return test.getSource().flatMap(ProgressListener::classNameOf)
                .map(name -> name.substring(name.lastIndexOf('.') + 1) + " > ").orElse("") + test.getDisplayName();
    }

    /** The class a test or container comes from, for the listener and {@link WholeRun}. */
    static Optional<String> classNameOf(TestSource source) {
        if (source instanceof MethodSource method) {
            return Optional.of(method.getClassName());
        }
        if (source instanceof ClassSource type) {
            return Optional.of(type.getClassName());
        }
        return Optional.empty();
    }
}
