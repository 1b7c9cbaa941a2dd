package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which threads of the learner's code count as still running: busy ones only, found by their group. */
class RunawayThreadsTest {
    private final ThreadGroup group = new ThreadGroup("runaway-test");
    private volatile boolean stop;

    @AfterEach
    void endThreads() throws InterruptedException {
        stop = true;
        Thread[] threads = new Thread[16];
        int count = group.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            threads[i].interrupt();
            threads[i].join(5_000);
        }
    }

    /** Stands in for a learner's endless loop (its frame is what the report names). */
    private void spin() {
        double x = 0;
        while (!stop) {
            x += Math.sqrt(x + System.nanoTime());
        }
        assertThat(x).isNotNaN();
    }

    private Thread start(String name, Runnable body) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread thread = new Thread(group, () -> {
            started.countDown();
            body.run();
        }, name);
        thread.setDaemon(true);
        thread.start();
        started.await();
        return thread;
    }

    @Test
    void a_thread_that_keeps_looping_is_a_runaway_named_by_the_method_it_loops_in() throws InterruptedException {
        // GIVEN a thread of the group that never stops computing
        start("stuck-test", this::spin);
        // WHEN the companion looks for runaways
        List<RunawayThreads.Runaway> runaways = RunawayThreads.in(group);
        // THEN it is one, described by its innermost frame outside the JDK and JUnit
        assertThat(runaways).hasSize(1);
        assertThat(runaways.get(0).name()).isEqualTo("stuck-test");
        assertThat(runaways.get(0).describe()).startsWith("RunawayThreadsTest.spin (RunawayThreadsTest.java:");
    }

    @Test
    void a_waiting_thread_and_a_thread_that_ends_within_the_grace_are_not_runaways() throws InterruptedException {
        // GIVEN one thread that waits for ever (a pool the test did not shut down) and one that ends at once
        start("idle-pool", () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        start("finishing", () -> { });
        // WHEN the companion looks for runaways
        List<RunawayThreads.Runaway> runaways = RunawayThreads.in(group);
        // THEN neither counts: nothing keeps a core busy
        assertThat(runaways).isEmpty();
    }

    @Test
    void threads_of_other_groups_are_not_the_learners() throws InterruptedException {
        // GIVEN a busy thread outside the group
        Thread outside = new Thread(this::spin, "kit-thread");
        outside.setDaemon(true);
        outside.start();
        try {
            // WHEN the companion looks in the learner's group, THEN it finds nothing
            assertThat(RunawayThreads.in(group)).isEmpty();
        } finally {
            stop = true;
            outside.join(5_000);
        }
    }

    @Test
    void the_frame_named_is_the_first_outside_the_jdk_junit_and_the_kits_core() {
        // GIVEN a stack whose innermost frames are the JDK's and the kit's HeapBytes
        StackTraceElement[] stack = {
                new StackTraceElement("java.lang.StrictMath", "sqrt", "StrictMath.java", 1),
                new StackTraceElement("dev.alloclab.core.memory.HeapBytes", "readInt", "HeapBytes.java", 2),
                new StackTraceElement("dev.alloclab.exercises.bump.BumpAllocator", "alloc", "BumpAllocator.java", 42),
                new StackTraceElement("org.junit.platform.X", "y", "X.java", 3)};
        // THEN the learner's method is named
        assertThat(new RunawayThreads.Runaway("t", Thread.State.RUNNABLE, 10, 200, List.of(stack)).describe())
                .isEqualTo("BumpAllocator.alloc (BumpAllocator.java:42)");
        assertThat(new RunawayThreads.Runaway("t", Thread.State.RUNNABLE, 10, 200, List.of()).describe())
                .isEqualTo("thread t");
    }
}
