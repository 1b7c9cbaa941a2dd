package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The watchdog over an in-process launch: what it says when it gives up on a test that does not return. */
class TimedTestRunTest {
    @Test
    @Timeout(30)
    void a_test_that_never_returns_is_named_with_how_many_tests_after_it_never_ran() {
        // GIVEN a launch of four tests whose second never returns (until this test releases it)
        TestPlan plan = FakeTestPlans.planOf(4, null);
        List<TestIdentifier> tests = plan.getChildren(plan.getRoots().iterator().next()).stream().toList();
        List<String> said = new CopyOnWriteArrayList<>();
        AtomicBoolean release = new AtomicBoolean();
        TestExecutionListener counter = new TestExecutionListener() { };
        // WHEN it runs under the watchdog with a limit of 200 ms
        boolean ended = TimedTestRun.run(counter, (stuck, why) -> said.add(stuck.map(TestIdentifier::getDisplayName)
                .orElse("?") + ": " + why), "fake", Duration.ofMillis(200), getClass().getClassLoader(), listener -> {
                    listener.testPlanExecutionStarted(plan);
                    listener.executionStarted(tests.get(0));
                    listener.executionFinished(tests.get(0), org.junit.platform.engine.TestExecutionResult.successful());
                    listener.executionStarted(tests.get(1));
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                });
        release.set(true);
        // THEN it was abandoned, and the sentence names the stuck test and the two that never ran
        assertThat(ended).isFalse();
        assertThat(said).singleElement().asString().startsWith("t1(): stopped after ")
                .contains("your code did not return").endsWith("; 2 tests after it did not run");
    }
}
