package dev.alloclab.companion;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A watchdog over one in-process test launch: the tests run in a thread of their own ({@link TestThreads#GROUP}),
 * and when no test starts or ends for longer than the time limit, the companion stops waiting, counts the test that
 * was running as failed ("stopped after 21 s: your code did not return ...") and goes on with the next exercise.
 *
 * <p><b>Why a watchdog, and what it cannot do.</b> The grader runs the tests in a JVM of its own and kills it; the
 * companion runs them in its own JVM (that is what makes {@code check} fast), and a thread there cannot be killed
 * safely: {@code Thread.stop} may leave locks and objects broken and is gone from newer JDKs. So the stuck thread is
 * interrupted (which ends a sleep, a wait or a blocked queue) and then abandoned: it is a daemon, its output is
 * dropped ({@link TestThreads}), its events are ignored, and its class loader is never used again; an endless loop
 * keeps one core busy until the command ends ({@code check}, {@code progress}) or the student leaves {@code watch}.
 * JUnit Jupiter's own per-test limit ({@code junit.jupiter.execution.timeout.testable.method.default} with the
 * {@code SEPARATE_THREAD} mode, set by {@link InProcessTests}) fails a stuck Jupiter test a little earlier and lets
 * the other tests of the exercise run; the watchdog is what stops a jqwik property (jqwik has no time limit), a
 * static initializer or a lifecycle method.
 */
final class TimedTestRun implements TestExecutionListener {
    /**
     * The limit of {@code check}, {@code progress} and {@code watch} unless {@code --timeout} or the course says
     * otherwise: what the grader gives a test when the course sets no limit ({@link GradingTimeLimit}).
     */
    static final Duration DEFAULT_LIMIT = Duration.ofSeconds(
            GradingTimeLimit.perTestSeconds(GradingTimeLimit.DEFAULT_EXERCISE_SECONDS));
    /** How much longer than the limit the watchdog waits, so that Jupiter's own limit fires first where it can. */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 50;

    private final TestExecutionListener counter;
    private final BiConsumer<Optional<TestIdentifier>, String> stopped;
    private final Deque<TestIdentifier> running = new ArrayDeque<>();
    private long lastEvent;
    private boolean abandoned;
    /** The tests of the plan, and how many of them started or were skipped: the rest never ran if it is abandoned. */
    private long planned;
    private long reached;
    private org.junit.platform.launcher.TestPlan plan;

    private TimedTestRun(TestExecutionListener counter, BiConsumer<Optional<TestIdentifier>, String> stopped) {
        this.counter = counter;
        this.stopped = stopped;
    }

    /**
     * Runs {@code launch} (which must report to the listener it is given) in a new thread of the tests' group whose
     * context class loader is {@code loader}, and waits until it ends or stalls for {@code limit} plus
     * {@link #GRACE}. Events go on to {@code counter} until then. Returns true when it ended, false when it was
     * abandoned: {@code stopped} is then told which test was running (none, when a class initializer or a lifecycle
     * method stalled) and why, and {@code counter} hears nothing more.
     */
    static boolean run(TestExecutionListener counter, BiConsumer<Optional<TestIdentifier>, String> stopped,
            String threadName, Duration limit, ClassLoader loader, Consumer<TestExecutionListener> launch) {
        TimedTestRun watchdog = new TimedTestRun(counter, stopped);
        Throwable[] crash = new Throwable[1];
        Thread tests = new Thread(TestThreads.GROUP, () -> {
            try {
                launch.accept(watchdog);
            } catch (RuntimeException | Error e) {
                crash[0] = e;
            }
        }, "alloclab-tests-" + threadName);
        tests.setDaemon(true);
        tests.setContextClassLoader(loader);
        synchronized (watchdog) {
            watchdog.lastEvent = System.nanoTime();
        }
        tests.start();
        long patience = limit.plus(GRACE).toNanos();
        try {
            while (true) {
                tests.join(POLL_MILLIS);
                if (!tests.isAlive()) {
                    break;
                }
                if (watchdog.stalledFor() > patience) {
                    watchdog.abandon(tests);
                    return false;
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            watchdog.abandon(tests);
            return false;
        }
        if (crash[0] instanceof RuntimeException e) {
            throw e;
        }
        if (crash[0] instanceof Error e) {
            throw e;
        }
        return true;
    }

    private synchronized long stalledFor() {
        return System.nanoTime() - lastEvent;
    }

    private synchronized void abandon(Thread tests) {
        abandoned = true;
        long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - lastEvent).toSeconds());
        Optional<TestIdentifier> stuck = Optional.ofNullable(running.peekLast());
        // where the student's code was, as mvn test's stack trace shows it: the loop to look at
        long neverRan = Math.max(0, planned - reached);
        stopped.accept(stuck, "stopped after " + seconds + " s" + stuck.map(TimedTestRun::where).orElse("") + ": "
                + FailureLine.DID_NOT_RETURN + FailureLine.stuckIn(tests.getStackTrace())
                + (neverRan == 0 ? "" : neverRan == 1 ? "; 1 test after it did not run"
                        : "; " + neverRan + " tests after it did not run"));
        tests.interrupt();
    }

    /** {@code " in BuddyTest"} for a class; nothing for a test, whose name the failure line already shows. */
    private static String where(TestIdentifier identifier) {
        if (identifier.isTest() || identifier.getSource().filter(MethodSource.class::isInstance).isPresent()) {
            return "";
        }
        return " in " + identifier.getDisplayName();
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        if (!abandoned) {
            lastEvent = System.nanoTime();
            running.addLast(identifier);
            reached += identifier.isTest() ? 1 : 0;
            counter.executionStarted(identifier);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (!abandoned) {
            lastEvent = System.nanoTime();
            reached += plan == null ? (identifier.isTest() ? 1 : 0)
                    : identifier.isTest() ? 1 : plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
            counter.executionSkipped(identifier, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!abandoned) {
            lastEvent = System.nanoTime();
            running.remove(identifier);
            counter.executionFinished(identifier, result);
        }
    }

    @Override
    public synchronized void testPlanExecutionStarted(org.junit.platform.launcher.TestPlan plan) {
        if (!abandoned) {
            this.plan = plan;
            planned = plan.countTestIdentifiers(TestIdentifier::isTest);
            counter.testPlanExecutionStarted(plan);
        }
    }
}
