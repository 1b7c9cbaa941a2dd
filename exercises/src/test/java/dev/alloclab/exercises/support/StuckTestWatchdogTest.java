package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdog that ends a {@code mvn test} run a test will never finish (a jqwik property has no time limit). */
class StuckTestWatchdogTest {
    @Test
    void a_test_past_its_limit_is_named_with_its_exercise_and_the_run_is_ended_once() throws InterruptedException {
        // GIVEN a watchdog with a limit of 300 ms that records what it says and whether it ended the run
        List<String> said = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        StuckTestWatchdog watchdog = new StuckTestWatchdog(Duration.ofMillis(300), said::add, ended::countDown);
        // WHEN a test starts and a quick one finishes in time, then one runs past the limit
        watchdog.started("QuickTest > fast()", "bump");
        watchdog.finished();
        watchdog.started("ExplicitFreeListAgreementTest > the free list agrees", "explicit-list");
        boolean endedInTime = ended.await(5, TimeUnit.SECONDS);
        Thread.sleep(600); // time to fire again, which it must not
        // THEN the run was ended once, with a sentence naming the stuck test and the command that runs the others
        assertThat(endedInTime).as("the run was ended").isTrue();
        assertThat(said).hasSize(1);
        assertThat(said.get(0)).contains("ExplicitFreeListAgreementTest > the free list agrees has run for",
                "your code does not return", "'./alloclab check explicit-list' stops such a test")
                .doesNotContain("QuickTest");
    }

    @Test
    void a_test_that_finishes_in_time_is_never_reported() throws InterruptedException {
        List<String> said = new CopyOnWriteArrayList<>();
        StuckTestWatchdog watchdog = new StuckTestWatchdog(Duration.ofMillis(300), said::add, () -> said.add("ended"));
        for (int i = 0; i < 5; i++) {
            watchdog.started("Test > t" + i + "()", "bump");
            Thread.sleep(100);
            watchdog.finished();
        }
        Thread.sleep(600);
        assertThat(said).isEmpty();
    }

    @Test
    void the_limit_is_three_times_the_per_test_limit_and_at_least_thirty_seconds() {
        assertThat(StuckTestWatchdog.limitFor(Optional.of("10 s"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(StuckTestWatchdog.limitFor(Optional.of("30 s"))).isEqualTo(Duration.ofSeconds(90));
        assertThat(StuckTestWatchdog.limitFor(Optional.of("2 m"))).isEqualTo(Duration.ofMinutes(6));
        assertThat(StuckTestWatchdog.limitFor(Optional.of("500 ms"))).isEqualTo(StuckTestWatchdog.MINIMUM);
        assertThat(StuckTestWatchdog.limitFor(Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(StuckTestWatchdog.limitFor(Optional.of("soon"))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_frame_named_is_the_first_of_the_exercises_main_code() {
        // the stubs are main code; this test class is test code, and the JDK's frames are no exercise's
        StackTraceElement[] stack = {
            new StackTraceElement("java.util.ArrayList", "add", "ArrayList.java", 467),
            new StackTraceElement(StuckTestWatchdogTest.class.getName(), "walk", "StuckTestWatchdogTest.java", 9),
            new StackTraceElement("dev.alloclab.exercises.bump.BumpAllocator", "alloc", "BumpAllocator.java", 42)};
        assertThat(StuckTestWatchdog.ownFrame(stack)).contains("BumpAllocator.alloc (BumpAllocator.java:42)");
        assertThat(StuckTestWatchdog.ownFrame(new StackTraceElement[] {stack[0], stack[1]})).isEmpty();
    }
}
