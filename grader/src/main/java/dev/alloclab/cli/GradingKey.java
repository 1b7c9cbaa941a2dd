package dev.alloclab.cli;

import dev.alloclab.grader.Sha256;
import dev.alloclab.grader.Grader;
import dev.alloclab.grader.rubric.Rubric;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;

/**
 * What a stored grade was computed from: the submission's files, the rubric (points, limits and the
 * text of every course trace it names) and the grader itself. {@code grade-all} reuses a stored
 * result only when all three are unchanged.
 *
 * <p>Why all three: keyed by the submission alone, a re-run after the instructor edited the rubric, or
 * after the kit was updated with new hidden tests, kept the old scores and put them next to the new
 * rubric's maximum (8 points of a 6-point exercise in the gradebook).
 */
final class GradingKey {
    private static volatile String graderBuild;

    /** The digest of the rubric and the grader, made once per run: a rubric carries its traces' text (up to 8 MiB). */
    private final String runDigest;
    /** What every report of the run says it was graded with ({@link GradedWith}). */
    private final String gradedWith;

    private GradingKey(String runDigest, String gradedWith) {
        this.runDigest = runDigest;
        this.gradedWith = gradedWith;
    }

    /** The keys of a run that grades under {@code rubric} with this grader. */
    static GradingKey forRun(Rubric rubric) {
        return forRun(rubric, null);
    }

    /** The keys of a run that grades under {@code rubric}, read from {@code rubricFile} (null: the default). */
    static GradingKey forRun(Rubric rubric, java.nio.file.Path rubricFile) {
        return new GradingKey(digest(rubric.toString(), graderBuild()), GradedWith.of(rubricFile, rubric));
    }

    /** The line each report of this run carries: the rubric and the kit that graded it. */
    String gradedWith() {
        return gradedWith;
    }

    /** The key of grading the submission whose {@code contentHash} is given, in this run. */
    String of(String contentHash) {
        return digest(contentHash, runDigest);
    }

    private static String digest(String... parts) {
        MessageDigest digest = Sha256.start();
        for (String part : parts) {
            Sha256.text(digest, part);
            digest.update((byte) 0);
        }
        return Sha256.hex(digest.digest());
    }

    /**
     * The grader's build: its version and a hash of what the jar it runs from holds ({@link #contentHashOf}: a
     * change to the hidden suites or the scoring gives a new hash, a rebuild of the same sources the same one).
     * Run from a classes folder, as in the kit's own tests, only the version counts. Computed once per run
     * (the jar's directory only: a few milliseconds).
     */
    static String graderBuild() {
        String build = graderBuild;
        if (build == null) {
            String version = String.valueOf(Grader.class.getPackage().getImplementationVersion());
            Path jar = jarOf(Grader.class);
            build = jar == null ? version : version + "/" + contentHashOf(jar);
            graderBuild = build;
        }
        return build;
    }

    private static Path jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A hash of the files in {@code jar}, not of the jar's bytes: each entry's name, size and CRC-32, in name order.
     *
     * <p>Why: a jar records when each file was packed, so every rebuild of the same sources gave a new file hash,
     * and an instructor could not find "the kit whose hash matches" a disputed grade by rebuilding the commit it
     * came from. The entries' contents and names are what graded; their times are not. (CRC-32 tells builds apart;
     * it is no defence against a jar made to collide on purpose, which is not what this id is for.)
     */
    static String contentHashOf(Path jar) {
        MessageDigest digest = Sha256.start();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            java.util.List<java.util.zip.ZipEntry> files = zip.stream().filter(e -> !e.isDirectory())
                    .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName))
                    .collect(java.util.stream.Collectors.toList());
            for (java.util.zip.ZipEntry entry : files) {
                Sha256.text(digest, entry.getName() + "\0" + entry.getSize() + "\0" + Long.toHexString(entry.getCrc()));
                digest.update((byte) 0);
            }
        } catch (IOException e) {
            return "unreadable"; // the version alone then
        }
        return Sha256.hex(digest.digest());
    }
}
