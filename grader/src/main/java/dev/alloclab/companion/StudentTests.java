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
 */
public record StudentTests(List<String> classes, int passed, int failed, int notStarted, List<String> failures) {
    public StudentTests {
        classes = List.copyOf(classes);
        failures = List.copyOf(failures);
    }

    public int total() {
        return passed + failed + notStarted;
    }
}
