package dev.alloclab.cli;

import dev.alloclab.companion.Course;
import dev.alloclab.core.KitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout SECONDS} of {@code check}, {@code coverage}, {@code progress} and {@code watch}: how long one
 * test may run before the companion stops it as stuck. By default the course's {@code timeoutSeconds} when the
 * starter carries its course file ({@link Course}, written by {@code export-classroom --rubric}), so that a course
 * that gives slow allocators more time gives it here too; else 20 s, as the grader's default. An explicit
 * {@code --timeout} wins (a slow computer may want more). A picocli mixin, so every command declares, describes and
 * checks it the same way.
 */
final class TimeLimitOption {
    /** The longest limit accepted: beyond it a stuck test would hold a GitHub Classroom step for most of its time. */
    static final int MAX_SECONDS = 600;
    /** The limit without {@code --timeout} and without a course limit: the grader's default. */
    static final int DEFAULT_SECONDS = 20;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "stop a test that runs longer than this (an endless loop, a deadlock); default: your "
                    + "course's timeoutSeconds when the starter's " + Course.FILE + " sets it, else " + DEFAULT_SECONDS)
    Integer timeoutSeconds;

    /**
     * Each test's limit and where it comes from.
     *
     * @param fromCourse true when the course file chose it (no {@code --timeout}): the command then says so
     */
    record Limit(Duration duration, boolean fromCourse) {
        /** The line a command prints first when the course chose the limit; empty otherwise. */
        java.util.Optional<String> note() {
            return fromCourse ? java.util.Optional.of("time limit: " + duration.toSeconds() + " s per test, your "
                    + "course's (timeoutSeconds in " + Course.FILE + "; --timeout SECONDS overrides it)")
                    : java.util.Optional.empty();
        }
    }

    /**
     * Each test's limit for the project at {@code projectRoot}: {@code --timeout} when given, else the course's,
     * else {@value #DEFAULT_SECONDS} s; out of range is bad input.
     */
    Limit limit(Path projectRoot) {
        if (timeoutSeconds != null) {
            return new Limit(duration(timeoutSeconds), false);
        }
        OptionalInt course = Course.of(projectRoot).timeoutSeconds();
        if (course.isEmpty()) {
            return new Limit(duration(DEFAULT_SECONDS), false);
        }
        int seconds = course.getAsInt();
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new KitException(Course.FILE + " has timeoutSeconds=" + seconds + ", out of range: a course's limit "
                    + "is 1 to " + MAX_SECONDS + " seconds. Ask your instructor for the starter's copy of it, or pass "
                    + "--timeout SECONDS.");
        }
        return new Limit(Duration.ofSeconds(seconds), true);
    }

    /** {@code seconds} as a duration, or a sentence when it is not between 1 and {@value #MAX_SECONDS}. */
    static Duration duration(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("--timeout " + seconds + " is out of range: give the seconds one test may "
                    + "run, from 1 to " + MAX_SECONDS + " (the default is " + DEFAULT_SECONDS + ").");
        }
        return Duration.ofSeconds(seconds);
    }
}
