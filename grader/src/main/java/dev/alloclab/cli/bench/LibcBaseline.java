package dev.alloclab.cli.bench;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.grader.ProcessRun;
import dev.alloclab.grader.TempFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The C baseline of {@code alloclab bench --versus-libc}: builds the kit's {@code bench/replay.c} with
 * {@code gcc -O2} and runs it on {@code .rep} files, reading its tab-separated {@code RESULT} lines. A benchmark
 * tool only: the kit never needs gcc otherwise, and says so plainly when gcc is missing.
 *
 * <p><b>Where the replayer is built, and why there.</b> In a fresh folder from {@link Files#createTempDirectory}
 * on every bench, deleted by {@link #close()}: the JDK makes that folder under a random name, readable and
 * writable by this user alone (mode 0700 on POSIX), so no other user of a shared machine can put a program
 * there for bench to run, whoever runs bench (an instructor may run it as root). A build cached under a name
 * anyone can work out, as bench once kept it in the shared temp folder, can be planted; a cache under the
 * home folder would be safe only after checking its owner, its mode and the program's hash on every use. gcc
 * builds the replayer in well under a second, so building every time is the simple safe choice. A build that
 * fails leaves nothing behind.
 *
 * <p><b>Which source.</b> The kit's own: the {@code alloclab.home} system property (the launcher passes the kit's
 * folder), else the folders above the kit's jar or classes. Never the working folder: run from a course's
 * repository or another checkout, bench would time whatever {@code bench/replay.c} sits there.
 *
 * <p>Internal to the grader.
 */
public final class LibcBaseline implements AutoCloseable {
    /** Where the C source lives in the repository. */
    public static final String SOURCE = "bench/replay.c";
    /** The system property the launcher sets to the kit's folder. */
    public static final String HOME_PROPERTY = "alloclab.home";
    /** gcc builds the replayer in under a second; a build that takes this long is stuck. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
    /** A libc replay of the largest suites takes about a minute; one that takes this long is stuck. */
    private static final Duration MEASURE_TIMEOUT = Duration.ofMinutes(10);

    private final Path folder;
    private final Path executable;

    private LibcBaseline(Path folder, Path executable) {
        this.folder = folder;
        this.executable = executable;
    }

    /** Finds the kit's {@value #SOURCE} (see the class comment) and builds it. */
    public static LibcBaseline build() {
        Path source = findSource().orElseThrow(() -> new KitException("--versus-libc needs the kit's C replayer "
                + SOURCE + ", which was not found in the kit's folder (" + HOME_PROPERTY + ": "
                + System.getProperty(HOME_PROPERTY, "not set") + ") or above the kit's jar. "
                + "Run bench through the kit's ./alloclab launcher, or from a full clone of the kit."));
        return build(source);
    }

    /** Builds the replayer from {@code source} with gcc, into a new folder only this user can write. */
    public static LibcBaseline build(Path source) {
        String tmp = System.getProperty("java.io.tmpdir");
        Path folder;
        try {
            folder = Files.createTempDirectory(Path.of(tmp), "alloclab-replay-");
        } catch (IOException e) {
            throw new KitException("cannot build the C replayer from " + source + " in the temp folder " + tmp + ": "
                    + IoReason.of(e) + ". Point java.io.tmpdir at a folder you can write "
                    + "(ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR).");
        }
        Path executable = folder.resolve("replay");
        boolean built = false;
        try {
            ProcessRun.Result gcc;
            try {
                gcc = ProcessRun.of(List.of("gcc", "-O2", "-o", executable.toString(), source.toString()))
                        .timeout(BUILD_TIMEOUT).run();
            } catch (IOException e) {
                throw new KitException("--versus-libc needs gcc to build " + SOURCE + ", but gcc could not be "
                        + "started (" + e.getMessage() + "). Install gcc (Debian: apt-get install gcc) or "
                        + "run bench without --versus-libc.");
            }
            if (gcc.timedOut()) {
                throw new KitException("gcc did not build " + source + " within " + BUILD_TIMEOUT.toMinutes()
                        + " minutes and was stopped. Try again on a less busy machine, or run bench without --versus-libc.");
            }
            if (gcc.exit() != 0) {
                throw new KitException("gcc could not build " + source + ":\n" + gcc.output());
            }
            built = true;
            return new LibcBaseline(folder, executable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted while building the C replayer");
        } finally {
            if (!built) {
                TempFolders.deleteQuietly(folder);
            }
        }
    }

    /** Deletes the folder the replayer was built in. */
    @Override
    public void close() {
        TempFolders.deleteQuietly(folder);
    }

    /** The folder the replayer was built in (for tests: its owner and mode). */
    Path folder() {
        return folder;
    }

    /**
     * What the C replayer measured on one file.
     *
     * @param ops the operations it counted (and timed) in one run; bench checks they are the Java side's
     * @param opsPerSecond the median throughput
     * @param nulls the requests larger than the heap limit, answered with NULL without calling libc
     */
    public record Measurement(long ops, double opsPerSecond, long nulls) {
    }

    /**
     * How libc is run.
     *
     * @param runs timed runs per file, the median counts
     * @param cpuClock timed on the thread's CPU time, else on elapsed time, like the Java side
     * @param maxHeapBytes the Java side's heap limit: requests larger than it get NULL without reaching libc
     * @param keepHeap glibc keeps the memory it took between runs (no trimming, no separate mappings), like the
     *     kit's preallocated heap; off, glibc runs as a program gets it
     */
    public record Settings(int runs, boolean cpuClock, long maxHeapBytes, boolean keepHeap) {
    }

    /** libc's median throughput and operation count on each file, keyed by the file. */
    public Map<Path, Measurement> measure(List<Path> traces, Settings settings) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-n", Integer.toString(settings.runs()),
                "-c", settings.cpuClock() ? "cpu" : "wall", "-m", Long.toString(settings.maxHeapBytes())));
        if (settings.keepHeap()) {
            command.add("-k");
        }
        traces.forEach(trace -> command.add(trace.toString()));
        try {
            ProcessRun.Result run = ProcessRun.of(command).timeout(MEASURE_TIMEOUT).run();
            if (run.timedOut()) {
                throw new KitException("the C replayer did not finish within " + MEASURE_TIMEOUT.toMinutes()
                        + " minutes and was stopped. Bench fewer traces at a time, or run bench without --versus-libc.");
            }
            Map<Path, Measurement> results = parseResults(run.output());
            if (run.exit() != 0 && results.isEmpty()) {
                throw new KitException("the C replayer " + executable + " failed (exit " + run.exit() + "):\n"
                        + run.output().strip());
            }
            return results;
        } catch (IOException e) {
            throw new KitException("cannot run the C replayer " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted while running the C replayer");
        }
    }

    /** Reads {@code RESULT} and {@code ERROR} lines (see the comment at the top of replay.c). */
    static Map<Path, Measurement> parseResults(String output) {
        Map<Path, Measurement> results = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            String[] field = line.split("\t");
            if (field[0].equals("RESULT") && field.length >= 5) {
                long ops = Long.parseLong(field[2]);
                double nanos = Double.parseDouble(field[4]);
                long nulls = field.length >= 7 ? Long.parseLong(field[6]) : -1;
                results.put(Path.of(field[1]), new Measurement(ops, ops / (Math.max(1, nanos) / 1e9), nulls));
            } else if (field[0].equals("ERROR")) {
                throw new KitException("the C replayer could not read " + field[1]
                        + (field.length > 3 ? " (line " + field[2] + "): " + field[3] : ""));
            }
        }
        return results;
    }

    /** The kit's {@value #SOURCE}: under {@code alloclab.home}, else above the kit's jar or classes. */
    static Optional<Path> findSource() {
        Path ownLocation = null;
        try {
            ownLocation = Path.of(LibcBaseline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            // no code source: only alloclab.home is looked at
        }
        return findSource(System.getProperty(HOME_PROPERTY), ownLocation);
    }

    /**
     * {@value #SOURCE} under {@code home} (the kit's folder, may be null), else in {@code ownLocation} (the kit's
     * jar or classes folder, may be null) or a folder above it. The working folder is never looked at.
     */
    static Optional<Path> findSource(String home, Path ownLocation) {
        if (home != null && !home.isBlank()) {
            Path candidate = Path.of(home).resolve(SOURCE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        for (Path dir = ownLocation == null ? null : ownLocation.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SOURCE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
