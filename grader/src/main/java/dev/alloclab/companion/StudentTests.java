package dev.alloclab.companion;

import java.util.List;

/**
 * The student's own tests of one exercise as a coverage run counted them.
 *
 * @param classes    the {@code ...StudentTest} classes that ran (simple names), the grader's: not the starter's copies
 * @param passed     tests that passed
 * @param failed     tests that failed (their coverage still counts)
 * @param notStarted tests that reached a method still throwing NotImplemented, or were skipped
 * @param failures   one line per failed test: {@code test name: first line of its message}
 * @param took       how long the tests ran together, wall clock: in the grade, an exercise's tests (the student's and
 *                   the hidden suite) share one time limit, and own tests that use it up lose their coverage
 */
public record StudentTests(List<String> classes, int passed, int failed, int notStarted, List<String> failures,
        java.time.Duration took) {
    public StudentTests {
        classes = List.copyOf(classes);
        failures = List.copyOf(failures);
        java.util.Objects.requireNonNull(took, "took");
    }

    public StudentTests(List<String> classes, int passed, int failed, int notStarted, List<String> failures) {
        this(classes, passed, failed, notStarted, failures, java.time.Duration.ZERO);
    }

    public int total() {
        return passed + failed + notStarted;
    }
}
