package dev.alloclab.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout SECONDS} of {@code check}, {@code coverage}, {@code progress} and {@code watch}: how long one
 * test may run before the companion stops it as stuck. 20 s by default, as the grader's; a slow computer may want
 * more. A picocli mixin, so every command declares, describes and checks it the same way.
 */
final class TimeLimitOption {
    /** The longest limit accepted: beyond it a stuck test would hold a GitHub Classroom step for most of its time. */
    static final int MAX_SECONDS = 600;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "stop a test that runs longer than this (an endless loop, a deadlock); default ${DEFAULT-VALUE}")
    int timeoutSeconds;

    /** Each test's limit, from {@code --timeout}; out of range is bad input. */
    Duration duration() {
        return duration(timeoutSeconds);
    }

    /** {@code seconds} as a duration, or a sentence when it is not between 1 and {@value #MAX_SECONDS}. */
    static Duration duration(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("--timeout " + seconds + " is out of range: give the seconds one test may "
                    + "run, from 1 to " + MAX_SECONDS + " (the default is 20).");
        }
        return Duration.ofSeconds(seconds);
    }
}
