package dev.alloclab.companion;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts the student's own tests of one coverage run: passed, failed, "not started" (aborted at a stub) and
 * skipped for another reason ({@code @Disabled}, an assumption), and names the failures, a test class that failed as
 * a whole among them ({@code @BeforeAll}, {@code @AfterAll}, JUnit refusing the class). The grader counts the
 * coverage of failing tests too, but a student should know they fail.
 */
final class StudentTestTally implements InProcessTests.StoppableListener {
    private int passed;
    private int failed;
    private int notStarted;
    private final List<String> failures = new ArrayList<>();
    private final List<String> skips = new ArrayList<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            skips.add(identifier.getDisplayName() + ": " + reason);
        } else if (plan != null) {
            plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest)
                    .forEach(test -> skips.add(test.getDisplayName() + ": " + reason));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            // a class (or the engine) that failed as a whole: its @BeforeAll or @AfterAll threw, or JUnit refused it
            // (a non-static @BeforeAll); its tests may never have run, and "no test ran" alone would hide why
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failed++;
                failures.add(identifier.getDisplayName() + (identifier.getParentId().isPresent() ? " (whole class): "
                        : " (before any test ran): ") + result.getThrowable().map(FailureLine::of).orElse("failed"));
            }
            return;
        }
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed++;
            case ABORTED -> {
                if (result.getThrowable().filter(t -> dev.alloclab.core.NotImplemented.foundIn(t).isPresent()).isPresent()) {
                    notStarted++;
                } else {
                    skips.add(identifier.getDisplayName() + ": "
                            + result.getThrowable().map(FailureLine::message).orElse("aborted"));
                }
            }
            case FAILED -> {
                failed++;
                failures.add(pathOf(identifier) + ": " + result.getThrowable().map(FailureLine::of).orElse("failed"));
            }
        }
    }

    /**
     * The test's name with the containers it is in below its class, as the grade names it: {@code
     * sizes_are_multiples_of_8(int) > [2] 5}, {@code WhenFull > nested_failing()}, not {@code [2] 5} alone.
     */
    private String pathOf(TestIdentifier test) {
        StringBuilder name = new StringBuilder(test.getDisplayName());
        java.util.Optional<TestIdentifier> parent = plan == null ? java.util.Optional.empty() : plan.getParent(test);
        while (parent.isPresent() && parent.get().getParentId().isPresent()
                && !isTopLevelClass(parent.get())) {
            name.insert(0, parent.get().getDisplayName() + " > ");
            parent = plan.getParent(parent.get());
        }
        return name.toString();
    }

    private static boolean isTopLevelClass(TestIdentifier container) {
        return container.getSource().filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
                .map(s -> !((org.junit.platform.engine.support.descriptor.ClassSource) s).getClassName().contains("$"))
                .orElse(false);
    }

    /**
     * Hears JUnit's warnings while it discovers the tests: a {@code @Test} it will not run (private, static,
     * returning a value) is only a line in its log, and here a skip with JUnit's reason.
     */
    org.junit.platform.launcher.LauncherDiscoveryListener refusals() {
        return new org.junit.platform.launcher.LauncherDiscoveryListener() {
            @Override
            public void issueEncountered(org.junit.platform.engine.UniqueId engine,
                    org.junit.platform.engine.DiscoveryIssue issue) {
                if (issue.severity() == org.junit.platform.engine.DiscoveryIssue.Severity.WARNING) {
                    String name = issue.source()
                            .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                            .map(m -> ((org.junit.platform.engine.support.descriptor.MethodSource) m).getMethodName() + "()")
                            .orElse("JUnit");
                    synchronized (StudentTestTally.this) {
                        skips.add(name + ": JUnit does not run it: " + issue.message());
                    }
                }
            }
        };
    }

    /** The watchdog stopped the run: the test that was running failed, and the ones after it never ran. */
    @Override
    public void stopped(java.util.Optional<TestIdentifier> stuck, String reason) {
        failed++;
        failures.add(stuck.filter(TestIdentifier::isTest).map(t -> t.getDisplayName() + ": ").orElse("") + reason);
    }

    StudentTests result(List<String> classes, java.time.Duration took) {
        return new StudentTests(classes, passed, failed, notStarted, failures, took, skips);
    }
}
