package dev.alloclab.cli.bench;

import dev.alloclab.grader.Sha256;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C baseline of {@code alloclab bench --versus-libc}: builds {@code bench/replay.c} with
 * {@code gcc -O2} (once per source version, cached in the temp folder) and runs it on {@code .rep}
 * files, reading its tab-separated {@code RESULT} lines. A benchmark tool only: the kit never needs
 * gcc otherwise, and says so plainly when gcc is missing.
 *
 * <p>Internal to the grader.
 */
public final class LibcBaseline {
    /** Where the C source lives in the repository. */
    public static final String SOURCE = "bench/replay.c";

    private final Path executable;

    private LibcBaseline(Path executable) {
        this.executable = executable;
    }

    /** Finds {@value #SOURCE} (from the working folder up, then from the kit's jar up) and builds it. */
    public static LibcBaseline build() {
        Path source = findSource().orElseThrow(() -> new KitException("--versus-libc needs the C replayer "
                + SOURCE + ", which was not found above the working folder or the kit's jar. "
                + "Run alloclab from the kit's repository."));
        return build(source);
    }

    /** Builds the replayer from {@code source} with gcc, or reuses the build of the same source. */
    public static LibcBaseline build(Path source) {
        try {
            byte[] code = Files.readAllBytes(source);
            String hash = Sha256.hexOf(code).substring(0, 16);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "alloclab-replay-" + hash);
            Path executable = dir.resolve("replay");
            if (!Files.isExecutable(executable)) {
                Files.createDirectories(dir);
                Path partial = dir.resolve("replay.partial");
                Process gcc;
                try {
                    gcc = new ProcessBuilder("gcc", "-O2", "-o", partial.toString(), source.toString())
                            .redirectErrorStream(true).start();
                } catch (IOException e) {
                    throw new KitException("--versus-libc needs gcc to build " + SOURCE + ", but gcc could not be "
                            + "started (" + e.getMessage() + "). Install gcc (Debian: apt-get install gcc) or "
                            + "run bench without --versus-libc.");
                }
                String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (gcc.waitFor() != 0) {
                    throw new KitException("gcc could not build " + source + ":\n" + output);
                }
                Files.move(partial, executable, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new LibcBaseline(executable);
        } catch (IOException e) {
            throw new KitException("cannot build the C replayer from " + source + " in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReason.of(e) + ". Point java.io.tmpdir at a "
                    + "folder you can write (ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted while building the C replayer");
        }
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
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new KitException("the C replayer did not finish within 10 minutes");
            }
            Map<Path, Measurement> results = parseResults(output);
            if (process.exitValue() != 0 && results.isEmpty()) {
                throw new KitException("the C replayer " + executable + " failed (exit " + process.exitValue() + "):\n"
                        + output.strip());
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

    static Optional<Path> findSource() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(LibcBaseline.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code source: only the working folder is searched
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(SOURCE);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
