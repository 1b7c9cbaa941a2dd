package dev.alloclab.cli.bench;

import dev.alloclab.grader.ProcessRun;
import java.time.Duration;
import java.util.List;

/** Whether the tests of the libc baseline can build it: one answer for every test class. */
public final class Gcc {
    private static Boolean available;

    private Gcc() {
    }

    /** True if {@code gcc --version} runs and succeeds (asked once per test JVM). */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                available = ProcessRun.of(List.of("gcc", "--version")).timeout(Duration.ofSeconds(30)).run().succeeded();
            } catch (Exception e) {
                available = false;
            }
        }
        return available;
    }
}
