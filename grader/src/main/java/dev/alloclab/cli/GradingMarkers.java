package dev.alloclab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * "grading X" markers in {@code grade-all}'s results folder: one file per submission whose student code is running
 * ({@code DIR/.alloclab-results/<student>.grading}), written atomically before the grading starts and removed once
 * its result is stored.
 *
 * <p>Why: without {@code --worker-user}, student code runs as the grader's user, and a test can kill the
 * {@code grade-all} process itself ({@code ProcessHandle.current().parent()}). That run then stops with no gradebook
 * and nothing naming the student, and the next run, grading in the same order, stops at the same place. The markers
 * a dead run leaves name the submissions it was grading; the next run says so first, grades everyone else, writes the
 * gradebook, and only then grades those submissions, one at a time with nothing else running. A marker records
 * whether its grading ran alone: one left by a grading that ran alone names the submission for certain, so those are
 * graded very last, after the ones that were only graded beside it (which would otherwise never be reached).
 *
 * <p>A run that is stopped by a signal (the instructor's Ctrl-C, {@code kill PID}) knows it: its shutdown hook
 * ({@link #interruptedNow}) marks the markers of the gradings it was running as {@code "interrupted"}, and the next
 * run grades those last and alone too, but with nothing in their rows: their code did nothing wrong. Since student code
 * can send the grader a stop signal as well ({@code ProcessHandle.current().parent().get().destroy()}), a submission
 * whose grading is interrupted a second time in a row while it runs alone keeps a plain marker: the run after that
 * treats it as one whose code may end the grader. A marker left by a killed grader ({@code kill -9}) is a plain one.
 *
 * <p>What this does not stop: student code that knows of these files can delete its own marker before it kills the
 * grader (it can write anything the grader's user can). Only {@code --worker-user} keeps it out of this folder.
 */
final class GradingMarkers {
    /** A marker's file name: the student's, with this ending (never {@code .json}: it is no result). */
    static final String ENDING = ".grading";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A submission a dead run was grading.
     *
     * @param name  the student's name (the submission folder's)
     * @param alone whether its grading ran with nothing else being graded (then it alone can have stopped the run)
     * @param interrupted whether that run was stopped by a signal while grading it (its shutdown hook said so), rather
     *                    than ended from inside
     */
    record Left(String name, boolean alone, boolean interrupted) {
        /** The order of grading last: the interrupted first, then the ones graded beside others, then alone. */
        int suspicion() {
            return interrupted ? 0 : alone ? 2 : 1;
        }
    }

    private final Path folder;
    /** The students whose marker this run wrote and has not removed, with whether their grading runs alone. */
    private final java.util.Map<String, Boolean> running = new java.util.HashMap<>();
    /** The students the last run left an interrupted marker for: interrupted again alone, they are not let off again. */
    private final Set<String> interruptedLastRun = new java.util.HashSet<>();
    /** Set by the shutdown hook: from then on no marker is removed, and a new one is written as interrupted. */
    private boolean interrupted;

    GradingMarkers(Path folder) {
        this.folder = folder;
    }

    /**
     * The markers a run that died left (read them before any student code runs), of the {@code students} of this
     * class folder only; a marker of a student no longer in the class folder is removed. Ordered for grading: those graded beside
     * others first, then those that were graded alone, each by name.
     */
    List<Left> leftByLastRun(Collection<String> students) {
        Set<String> present = Set.copyOf(students);
        List<Left> left = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(ENDING)).sorted().toList()) {
                Left marker = read(file);
                if (marker != null && present.contains(marker.name())) {
                    if (left.stream().noneMatch(l -> l.name().equals(marker.name()))) {
                        left.add(marker);
                    }
                } else {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            return left; // an unreadable folder: the results cannot be kept either, and the run says so there
        }
        left.sort(java.util.Comparator.comparingInt(Left::suspicion).thenComparing(Left::name));
        synchronized (this) {
            left.stream().filter(Left::interrupted).forEach(l -> interruptedLastRun.add(l.name()));
        }
        return left;
    }

    /** {@code name}'s grading starts now: its marker is written atomically. */
    synchronized void grading(String name, boolean alone) {
        write(name, alone, interrupted);
        running.put(name, alone);
    }

    /**
     * This run is being stopped by a signal (called from its shutdown hook, while gradings may still be running): the
     * marker of each grading in progress is marked interrupted, except that of a submission graded alone that the last
     * run was interrupted grading too (see the class comment). From now on no marker is removed.
     */
    synchronized void interruptedNow() {
        interrupted = true;
        running.forEach((name, alone) -> {
            if (!(alone && interruptedLastRun.contains(name))) {
                write(name, alone, true);
            }
        });
    }

    /** Whether {@link #interruptedNow} ran: a grading that ends now may have been cut short by the signal. */
    synchronized boolean interrupted() {
        return interrupted;
    }

    private void write(String name, boolean alone, boolean stoppedBySignal) {
        ObjectNode marker = JSON.createObjectNode();
        marker.put("grading", name);
        marker.put("alone", alone);
        if (stoppedBySignal) {
            marker.put("interrupted", true);
        }
        try {
            GradeCommand.writeAtomically(folder, StoredResults.fileName(name, ENDING), marker.toPrettyString());
        } catch (RuntimeException e) {
            if (!stoppedBySignal || !interrupted) {
                throw e;
            }
            // in the shutdown hook: the plain marker stays, and the next run grades the submission last as before
        }
    }

    /** {@code name}'s result is stored: its marker goes (unless the run is being interrupted: then it stays). */
    synchronized void done(String name) {
        if (interrupted) {
            return;
        }
        running.remove(name);
        try {
            Files.deleteIfExists(folder.resolve(StoredResults.fileName(name, ENDING)));
        } catch (IOException e) {
            // left behind, it only has the next run grade this student last, alone
        }
    }

    private static Left read(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            String name = node.path("grading").asText("");
            return name.isEmpty() ? null : new Left(name, node.path("alone").asBoolean(false),
                    node.path("interrupted").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            return null; // not one of ours, or damaged
        }
    }
}
