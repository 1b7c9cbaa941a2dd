package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import dev.alloclab.grader.ProcessRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The slow way to fresh progress, for a runtime without a Java compiler: {@code mvn -q test} on
 * the exercises (in the kit: only the exercises module and what it needs), which rewrites the
 * summary file. Its output goes to the terminal.
 */
public final class MavenFallback {
    private MavenFallback() {
    }

    /** The command line that refreshes the summary of {@code project}. */
    public static List<String> command(LearnerProject project) {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "test"));
        if (project.isKitReactor()) {
            command.addAll(List.of("-pl", "exercises", "-am", "-Dalloclab.expect.skip=true", "-Djacoco.skip=true",
                    "-Dtest=dev.alloclab.exercises.**", "-Dsurefire.failIfNoSpecifiedTests=false"));
        }
        return command;
    }

    /** Runs it and waits; the caller then reads the summary. */
    public static void run(LearnerProject project) {
        try {
            // no timeout: the learner watches Maven's output and can stop it
            ProcessRun.of(command(project)).in(project.root()).inheritIo().run();
        } catch (IOException e) {
            throw new KitException("this Java has no compiler and 'mvn' could not be started (" + e.getMessage()
                    + ").\n  Install a JDK (not only a JRE) or Maven, then run ./alloclab progress again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
