package dev.alloclab.testing;

import dev.alloclab.companion.RunawayThreads;
import dev.alloclab.companion.RunawayThreads.Runaway;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Fails a test class that leaves threads spinning after its last test: threads it started that are still alive and
 * still burning CPU once the class is over.
 *
 * <p>Why: {@code check} stops a stuck student test by abandoning its thread (a thread cannot be killed safely), so a
 * grader test that plants an endless loop and does not end it leaves that thread spinning in the test JVM. In session
 * 17 {@code FirstFailureReportTest} left seven of them, every later class in the grader module ran at a third of its
 * speed, and CI went from 10 to 25–30 minutes without a single red test. This guard makes such a leftover red, in the
 * class that left it (its first full run found one more: {@code CoverageCommandTest}'s endless jqwik property).
 *
 * <p>The rule, per top-level test class ({@link Nested} classes are covered by their outer class):
 * <ol>
 *   <li>before the class: note the ids of the live threads;</li>
 *   <li>after the class: the suspects are the live threads that were not in that set;</li>
 *   <li>measure each suspect's CPU time ({@link ThreadMXBean#getThreadCpuTime}) over a {@value RunawayThreads#WINDOW_MILLIS} ms
 *       window; a suspect that is not RUNNABLE at its end, or used less than 1 % of it, is idle (a pool thread waiting
 *       for work, a process reaper, a file watcher, a cleaner): it may stay, and if all are idle the class passes;</li>
 *   <li>the busy ones get up to {@value #GRACE_MILLIS} ms to end or go idle, measured again window after window;</li>
 *   <li>those that are still RUNNABLE then, and used at least 1 % of a core over the last {@value #DECISION_MILLIS} ms,
 *       fail the class, named with their state and top frames, and with what to do.</li>
 * </ol>
 * The bar is low on purpose: spinners share the cores, so each of many gets a small share (the rule is {@link RunawayThreads#busy}'s, which {@code watch} uses too). A
 * class that leaves no new thread costs nothing; one that leaves idle threads costs one window. A loop that sleeps a
 * few milliseconds per turn may stay under 1 % and pass: it slows nobody down either. The rule assumes the classes run
 * one after the other (surefire's default here): in parallel runs a neighbour's threads would be counted.
 *
 * <p>Registered for every class of the grader module's tests by autodetection (the service file in
 * {@code src/test/resources/META-INF/services}); it acts only when the configuration parameter {@value #ENABLED} is
 * {@code true}, which only surefire's configuration in grader/pom.xml sets. That gate matters: the in-process
 * {@code check}, {@code progress} and {@code coverage} run the student's tests through a launcher of their own, with
 * autodetection on and a class loader whose parent sees this module's test classes, so the service file reaches those
 * runs too; without the parameter there the guard does nothing, and the student's classes are judged by the kit alone.
 * (Test resources never reach the grader's jars, so the grading JVM does not see the service file at all.)
 */
public final class ThreadGuard implements BeforeAllCallback, AfterAllCallback {
    /** The configuration parameter that turns the guard on (grader/pom.xml, surefire's configurationParameters). */
    public static final String ENABLED = "alloclab.thread-guard.enabled";
    /** How long busy leftovers get to end or go idle before they fail the class. */
    static final long GRACE_MILLIS = 2000;
    /** The span, at the end of the grace period, whose CPU time decides which leftovers fail the class. */
    static final long DECISION_MILLIS = 1000;
    /** How many frames of each leftover the failure shows. */
    private static final int FRAMES = 4;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ThreadGuard.class);
    private static final String BEFORE = "threads alive before the class";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (guards(context)) {
            context.getStore(NAMESPACE).put(BEFORE, liveThreads().keySet());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Set<Long> before = guards(context) ? context.getStore(NAMESPACE).get(BEFORE, Set.class) : null;
        if (before == null) {
            return;
        }
        List<Runaway> spinning = spinningAfterGrace(before);
        if (!spinning.isEmpty()) {
            throw new AssertionError(report(context.getRequiredTestClass(), spinning));
        }
    }

    private static boolean guards(ExtensionContext context) {
        return context.getConfigurationParameter(ENABLED, Boolean::parseBoolean).orElse(false)
                && context.getTestClass().isPresent()
                && !AnnotationSupport.isAnnotated(context.getTestClass().get(), Nested.class)
                && cpuTimeMeasurable();
    }

    private static boolean cpuTimeMeasurable() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
    }

    /** The threads not alive {@code before} that still burn CPU after {@link #GRACE_MILLIS} ({@link RunawayThreads#busy}). */
    static List<Runaway> spinningAfterGrace(Set<Long> before) {
        List<Thread> suspects = new ArrayList<>(liveThreads().values());
        suspects.removeIf(t -> before.contains(t.getId()));
        return RunawayThreads.busy(suspects, Duration.ofMillis(GRACE_MILLIS), Duration.ofMillis(DECISION_MILLIS));
    }

    private static Map<Long, Thread> liveThreads() {
        Map<Long, Thread> live = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            live.put(t.getId(), t);
        }
        return live;
    }

    /** The failure: what went wrong, the threads with their state and top frames, and what to do. */
    static String report(Class<?> testClass, List<Runaway> spinning) {
        StringBuilder text = new StringBuilder();
        text.append(testClass.getSimpleName()).append(" left ").append(spinning.size())
                .append(spinning.size() == 1 ? " thread" : " threads")
                .append(" spinning after its last test (started during the class, still using CPU ")
                .append(GRACE_MILLIS / 1000).append(" s after it ended):\n");
        for (Runaway s : spinning) {
            text.append("  \"").append(s.name()).append("\" ").append(s.state()).append(", ").append(s.cpuMillis())
                    .append(" ms of CPU in ").append(s.spanMillis()).append(" ms\n");
            s.frames().stream().filter(f -> !plumbing(f)).limit(FRAMES)
                    .forEach(f -> text.append("      at ").append(frame(f)).append('\n'));
        }
        text.append("  Every later test class in this JVM runs slower while they spin (session 17: the grader suite took\n"
                + "  25-30 min instead of 10). A test stopped by a time limit is abandoned, not killed, so its loop\n"
                + "  runs on.\n"
                + "  What to do: end the loop when the test is over: make it also check a flag the test class sets in\n"
                + "  @AfterEach, as FirstFailureReportTest and CompanionTimeLimitTest do with a system property.");
        return text.toString();
    }

    /** Reflection and lambda frames, which say nothing about where the loop is. */
    private static boolean plumbing(StackTraceElement f) {
        String type = f.getClassName();
        return type.startsWith("jdk.internal.reflect.") || type.startsWith("java.lang.reflect.") || type.contains("$$Lambda");
    }

    /** {@code Class.method(File.java:line)}, without the class loader and module names of {@code toString()}. */
    private static String frame(StackTraceElement f) {
        String where = f.getFileName() == null ? "Unknown Source"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

}
