package dev.alloclab.grader.run;

import java.util.List;

/**
 * What the grader asks the grading JVM to run, sent over the channel after the handshake.
 *
 * <p>INTERNAL.
 */
public record WorkerJob(List<Exercise> exercises, String jqwikDatabase) {
    /** One exercise: the folders of its class loaders and the test classes to run in each phase. */
    public record Exercise(String id,
            List<String> mainDirs,
            List<String> studentTestDirs,
            List<String> hiddenDirs,
            List<String> studentTests,
            List<String> hiddenTests) {
    }
}
