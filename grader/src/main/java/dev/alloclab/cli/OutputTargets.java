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
        checkGradebook(csv, null);
    }

    /**
     * As above, for the gradebook of the class in {@code classDir}; {@code csv} null means the default,
     * {@code classDir/gradebook.csv}. Checked before anything is graded. A folder in its place inside the class
     * folder is a student's submission (a student may name a folder anything): the sentence says so and suggests a
     * file beside the class folder, never one inside a student's.
     */
    static void checkGradebook(Path csv, Path classDir) {
        Path gradebook = csv != null ? csv : classDir.resolve("gradebook.csv");
        if (Files.isDirectory(gradebook)) {
            Path parent = gradebook.toAbsolutePath().normalize().getParent();
            boolean aStudent = classDir != null && parent != null
                    && parent.equals(classDir.toAbsolutePath().normalize());
            Path suggested = aStudent ? classDir.toAbsolutePath().normalize().resolveSibling(
                    classDir.toAbsolutePath().normalize().getFileName() + "-gradebook.csv")
                    : gradebook.resolve("gradebook.csv");
            throw new GradingException((csv == null ? "the gradebook goes to '" + gradebook + "' by default" : "--csv "
                    + "names the gradebook file") + ", but '" + gradebook + "' is a folder" + (aStudent
                    ? ", a student's submission in the class folder" : "") + ": pass " + (csv == null || aStudent
                    ? "--csv with " : "") + "a file name such as '" + suggested + "'.");
        }
        requireWritableFolder(gradebook.toAbsolutePath().normalize().getParent(), csv == null
                ? "the folder of the gradebook '" + gradebook + "'" : "the folder of --csv '" + csv + "'");
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
        probe(folder.toAbsolutePath().normalize(), existing, what);
    }

    /**
     * Makes the missing folders down to {@code folder} and a file in it, then removes all it made. Why: the
     * permission bits say yes for root everywhere, and some folders refuse anyway ({@code /proc}, a read-only
     * mount); only a try tells, and it takes a millisecond where the grading takes minutes.
     */
    private static void probe(Path folder, Path existing, String what) {
        java.util.Deque<Path> made = new java.util.ArrayDeque<>();
        try {
            java.util.List<Path> missing = new java.util.ArrayList<>();
            for (Path p = folder; !p.equals(existing); p = p.getParent()) {
                missing.add(0, p);
            }
            for (Path p : missing) {
                Files.createDirectory(p);
                made.push(p);
            }
            Files.delete(Files.createTempFile(folder, ".alloclab-probe-", ".tmp"));
        } catch (java.io.IOException e) {
            throw new GradingException(what + " cannot be written: " + why(e) + ". Pass a path in a folder you can "
                    + "write to.");
        } finally {
            while (!made.isEmpty()) {
                try {
                    Files.deleteIfExists(made.pop());
                } catch (java.io.IOException ignored) {
                    // an empty folder left behind is harmless; the write will use it
                }
            }
        }
    }

    /** Why a write failed, in words: the path and what the system said, not the exception's bare path. */
    static String why(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "the folder '" + n.getFile() + "' does not exist and cannot be created there";
        }
        if (e instanceof java.nio.file.DirectoryNotEmptyException d) {
            return "a folder '" + d.getFile() + "' is where the file goes";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission to write '" + a.getFile() + "' is denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + " ('" + (f.getOtherFile() != null ? f.getOtherFile() : f.getFile()) + "')";
        }
        return String.valueOf(e.getMessage());
    }

    private static String fileNames() {
        GradeCommand.Format[] all = GradeCommand.Format.values();
        return Arrays.stream(all, 0, all.length - 1).map(f -> f.fileName).collect(Collectors.joining(", "))
                + " or " + all[all.length - 1].fileName;
    }
}
