package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The progress listener driven by hand over real test plans, as Surefire would drive it for a {@code -Dtest} run:
 * which runs are whole (summary written, next named) and which are filtered. Kit-only: not exported.
 */
class ProgressListenerTest {
    @TempDir
    Path temp;

    @Test
    void a_dtest_that_selects_every_exercise_is_a_whole_run_with_next_named_and_the_summary_written() {
        // GIVEN the plan Surefire runs for -Dtest='dev.alloclab.exercises.**' (every class of the package)
        TestPlan plan = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(Exercise.BASE_PACKAGE)));
        Path summary = temp.resolve("progress.json");
        // WHEN every test of it is reported not started, and the run ends
        String printed = runWithFilter("dev.alloclab.exercises.**", summary, plan);
        // THEN it is the whole table: the first exercise is next, no "filtered" note, and the summary is written
        Exercise first = Curriculum.exercises().get(0);
        assertThat(printed).contains("next: " + first.id()).doesNotContain("a filtered run");
        assertThat(summary).exists();
    }

    @Test
    void a_dtest_that_selects_one_test_class_is_a_filtered_run_that_keeps_the_summary() {
        // GIVEN the plan of one visible test class of the first exercise
        String oneClass = visibleTestClassOf(Curriculum.exercises().get(0));
        TestPlan plan = discover(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(oneClass)));
        Path summary = temp.resolve("progress.json");
        // WHEN the run ends
        String printed = runWithFilter(oneClass, summary, plan);
        // THEN the table says it was filtered, shows how to get the whole table, and writes no summary
        assertThat(printed).contains("a filtered run, -Dtest=" + oneClass, "-Dtest='dev.alloclab.exercises.**'");
        assertThat(summary).doesNotExist();
    }

    @Test
    void a_dtest_that_leaves_out_one_method_is_a_filtered_run() {
        // GIVEN the whole package but for one visible test method (as -Dtest='...,!Class#method' would)
        String oneClass = visibleTestClassOf(Curriculum.exercises().get(0));
        PostDiscoveryFilter dropOne = new PostDiscoveryFilter() {
            private boolean dropped;

            @Override
            public FilterResult apply(org.junit.platform.engine.TestDescriptor descriptor) {
                boolean drop = !dropped && descriptor.isTest() && descriptor.getSource()
                        .filter(s -> s instanceof MethodSource m && m.getClassName().equals(oneClass)).isPresent();
                dropped |= drop;
                return drop ? FilterResult.excluded("left out") : FilterResult.included("kept");
            }
        };
        TestPlan plan = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(Exercise.BASE_PACKAGE)).filters(dropOne));
        // WHEN the run ends THEN it is not the whole table
        assertThat(WholeRun.selectsEveryVisibleTest(plan, Curriculum.exercises())).isFalse();
        assertThat(WholeRun.selectsEveryVisibleTest(discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(Exercise.BASE_PACKAGE))), Curriculum.exercises())).isTrue();
    }

    /** Drives a fresh listener through {@code plan}, every test skipped, with -Dtest={@code filter}; returns what it printed. */
    private static String runWithFilter(String filter, Path summary, TestPlan plan) {
        String oldFilter = System.getProperty(ProgressListener.FILTER_PROPERTY);
        String oldSummary = System.getProperty(ProgressListener.SUMMARY_PROPERTY);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty(ProgressListener.FILTER_PROPERTY, filter);
        System.setProperty(ProgressListener.SUMMARY_PROPERTY, summary.toString());
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ProgressListener listener = new ProgressListener();
            listener.testPlanExecutionStarted(plan);
            tests(plan).forEach(test -> listener.executionSkipped(test, "driven by hand"));
            listener.testPlanExecutionFinished(plan);
        } finally {
            System.setOut(oldOut);
            restore(ProgressListener.FILTER_PROPERTY, oldFilter);
            restore(ProgressListener.SUMMARY_PROPERTY, oldSummary);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static TestPlan discover(LauncherDiscoveryRequestBuilder request) {
        return LauncherFactory.create().discover(request.build());
    }

    private static Stream<TestIdentifier> tests(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream()).filter(TestIdentifier::isTest);
    }

    private static String visibleTestClassOf(Exercise exercise) {
        TestPlan all = discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(exercise.javaPackage())));
        return tests(all).map(t -> t.getSource().orElseThrow()).filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getClassName()).filter(name -> !name.endsWith("StudentTest"))
                .findFirst().orElseThrow(() -> new AssertionError("no visible test class in " + exercise.javaPackage()));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void the_student_s_own_tests_and_their_nested_groups_are_not_counted_as_visible_tests() {
        // a @Nested group of an own test class is its own class ($WhenFresh): mvn test counted it as a visible test
        assertThat(ProgressListener.isOwnTest("dev.alloclab.exercises.bump.BumpAllocatorStudentTest")).isTrue();
        assertThat(ProgressListener.isOwnTest("dev.alloclab.exercises.bump.BumpAllocatorStudentTest$WhenFresh")).isTrue();
        assertThat(ProgressListener.isOwnTest("dev.alloclab.exercises.bump.BumpAllocatorTest")).isFalse();
        assertThat(ProgressListener.isOwnTest("dev.alloclab.exercises.bump.BumpAllocatorTest$Nested")).isFalse();
    }
}
