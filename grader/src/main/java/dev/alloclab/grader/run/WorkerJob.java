package dev.alloclab.grader.run;

import java.util.List;
import java.util.Map;

/**
 * What the grader asks the grading JVM to run, sent over the channel after the handshake.
 *
 * @param hiddenParameters JUnit configuration parameters every hidden-suite run gets (the course's own
 *                         performance traces, say): set by the grader, out of student code's reach
 *
 * <p>INTERNAL.
 */
public record WorkerJob(List<Exercise> exercises, String jqwikDatabase, Map<String, String> hiddenParameters) {
    /**
     * One exercise: the folders of the student's class loaders, the hidden suites' compiled classes (binary
     * name to class file, read by the grader before any student code ran: see {@code HiddenSuiteClassLoader}),
     * and the test classes to run in each phase.
     */
    public record Exercise(String id,
            List<String> mainDirs,
            List<String> studentTestDirs,
            Map<String, byte[]> hiddenClasses,
            List<String> studentTests,
            List<String> hiddenTests) {
    }
}
