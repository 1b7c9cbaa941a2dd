package dev.alloclab.export;

import dev.alloclab.grader.ProcessRun;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A command run as a student runs it in an exported starter: a child process in the starter's folder. */
final class StarterProcess {
    private StarterProcess() {
    }

    /** How a run ended: its exit code and everything it printed (standard output and error together). */
    record Run(int exit, String output) {
    }

    /**
     * Runs {@code command} in {@code starter}, its output logged under {@code logs}; {@code env} replaces those
     * variables, and JAVA_HOME is dropped unless given. Stopped, with its children, and failed with an assertion
     * error after {@code seconds}.
     */
    static Run run(Path starter, Path logs, List<String> command, Map<String, String> env, long seconds) throws Exception {
        ProcessRun.Result result = ProcessRun.of(command).in(starter).outputTo(Files.createTempFile(logs, "run", ".log"))
                .environment(vars -> {
                    vars.remove("JAVA_HOME");
                    vars.putAll(env);
                })
                .timeout(Duration.ofSeconds(seconds)).run();
        if (result.timedOut()) {
            throw new AssertionError(command + " did not finish within " + seconds + " s");
        }
        return new Run(result.exit(), result.output());
    }

    /** The bash on the PATH (or /bin/bash). */
    static String bash() {
        String path = System.getenv("PATH");
        return Stream.concat(path == null ? Stream.empty() : Stream.of(path.split(File.pathSeparator)), Stream.of("/bin"))
                .map(dir -> Path.of(dir, "bash")).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElseThrow(() -> new AssertionError("no bash on the PATH"));
    }
}
