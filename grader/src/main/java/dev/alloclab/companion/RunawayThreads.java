package dev.alloclab.companion;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The threads of the learner's code that are still using the CPU after their tests ended: the test the time limit
 * stopped (a thread cannot be ended safely inside a running JVM, so {@link TimedTestRun} abandons it) and any thread
 * a test started and left looping. Each keeps a core busy until the JVM exits, which makes every later run of
 * {@code watch} slower and its time limits tighter, so {@code watch} starts again in a fresh JVM when it finds one.
 *
 * <p>A thread counts only when it is alive after a short grace (a thread that is just finishing is not a runaway)
 * and its CPU time grew over a sampling window: a thread left waiting (an executor the test did not shut down, a
 * sleep) costs nothing and is no reason to start again.
 */
public final class RunawayThreads {
    /** How long the threads get to end, and then how long their CPU use is watched. */
    static final Duration GRACE = Duration.ofMillis(150);
    static final Duration WINDOW = Duration.ofMillis(200);
    /**
     * CPU time over the window that makes a thread a runaway: 5 ms. A waiting thread uses microseconds; a looping one
     * gets 200 ms on an idle machine and still 20 ms where twenty threads share two cores.
     */
    private static final long BUSY_NANOS = Duration.ofMillis(5).toNanos();

    /** One thread that kept running, and where it was when last seen (its innermost frame of the learner's code). */
    public record Runaway(String name, Optional<StackTraceElement> where) {
        /** {@code FrameStack.stackLength (FrameStack.java:56)}, or the thread's name when no frame is known. */
        public String describe() {
            return where.map(frame -> simpleClassName(frame.getClassName()) + "." + frame.getMethodName() + " ("
                    + frame.getFileName() + ":" + frame.getLineNumber() + ")").orElse("thread " + name);
        }
    }

    private RunawayThreads() {
    }

    /** The threads of {@code group} (and its subgroups) that are still alive and busy; empty when none. */
    public static List<Runaway> in(ThreadGroup group) {
        List<Thread> alive = alive(group);
        if (alive.isEmpty()) {
            return List.of();
        }
        sleep(GRACE);
        alive = alive(group);
        if (alive.isEmpty()) {
            return List.of();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean measurable = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        long[] before = cpuTimes(threads, alive, measurable);
        sleep(WINDOW);
        long[] after = cpuTimes(threads, alive, measurable);
        List<Runaway> busy = new ArrayList<>();
        for (int i = 0; i < alive.size(); i++) {
            Thread thread = alive.get(i);
            boolean running = measurable ? before[i] >= 0 && after[i] - before[i] >= BUSY_NANOS
                    : thread.getState() == Thread.State.RUNNABLE; // no CPU clock: a runnable thread is the best guess
            if (thread.isAlive() && running) {
                busy.add(new Runaway(thread.getName(), learnersFrame(thread.getStackTrace())));
            }
        }
        return List.copyOf(busy);
    }

    /**
     * The innermost frame outside the JDK, JUnit, jqwik, AssertJ and the kit's core (the {@code HeapBytes} a loop
     * reads): usually the learner's loop. The companion's own frames are never inside the learner's, so they need no
     * skipping.
     */
    static Optional<StackTraceElement> learnersFrame(StackTraceElement[] stack) {
        return Arrays.stream(stack).filter(frame -> !isLibrary(frame.getClassName())).findFirst();
    }

    private static boolean isLibrary(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("org.junit.")
                || className.startsWith("net.jqwik.") || className.startsWith("org.assertj.")
                || className.startsWith("org.opentest4j.") || className.startsWith("dev.alloclab.core.");
    }

    private static String simpleClassName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static List<Thread> alive(ThreadGroup group) {
        Thread[] threads = new Thread[Math.max(16, group.activeCount() * 2)];
        int count = group.enumerate(threads, true);
        List<Thread> alive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive()) {
                alive.add(threads[i]);
            }
        }
        return alive;
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19's; the kit runs on 17
    private static long[] cpuTimes(ThreadMXBean threads, List<Thread> alive, boolean measurable) {
        long[] times = new long[alive.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = measurable ? threads.getThreadCpuTime(alive.get(i).getId()) : -1;
        }
        return times;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
