package dev.alloclab.cli;

import dev.alloclab.core.IoReason;
import dev.alloclab.grader.GradingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock one {@code grade-all} holds on a class folder's results folder ({@code DIR/.alloclab-results/grade-all.lock})
 * for as long as it runs, so that a second one on the same folder refuses to start.
 *
 * <p>Why: two runs at once (two TAs, or one instructor in two terminals) each read the results the other one wrote as
 * results changed "by someone else", and wrote into the gradebook that a student's stored result had been tampered
 * with; they also graded every submission twice at once, enough load to push gradings past their time limits.
 *
 * <p>How: {@link FileChannel#tryLock()}, a lock the operating system holds for the process and drops when the process
 * ends however it ends ({@code kill -9} too), so a lock file left by a dead run never blocks the next one. The file
 * itself stays; it holds the pid and start time of the run that holds it, for the sentence the second run prints.
 * Within one JVM (the tests run many class runs) the locks held are also kept in memory: closing any channel of a
 * locked file would drop the process's lock on it, so a second attempt in the same JVM never opens the file.
 */
final class ClassFolderLock implements AutoCloseable {
    /** The lock file's name, in the results folder (never {@code .json} or {@code .grading}: it is neither). */
    static final String FILE = "grade-all.lock";
    private static final Map<Path, Holder> HELD_HERE = new ConcurrentHashMap<>();
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** Who holds a lock: a process and when it took it. */
    record Holder(long pid, Instant since) {
        String text() {
            return "pid " + pid + "\nsince " + since + "\n";
        }

        static Holder parse(String text) {
            long pid = -1;
            Instant since = null;
            for (String line : text.split("\n")) {
                try {
                    if (line.startsWith("pid ")) {
                        pid = Long.parseLong(line.substring(4).trim());
                    } else if (line.startsWith("since ")) {
                        since = Instant.parse(line.substring(6).trim());
                    }
                } catch (RuntimeException e) {
                    // half-written by its holder at this very moment: shown as unknown
                }
            }
            return new Holder(pid, since);
        }

        /** {@code pid 4711, since 2026-11-27 19:40:12 UTC}, or as much of it as is known. */
        String shown() {
            String who = pid < 0 ? "pid unknown" : "pid " + pid;
            return since == null ? who : who + ", since " + SHOWN.format(since);
        }
    }

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ClassFolderLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock on {@code results} (the class folder {@code dir}'s results folder), or refuses with one sentence
     * naming the run that holds it. Returns null when this file system cannot lock files at all (some network file
     * systems): then the run goes on unguarded, and {@code warn} gets a sentence saying so.
     *
     * @throws GradingException another {@code grade-all} holds it (the command line exits 2)
     */
    static ClassFolderLock take(Path results, Path dir, java.io.PrintWriter warn) {
        Path file = results.resolve(FILE);
        Path key = file.toAbsolutePath().normalize();
        Holder here = new Holder(ProcessHandle.current().pid(), Instant.now());
        Holder already = HELD_HERE.putIfAbsent(key, here);
        if (already != null) {
            throw busy(already, dir);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM through another path to the same file
            }
            if (lock == null) {
                Holder other = Holder.parse(read(channel));
                channel.close();
                HELD_HERE.remove(key);
                throw busy(other, dir);
            }
            byte[] text = here.text().getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.truncate(text.length);
            channel.force(false);
            return new ClassFolderLock(key, channel, lock);
        } catch (IOException e) {
            HELD_HERE.remove(key);
            closeQuietly(channel);
            if (e instanceof java.nio.file.AccessDeniedException || !Files.isWritable(results)) {
                throw new GradingException("cannot write the lock file '" + file + "' (" + IoReason.of(e, file)
                        + "): grade-all keeps each student's result in that folder. Make '" + dir + "' writable, or "
                        + "grade a copy of it.");
            }
            warn.println("grade-all: note: cannot lock '" + file + "' (" + IoReason.of(e, file) + "), so a second "
                    + "grade-all on this class folder at the same time would not be stopped: run only one at a time.");
            warn.flush();
            return null;
        }
    }

    private static GradingException busy(Holder holder, Path dir) {
        return new GradingException("another grade-all (" + holder.shown() + ") is grading the class folder '" + dir
                + "', and two at once would each take the other's results for tampering: wait for it to finish (or "
                + "stop it) and run this again.");
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(256);
        channel.read(bytes, 0);
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    /** The run is over: the lock is released (the file stays: see the class comment). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
        HELD_HERE.remove(key);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }
}
