package dev.alloclab.grader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a JVM that ends in the middle of a grading (Ctrl-C during {@code grade} or {@code grade-all}, {@code kill PID})
 * would leave behind: the grading's work folder in the temp directory ({@code alloclab-grade-*}, the compiled classes)
 * and its grading JVM. A shutdown hook ends the grading JVMs and removes the folders of the gradings still running.
 *
 * <p>Why not just delete the folder (as {@link TempFolders} does): {@code grade} compiles in-process, and javac goes on
 * writing class files on the grading thread while the shutdown hooks run, creating the folders again that the hook
 * deleted (QA-env finding 12: about 50 KB left per Ctrl-C at some moments). So the hook moves the folder aside, puts an
 * empty file of the same name in its place, and deletes the moved folder: javac cannot create a folder where a file is, and every write it still
 * tries fails until the JVM halts. That empty file (0 bytes, never a folder of ours) is removed by the next grading on
 * this machine ({@link #register} sweeps them from the temp directory once per JVM).
 */
public final class UnfinishedGradings {
    /** The prefix of a grading's work folder in the temp directory. */
    public static final String PREFIX = "alloclab-grade-";
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile boolean swept;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(UnfinishedGradings::stopped, "alloclab unfinished gradings"));
    }

    private UnfinishedGradings() {
    }

    /**
     * Registers a grading's work folder (made with {@link #PREFIX}) until {@link #finished}; the first call of a JVM
     * also removes the empty files earlier interrupted gradings left in its temp directory.
     */
    public static Path register(Path work) {
        if (!swept) {
            swept = true;
            sweep(work.getParent());
        }
        RUNNING.add(work);
        return work;
    }

    /** The grading is over (or failed): its work folder is deleted now, and forgotten. */
    public static void finished(Path work) {
        RUNNING.remove(work);
        TempFolders.deleteQuietly(work);
    }

    /** The shutdown hook: ends this JVM's child processes (the grading JVMs), then clears each running grading's folder. */
    static void stopped() {
        if (RUNNING.isEmpty()) {
            return;
        }
        // a grading JVM writes into the work folder too, and must not outlive the grader
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().children().forEach(child -> {
            try {
                child.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or going: the folder is cleared anyway
            }
        });
        RUNNING.forEach(UnfinishedGradings::clear);
    }

    /**
     * Deletes {@code work} while another thread may still be writing into it, and leaves an empty file in its place
     * that keeps that thread from creating it again (see the class comment). Quietly: a leftover is harmless.
     */
    static void clear(Path work) {
        List<Path> aside = new ArrayList<>();
        deleteTree(work); // mostly all it takes: only a writer still at work makes it come back
        for (int attempt = 0; attempt < 100; attempt++) {
            // moved aside in one step (deleting it file by file loses to a writer adding files), then the file put in
            // its place; a writer that made the folder again in between only makes this go round once more
            try {
                Path moved = work.resolveSibling(work.getFileName() + ".deleting-" + attempt);
                Files.move(work, moved, StandardCopyOption.ATOMIC_MOVE);
                aside.add(moved);
            } catch (IOException e) {
                // gone already (or never made): nothing to move
            }
            try {
                Files.createFile(work);
                break;
            } catch (IOException e) {
                // made again between the two steps: once more
            }
        }
        aside.forEach(UnfinishedGradings::deleteTree);
    }

    /**
     * Deletes {@code root} and everything under it, quietly. Not {@link TempFolders#deleteQuietly}: in a shutdown hook
     * that class may be loaded for the first time, and its own hook can no longer be added then.
     */
    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover is harmless
        }
    }

    /**
     * Removes the empty files {@link #clear} left in {@code temp} (never a folder: those may be another grader's,
     * running now).
     */
    static void sweep(Path temp) {
        if (temp == null) {
            return;
        }
        try (DirectoryStream<Path> left = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path file : left) {
                try {
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // another user's, or gone: left alone
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable temp directory: nothing to sweep
        }
    }
}
