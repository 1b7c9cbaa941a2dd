package dev.alloclab.companion;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the student's own tests of one coverage run: passed, failed, and "not started" (aborted or skipped, as a
 * test that reaches a stub is). The grader counts the coverage of failing tests too, but a student should know
 * they fail.
 */
final class StudentTestTally implements InProcessTests.StoppableListener {
    private int passed;
    private int failed;
    private int notStarted;
    private final List<String> failures = new ArrayList<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            notStarted++;
        } else if (plan != null) {
            notStarted += (int) plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed++;
            case ABORTED -> notStarted++;
            case FAILED -> {
                failed++;
                failures.add(identifier.getDisplayName() + ": "
                        + result.getThrowable().map(FailureLine::of).orElse("failed"));
            }
        }
    }

    /** The watchdog stopped the run: the test that was running failed, and the ones after it never ran. */
    @Override
    public void stopped(java.util.Optional<TestIdentifier> stuck, String reason) {
        failed++;
        failures.add(stuck.filter(TestIdentifier::isTest).map(t -> t.getDisplayName() + ": ").orElse("") + reason);
    }

    StudentTests result(List<String> classes, java.time.Duration took) {
        return new StudentTests(classes, passed, failed, notStarted, failures, took);
    }
}
