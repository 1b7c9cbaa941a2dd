package dev.alloclab.export;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
     * variables, and JAVA_HOME is dropped unless given. Stopped (with an assertion error) after {@code seconds}.
     */
    static Run run(Path starter, Path logs, List<String> command, Map<String, String> env, long seconds) throws Exception {
        Path log = Files.createTempFile(logs, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(starter.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + seconds + " s");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The bash on the PATH (or /bin/bash). */
    static String bash() {
        String path = System.getenv("PATH");
        return Stream.concat(path == null ? Stream.empty() : Stream.of(path.split(File.pathSeparator)), Stream.of("/bin"))
                .map(dir -> Path.of(dir, "bash")).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElseThrow(() -> new AssertionError("no bash on the PATH"));
    }
}
