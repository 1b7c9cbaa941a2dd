package dev.alloclab.cli;

import dev.alloclab.grader.GradingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks where {@code grade --out} and {@code grade-all --csv} will write, before any grading starts.
 *
 * <p>Why before: a report is written when grading is done, which takes seconds for one submission and
 * many minutes for a class. A target that cannot take the file (a file where a folder is needed, a folder where
 * the gradebook goes, a parent under a file or without write permission) would otherwise be found only then,
 * with the work lost. Each refusal is one sentence that says what the option takes.
 */
final class OutputTargets {
    private OutputTargets() {
    }

    /** {@code grade --out DIR}: a folder, new or existing, that can take {@code format}'s file. */
    static void checkReportFolder(Path out, GradeCommand.Format format) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new GradingException("--out takes a folder, but '" + out + "' is a file: grade writes its report "
                    + "into the folder as " + format.fileName + " (" + fileNames() + " by --format), so pass a new "
                    + "or existing folder.");
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!Files.exists(out) && Arrays.stream(GradeCommand.Format.values()).anyMatch(f -> f.fileName.equals(name))) {
            // --out results.json would make a folder results.json/ holding results.json
            Path parent = out.toAbsolutePath().normalize().getParent();
            throw new GradingException("--out takes a folder, and grade names the file itself (" + format.fileName
                    + " for --format " + format.name().toLowerCase(java.util.Locale.ROOT) + "): pass --out "
                    + (parent == null ? "." : "'" + parent + "'") + " instead of '" + out + "'.");
        }
        if (Files.isDirectory(out.resolve(format.fileName))) {
            throw new GradingException("--out '" + out + "' holds a folder named " + format.fileName + " where the "
                    + "report goes: remove or rename that folder, or pass another --out.");
        }
        requireWritableFolder(out, "--out '" + out + "'");
    }

    /** {@code grade-all --csv FILE}: a file name (not a folder) in a folder that exists or can be created, and can be written. */
    static void checkGradebook(Path csv) {
        if (Files.isDirectory(csv)) {
            throw new GradingException("--csv names the gradebook file, but '" + csv + "' is a folder: pass a file "
                    + "name such as '" + csv.resolve("gradebook.csv") + "'.");
        }
        requireWritableFolder(csv.toAbsolutePath().normalize().getParent(), "the folder of --csv '" + csv + "'");
    }

    /**
     * The folder exists and can be written, or its nearest existing ancestor is a folder that can be written
     * (so that {@code Files.createDirectories} will make it).
     */
    private static void requireWritableFolder(Path folder, String what) {
        Path existing = folder.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // not even the root exists: leave it to the write, which names the error
        }
        if (!Files.isDirectory(existing)) {
            throw new GradingException(what + " cannot be created, because '" + existing + "' is a file: pass a path "
                    + "in a folder you can write to.");
        }
        if (!Files.isWritable(existing)) {
            throw new GradingException(what + " cannot be written, because the folder '" + existing + "' is not "
                    + "writable for you: check its permissions or pass a path in a folder you can write to.");
        }
    }

    private static String fileNames() {
        GradeCommand.Format[] all = GradeCommand.Format.values();
        return Arrays.stream(all, 0, all.length - 1).map(f -> f.fileName).collect(Collectors.joining(", "))
                + " or " + all[all.length - 1].fileName;
    }
}
