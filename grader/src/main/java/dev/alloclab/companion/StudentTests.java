package dev.alloclab.companion;

import java.util.List;

/**
 * The student's own tests of one exercise as a coverage run counted them.
 *
 * @param classes    the {@code ...StudentTest} classes that ran (simple names), the grader's: not the starter's copies
 * @param passed     tests that passed
 * @param failed     tests that failed (their coverage still counts)
 * @param notStarted tests that reached a method still throwing NotImplemented
 * @param failures   one line per failed test, or per test class that failed as a whole (its {@code @BeforeAll}, its
 *                   {@code @AfterAll}, JUnit refusing it): {@code test name: first line of its message}
 * @param took       how long the tests ran together, wall clock: in the grade, an exercise's tests (the student's and
 *                   the hidden suite) share one time limit, and own tests that use it up lose their coverage
 * @param skips      one line per test that did not run for another reason: {@code @Disabled}, an assumption that
 *                   did not hold ({@code test name: the reason})
 */
public record StudentTests(List<String> classes, int passed, int failed, int notStarted, List<String> failures,
        java.time.Duration took, List<String> skips) {
    public StudentTests {
        classes = List.copyOf(classes);
        failures = List.copyOf(failures);
        java.util.Objects.requireNonNull(took, "took");
        skips = List.copyOf(skips);
    }

    public StudentTests(List<String> classes, int passed, int failed, int notStarted, List<String> failures) {
        this(classes, passed, failed, notStarted, failures, java.time.Duration.ZERO, List.of());
    }

    public int total() {
        return passed + failed + notStarted + skips.size();
    }
}
