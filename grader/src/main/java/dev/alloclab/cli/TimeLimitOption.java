package dev.alloclab.cli;

import java.time.Duration;

/**
 * The {@code --timeout SECONDS} of {@code check}, {@code progress} and {@code watch}: how long one visible test may
 * run before the companion stops it as stuck. 20 s by default, as the grader's; a slow computer may want more.
 */
final class TimeLimitOption {
    /** The longest limit accepted: beyond it a stuck test would hold a GitHub Classroom step for most of its time. */
    static final int MAX_SECONDS = 600;

    private TimeLimitOption() {
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
