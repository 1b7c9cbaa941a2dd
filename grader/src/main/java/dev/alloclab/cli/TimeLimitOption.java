package dev.alloclab.cli;

import dev.alloclab.companion.Course;
import dev.alloclab.companion.GradingTimeLimit;
import dev.alloclab.core.KitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The {@code --timeout SECONDS} of {@code check}, {@code coverage}, {@code progress} and {@code watch}: how long one
 * test may run before the companion stops it as stuck. By default the limit the grader gives each test: half of the
 * course's {@code timeoutSeconds} ({@link GradingTimeLimit}), which is what one <em>exercise</em> may take. The course's
 * comes from the starter's course file ({@link Course}, written by {@code export-classroom --rubric}), so that a course
 * that gives slow allocators more time gives it here too; without one it is the grader's default exercise limit,
 * {@value GradingTimeLimit#DEFAULT_EXERCISE_SECONDS} s, so {@value #DEFAULT_SECONDS} s per test. A test that passes
 * here in time then passes the grader's limit too. An explicit {@code --timeout} is each test's limit as given (a slow
 * computer may want more). A picocli mixin, so every command declares, describes and checks it the same way.
 */
final class TimeLimitOption {
    /** The longest limit accepted: beyond it a stuck test would hold a GitHub Classroom step for most of its time. */
    static final int MAX_SECONDS = 600;
    /**
     * Each test's limit without {@code --timeout} and without a course limit: the grader's for its default (half,
     * written as a constant expression so that the option's description can name it).
     */
    static final int DEFAULT_SECONDS = GradingTimeLimit.DEFAULT_EXERCISE_SECONDS / 2;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "stop a test that runs longer than this (an endless loop, a deadlock); default: what the "
                    + "grader gives a test, half of your course's timeoutSeconds per exercise (" + Course.FILE
                    + "), else " + DEFAULT_SECONDS)
    Integer timeoutSeconds;

    /**
     * Each test's limit and where it comes from.
     *
     * @param courseExerciseSeconds the course's limit of one exercise when the course file chose the test's limit
     *                              (no {@code --timeout}): the command then says so; empty otherwise
     */
    record Limit(Duration duration, OptionalInt courseExerciseSeconds) {
        /** The line a command prints first when the course chose the limit; empty otherwise. */
        Optional<String> note() {
            if (courseExerciseSeconds.isEmpty()) {
                return Optional.empty();
            }
            int exercise = courseExerciseSeconds.getAsInt();
            long test = duration.toSeconds();
            String share = test * 2 == exercise ? "half of your course's " + exercise + " s per exercise"
                    : exercise == 1 ? "all of your course's 1 s per exercise: the grader gives a test half, but at least 1 s"
                    : "half of your course's " + exercise + " s per exercise, rounded down";
            return Optional.of("time limit: " + test + " s per test (" + share + ", as the grader gives it; "
                    + "timeoutSeconds in " + Course.FILE + ", --timeout SECONDS overrides it)");
        }
    }

    /**
     * Each test's limit for the project at {@code projectRoot}: {@code --timeout} when given, else the grader's for
     * the course's exercise limit, else {@value #DEFAULT_SECONDS} s; out of range is bad input.
     */
    Limit limit(Path projectRoot) {
        if (timeoutSeconds != null) {
            return new Limit(duration(timeoutSeconds), OptionalInt.empty());
        }
        OptionalInt course = Course.of(projectRoot).timeoutSeconds();
        if (course.isEmpty()) {
            return new Limit(duration(DEFAULT_SECONDS), OptionalInt.empty());
        }
        int seconds = course.getAsInt();
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new KitException(Course.FILE + " has timeoutSeconds=" + seconds + ", out of range: a course's limit "
                    + "is 1 to " + MAX_SECONDS + " seconds. Ask your instructor for the starter's copy of it, or pass "
                    + "--timeout SECONDS.");
        }
        return new Limit(Duration.ofSeconds(GradingTimeLimit.perTestSeconds(seconds)), OptionalInt.of(seconds));
    }

    /** {@code seconds} as a duration, or a sentence when it is not between 1 and {@value #MAX_SECONDS}. */
    static Duration duration(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("--timeout " + seconds + " is out of range: give the seconds one test may "
                    + "run, from 1 to " + MAX_SECONDS + " (the default is " + DEFAULT_SECONDS + ", what the grader "
                    + "gives a test).");
        }
        return Duration.ofSeconds(seconds);
    }
}
