package dev.alloclab.grader.run;

import java.util.List;
import java.util.Map;

/**
 * What the grader asks the grading JVM to run, sent over the channel after the handshake.
 *
 * @param hiddenParameters JUnit configuration parameters every hidden-suite run gets (the course's own
 *                         performance traces, say): set by the grader, out of student code's reach
 * @param hiddenTestSeconds wall-clock seconds each hidden test may take before it fails as stuck
 *                         ({@link Limits#hiddenTestSeconds()}); 0 for no limit of its own
 *
 * <p>INTERNAL.
 */
public record WorkerJob(List<Exercise> exercises, String jqwikDatabase, Map<String, String> hiddenParameters,
        int hiddenTestSeconds) {
    /**
     * One exercise. Every class and resource of the student's comes as bytes the grader read before any student
     * code ran (see {@code ReviewedClassLoader}), as the hidden suites' compiled classes do (see
     * {@code HiddenSuiteClassLoader}): the grading JVM never reads a class folder.
     *
     * @param mainLocation    the folder javac wrote the exercise's main classes to: only their code source's label
     * @param mainClasses     the student's main classes (the exercise's and the shared ones), binary name to bytes
     * @param testLocation    the folder javac wrote the student's tests to: only their code source's label
     * @param testClasses     the student's test classes (the exercise's and the shared ones), binary name to bytes
     * @param testResources   {@code src/test/resources}, resource name to bytes
     * @param hiddenClasses   the hidden suites' classes, binary name to bytes; the hidden total counts only tests
     *                        of these classes
     * @param studentTests    the test classes to run in the student-test phase
     * @param hiddenTests     the top-level hidden suite classes to run
     * @param reportingTests  the hidden tests ({@code class#method}) whose {@code alloclab.*} report entries count
     *                        (the performance measurement); entries from any other test are dropped
     */
    public record Exercise(String id,
            String mainLocation,
            Map<String, byte[]> mainClasses,
            String testLocation,
            Map<String, byte[]> testClasses,
            Map<String, byte[]> testResources,
            Map<String, byte[]> hiddenClasses,
            List<String> studentTests,
            List<String> hiddenTests,
            List<String> reportingTests) {

        /**
         * This exercise with no student-test phase: its hidden suite alone, for when the student's own tests used up
         * the exercise's time limit (see {@link SubmissionRunner}).
         */
        Exercise hiddenSuiteOnly() {
            return new Exercise(id, mainLocation, mainClasses, testLocation, Map.of(), Map.of(), hiddenClasses, List.of(),
                    hiddenTests, reportingTests);
        }
    }
}
