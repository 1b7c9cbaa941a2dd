package dev.alloclab.grader.run;

/**
 * How one test ended in the grading JVM.
 *
 * @param name       the class's simple name and the test's display name, e.g. {@code BumpHiddenTest > alloc_is_aligned()}
 * @param status     PASSED, FAILED or ABORTED
 * @param message    the failure's first line (capped), or empty
 * @param notStarted true when the failure came from a stub's {@code NotImplemented}
 */
public record TestOutcome(String name, String status, String message, boolean notStarted) {
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String ABORTED = "ABORTED";

    /**
     * Why a test that was stopped failed, after "stopped after N s": the same words for a hidden test stopped by
     * its own limit and for an exercise stopped by the wall-clock limit.
     */
    public static final String DID_NOT_RETURN = "your code did not return (an endless loop, a deadlock, or far too slow)";

    public boolean passed() {
        return PASSED.equals(status);
    }
}
