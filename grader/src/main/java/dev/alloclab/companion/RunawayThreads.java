package dev.alloclab.companion;

import dev.alloclab.core.SourceLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Threads that are still using the CPU after the code that started them is over: a test the time limit stopped (a
 * thread cannot be ended safely inside a running JVM, so {@link TimedTestRun} abandons it) and any thread a test left
 * looping. Each keeps a core busy until the JVM exits. {@code watch} asks after every run and starts again in a fresh
 * JVM when it finds one; the grader's own test suite asks after every test class (its {@code ThreadGuard}), since such
 * leftovers once tripled its running time unnoticed.
 *
 * <p>The rule ({@link #busy}): the suspects' CPU time is sampled every {@value #WINDOW_MILLIS} ms; as soon as one
 * window finds every suspect idle (ended, not RUNNABLE, or under 1 % of a core), there is no runaway: a pool waiting
 * for work or a thread blocked in native code costs nothing. Otherwise they get a grace period to end, and those that
 * used at least 1 % of a core over its last part are runaways. So low a bar, and over a span rather than one window,
 * because runaways share the cores: eight spinning threads on two loaded cores got 0–8 % each, and one got no CPU at
 * all for 180 ms.
 */
public final class RunawayThreads {
    /** How often the suspects' CPU time is sampled. */
    public static final long WINDOW_MILLIS = 200;
    /** The grace and the judged span {@code watch} uses: a stuck test's thread is long past its end by then. */
    static final Duration WATCH_GRACE = Duration.ofSeconds(1);

    /**
     * One thread that kept running: its name, its state and the CPU it used over the judged span, and its stack when
     * last seen.
     */
    public record Runaway(String name, Thread.State state, long cpuMillis, long spanMillis,
                          List<StackTraceElement> frames) {
        /** {@code FrameStack.stackLength (FrameStack.java:56)}: its innermost frame of the learner's code, else its name. */
        public String describe() {
            return learnersFrame(frames.toArray(StackTraceElement[]::new)).map(SourceLine::of)
                    .orElse("thread " + name);
        }
    }

    private RunawayThreads() {
    }

    /** The threads of {@code group} (and its subgroups) still busy after {@code watch}'s grace; empty when none. */
    public static List<Runaway> in(ThreadGroup group) {
        return busy(alive(group), WATCH_GRACE, WATCH_GRACE);
    }

    /**
     * Which of {@code suspects} are still busy once {@code grace} has passed, judged over its last {@code judged}
     * span (see the class comment); empty as soon as one window finds them all idle. Without a CPU clock in this JVM,
     * the ones still RUNNABLE after the grace.
     */
    public static List<Runaway> busy(Collection<Thread> suspects, Duration grace, Duration judged) {
        List<Thread> threads = new ArrayList<>(suspects);
        threads.removeIf(t -> !t.isAlive() || t == Thread.currentThread());
        if (threads.isEmpty()) {
            return List.of();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported() || !mx.isThreadCpuTimeEnabled()) {
            sleep(grace.toMillis());
            return threads.stream().filter(t -> t.isAlive() && t.getState() == Thread.State.RUNNABLE)
                    .map(t -> new Runaway(t.getName(), t.getState(), -1, grace.toMillis(), List.of(t.getStackTrace())))
                    .toList();
        }
        List<CpuSample> samples = new ArrayList<>();
        samples.add(CpuSample.of(mx, threads));
        while (true) {
            if (!sleep(WINDOW_MILLIS)) {
                return List.of();
            }
            threads.removeIf(t -> !t.isAlive());
            CpuSample now = CpuSample.of(mx, threads);
            if (threads.isEmpty() || now.busySince(samples.get(samples.size() - 1), threads).isEmpty()) {
                return List.of();
            }
            samples.add(now);
            if (now.nanos() - samples.get(0).nanos() >= grace.toNanos()) {
                CpuSample from = samples.stream().filter(s -> now.nanos() - s.nanos() >= judged.toNanos())
                        .reduce((a, b) -> b).orElse(samples.get(0));
                return now.busySince(from, threads);
            }
        }
    }

    /** The CPU time of some threads at one moment. */
    private record CpuSample(long nanos, Map<Thread, Long> cpu) {
        @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19's; the kit runs on 17
        static CpuSample of(ThreadMXBean mx, List<Thread> threads) {
            Map<Thread, Long> cpu = new HashMap<>();
            for (Thread t : threads) {
                cpu.put(t, mx.getThreadCpuTime(t.getId()));
            }
            return new CpuSample(System.nanoTime(), cpu);
        }

        /** The threads RUNNABLE now that used at least 1 % of a core since {@code earlier}. */
        List<Runaway> busySince(CpuSample earlier, List<Thread> threads) {
            long span = nanos - earlier.nanos;
            List<Runaway> busy = new ArrayList<>();
            for (Thread t : threads) {
                Long from = earlier.cpu.get(t);
                Long to = cpu.get(t);
                if (from != null && to != null && from >= 0 && to >= 0 && t.getState() == Thread.State.RUNNABLE
                        && to - from >= span / 100) {
                    busy.add(new Runaway(t.getName(), t.getState(), (to - from) / 1_000_000, span / 1_000_000,
                            List.of(t.getStackTrace())));
                }
            }
            return busy;
        }
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

    /** False when interrupted (the interrupt is kept). */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
