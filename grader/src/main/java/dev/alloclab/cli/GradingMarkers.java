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
     */
    record Left(String name, boolean alone) {
    }

    private final Path folder;

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
        left.sort(java.util.Comparator.comparing(Left::alone).thenComparing(Left::name));
        return left;
    }

    /** {@code name}'s grading starts now: its marker is written atomically. */
    void grading(String name, boolean alone) {
        ObjectNode marker = JSON.createObjectNode();
        marker.put("grading", name);
        marker.put("alone", alone);
        GradeCommand.writeAtomically(folder, StoredResults.fileName(name, ENDING), marker.toPrettyString());
    }

    /** {@code name}'s result is stored: its marker goes. */
    void done(String name) {
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
            return name.isEmpty() ? null : new Left(name, node.path("alone").asBoolean(false));
        } catch (IOException | RuntimeException e) {
            return null; // not one of ours, or damaged
        }
    }
}
