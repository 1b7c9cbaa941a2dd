package dev.alloclab.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code watch}'s loop in a child JVM and starts it again when it asks ({@link ExitCodes#RESTART_WATCH}).
 *
 * <p>Why a second JVM: watch runs the learner's tests inside its own JVM, and a test stopped at its time limit
 * cannot be ended there (a thread cannot be ended safely), so an endless loop would keep a core busy for as long as
 * watch runs, and every later run would be slower and nearer its time limits. The loop notices such threads
 * ({@code RunawayThreads}) and exits; this supervisor, which runs no learner code, starts a fresh one that waits for
 * the next save. It lives in Java rather than in the launcher scripts so that a signal to the launcher (Ctrl-C, a
 * {@code kill}, an IDE's stop button) reaches the loop's JVM: the supervisor is what the script {@code exec}s, and
 * its shutdown hook ends the child.
 */
final class WatchSupervisor {
    /** The hidden option that tells a watch it is the supervised loop (restartable, never supervising again). */
    static final String SUPERVISED = "--supervised";
    /** The hidden option of a loop started again: wait for a save before running the tests. */
    static final String RESUME = "--resume";

    private WatchSupervisor() {
    }

    /**
     * The command that starts the loop's JVM: this JVM's {@code java}, options and class path, {@code mainClass}, then
     * {@code watch} with {@code watchArguments}, {@link #SUPERVISED} and, after a restart, {@link #RESUME}. Empty when
     * this JVM's {@code java} cannot be found (watch then runs its loop itself).
     */
    static Optional<List<String>> childCommand(String mainClass, List<String> watchArguments, boolean resume) {
        Path home = Path.of(System.getProperty("java.home", ""));
        Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        String classPath = System.getProperty("java.class.path", "");
        if (!Files.isExecutable(java) || classPath.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (inheritable(option)) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.add("watch");
        command.addAll(watchArguments);
        command.add(SUPERVISED);
        if (resume) {
            command.add(RESUME);
        }
        return Optional.of(List.copyOf(command));
    }

    /**
     * The JVM options the loop's JVM takes over: all but a debugger's agent (its port is this JVM's) and class-data
     * archives written or read for this JVM's command.
     */
    static boolean inheritable(String option) {
        return !option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")
                && !option.startsWith("-XX:ArchiveClassesAtExit") && !option.startsWith("-XX:SharedArchiveFile");
    }

    /**
     * Runs the loop's JVM with the terminal as its input and output, again after each {@link ExitCodes#RESTART_WATCH},
     * and returns its last exit code; empty when it cannot be started (no {@code java} found, or the process could not
     * be created), for watch to run its loop itself.
     */
    static Optional<Integer> supervise(String mainClass, List<String> watchArguments) throws InterruptedException {
        boolean resume = false;
        while (true) {
            Optional<List<String>> command = childCommand(mainClass, watchArguments, resume);
            if (command.isEmpty()) {
                return Optional.empty();
            }
            Process child;
            try {
                child = new ProcessBuilder(command.get()).inheritIO().start();
            } catch (IOException e) {
                return resume ? Optional.of(ExitCodes.INTERNAL_ERROR) : Optional.empty();
            }
            Thread end = new Thread(() -> endWithItsChildren(child), "alloclab-watch-end-loop");
            Runtime.getRuntime().addShutdownHook(end);
            int exit;
            try {
                exit = child.waitFor();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(end);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C or a kill: the hook is ending the child
                }
            }
            if (exit != ExitCodes.RESTART_WATCH) {
                return Optional.of(exit);
            }
            resume = true;
        }
    }

    /** Ends the loop's JVM (and anything it started) when the supervisor is told to stop. */
    private static void endWithItsChildren(Process child) {
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
