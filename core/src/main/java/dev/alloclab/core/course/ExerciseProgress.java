package dev.alloclab.core.course;

import dev.alloclab.core.Checks;

/**
 * How far one exercise's visible tests got in a test run.
 *
 * @param passed     tests that passed
 * @param failed     tests that failed: begun work that is wrong
 * @param notStarted tests skipped because they reached a method that still throws
 *                   {@code NotImplemented} (or were skipped for another reason)
 */
public record ExerciseProgress(Exercise exercise, int passed, int failed, int notStarted) {
    /** Where an exercise stands. */
    public enum Status {
        /** Every visible test passes, none skipped. */
        DONE("done"),
        /** Some tests pass or fail: work has begun. */
        IN_PROGRESS("in progress"),
        /** No test passed and none failed: every method still throws {@code NotImplemented}. */
        NOT_STARTED("not started");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The words the progress table shows, e.g. "in progress". */
        public String label() {
            return label;
        }

        /** The JSON spelling, e.g. "in-progress". */
        public String key() {
            return label.replace(' ', '-');
        }
    }

    public ExerciseProgress {
        Checks.notNull(exercise, "exercise");
        Checks.notNegative(passed, "passed");
        Checks.notNegative(failed, "failed");
        Checks.notNegative(notStarted, "notStarted");
    }

    /** No test run yet for {@code exercise}. */
    public static ExerciseProgress none(Exercise exercise) {
        return new ExerciseProgress(exercise, 0, 0, 0);
    }

    public ExerciseProgress plusPassed() {
        return new ExerciseProgress(exercise, passed + 1, failed, notStarted);
    }

    public ExerciseProgress plusFailed() {
        return new ExerciseProgress(exercise, passed, failed + 1, notStarted);
    }

    public ExerciseProgress plusNotStarted() {
        return new ExerciseProgress(exercise, passed, failed, notStarted + 1);
    }

    public int total() {
        return passed + failed + notStarted;
    }

    public Status status() {
        if (passed == 0 && failed == 0) {
            return Status.NOT_STARTED;
        }
        if (failed == 0 && notStarted == 0) {
            return Status.DONE;
        }
        return Status.IN_PROGRESS;
    }
}
