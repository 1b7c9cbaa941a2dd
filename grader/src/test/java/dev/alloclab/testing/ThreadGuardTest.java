package dev.alloclab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link ThreadGuard} fails a class that leaves a thread spinning, and only that: a thread left waiting, one that ends
 * within the grace period, and a run that did not turn the guard on pass.
 *
 * <p>Each case runs a planted class through a JUnit Platform launcher of its own, registering the guard the way the
 * grader's surefire run does (autodetection and the service file, the parameter {@link ThreadGuard#ENABLED}). The
 * planted classes are static nested classes: surefire leaves nested classes out ({@code **}{@code /*$*}), and
 * {@link OnlyWhenPlanted} skips them in any other run (an IDE's run of the package), since only these launchers pass
 * its parameter. Every planted thread ends when the test is over ({@link #release}), so that this class passes its
 * own guard.
 */
class ThreadGuardTest {
    private static final String PLANTED = "alloclab.thread-guard.test.planted";
    /** Opened after each test: ends the planted threads of that test (each holds the latch it was started with). */
    private static volatile CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
    }

    @Test
    void a_class_that_leaves_a_spinning_thread_fails_with_the_thread_its_state_its_frames_and_what_to_do() {
        // WHEN a class whose test leaves a thread in an endless loop runs under the guard
        TestExecutionSummary summary = run(LeavesASpinningThread.class, true);
        // THEN its test passed, but the class failed: the guard names the class, the thread, its state and its frame
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getFailures()).hasSize(1);
        TestExecutionSummary.Failure failure = summary.getFailures().get(0);
        assertThat(failure.getTestIdentifier().isContainer()).isTrue();
        assertThat(failure.getException().getMessage())
                .startsWith("LeavesASpinningThread left 1 thread spinning after its last test")
                .contains("\"planted-spinner\" RUNNABLE, ")
                .contains("at " + ThreadGuardTest.class.getName() + ".spin(ThreadGuardTest.java:")
                .contains("What to do: end the loop when the test is over");
    }

    @Test
    void a_class_that_leaves_more_spinning_threads_than_cores_fails_naming_every_one() {
        // GIVEN far more spinners than cores, so that each gets a small share of one (FirstFailureReportTest left eight
        // on two cores, and each got 0-8 % of a core: a rule of "a tenth of a core" let them all pass)
        int spinners = LeavesManySpinningThreads.count();
        // WHEN a class leaves them and runs under the guard
        TestExecutionSummary summary = run(LeavesManySpinningThreads.class, true);
        // THEN the class fails, and the report names each of them
        assertThat(summary.getFailures()).hasSize(1);
        String report = summary.getFailures().get(0).getException().getMessage();
        assertThat(report).startsWith("LeavesManySpinningThreads left " + spinners + " threads spinning after its last test");
        for (int i = 0; i < spinners; i++) {
            assertThat(report).contains("\"planted-spinner-" + i + "\" RUNNABLE");
        }
    }

    @Test
    void a_class_that_leaves_a_waiting_thread_passes() {
        // WHEN a class leaves a thread waiting (as a pool's idle thread does) and runs under the guard
        TestExecutionSummary summary = run(LeavesAWaitingThread.class, true);
        // THEN it passes: a waiting thread slows nobody down
        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void a_class_whose_busy_thread_ends_within_the_grace_period_passes() {
        // WHEN a class leaves a thread that still works for half a second, then ends
        TestExecutionSummary summary = run(LeavesAThreadThatEndsSoon.class, true);
        // THEN it passes
        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void the_guard_does_nothing_in_a_run_that_did_not_turn_it_on() {
        // WHEN the spinning class runs with autodetection on but without the guard's parameter, as the in-process
        // check runs the student's tests (its class loader sees this module's service file)
        TestExecutionSummary summary = run(LeavesASpinningThread.class, false);
        // THEN the guard stays out of it
        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void the_service_file_names_the_guard() {
        // THEN autodetection finds the guard on this module's test classpath (the grader's surefire run turns it on)
        assertThat(java.util.ServiceLoader.load(org.junit.jupiter.api.extension.Extension.class).stream()
                .map(provider -> provider.type().getName()).toList()).contains(ThreadGuard.class.getName());
    }

    private static TestExecutionSummary run(Class<?> planted, boolean guardOn) {
        release = new CountDownLatch(1);
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(planted))
                        .filters(EngineFilter.includeEngines("junit-jupiter"))
                        .configurationParameters(Map.of(PLANTED, "true",
                                "junit.jupiter.extensions.autodetection.enabled", "true",
                                ThreadGuard.ENABLED, String.valueOf(guardOn)))
                        .build(), listener);
        return listener.getSummary();
    }

    private static Thread started(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** An endless loop, deaf to interrupts, as a stuck student's alloc; ends when {@code until} opens. */
    private static void spin(CountDownLatch until) {
        while (until.getCount() > 0) {
            Thread.onSpinWait();
        }
    }

    /** Runs the planted classes only in this test's launchers: never under surefire or in an IDE's run. */
    static final class OnlyWhenPlanted implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PLANTED).isPresent()
                    ? ConditionEvaluationResult.enabled("planted by ThreadGuardTest")
                    : ConditionEvaluationResult.disabled("a class planted for ThreadGuardTest, which runs it");
        }
    }

    @ExtendWith(OnlyWhenPlanted.class)
    static class LeavesASpinningThread {
        @Test
        void starts_a_loop_and_returns() {
            CountDownLatch until = release;
            started("planted-spinner", () -> spin(until));
        }
    }

    @ExtendWith(OnlyWhenPlanted.class)
    static class LeavesManySpinningThreads {
        /** Twelve per core: each gets at most a twelfth of a core, less on a loaded machine. */
        static int count() {
            return 12 * Runtime.getRuntime().availableProcessors();
        }

        @Test
        void starts_many_loops_and_returns() {
            CountDownLatch until = release;
            for (int i = 0; i < count(); i++) {
                started("planted-spinner-" + i, () -> spin(until));
            }
        }
    }

    @ExtendWith(OnlyWhenPlanted.class)
    static class LeavesAWaitingThread {
        @Test
        void starts_a_waiting_thread_and_returns() {
            CountDownLatch until = release;
            started("planted-waiter", () -> {
                try {
                    until.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @ExtendWith(OnlyWhenPlanted.class)
    static class LeavesAThreadThatEndsSoon {
        @Test
        void starts_half_a_second_of_work_and_returns() {
            CountDownLatch until = release;
            started("planted-finisher", () -> {
                long end = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() < end && until.getCount() > 0) {
                    Thread.onSpinWait();
                }
            });
        }
    }
}
