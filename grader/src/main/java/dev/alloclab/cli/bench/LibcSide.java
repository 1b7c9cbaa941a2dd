package dev.alloclab.cli.bench;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.grader.TempFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The libc half of {@code bench --versus-libc}: the C replayer, built once, and the bench's traces written out
 * for it, so that libc can be timed on one trace at the moment the Java side is about to time the same trace.
 *
 * <p>Why each trace in a process of its own, just before the allocator's timed runs, rather than every trace in one
 * process at the start: in one process glibc carried one trace's bins and heap shape into the next, so a trace's
 * libc figure depended on the traces before it in the folder (the kit's {@code random-1} ran 3 times slower after
 * the others); the Java side starts every run with a fresh heap, and now so does libc every trace. And a shared
 * machine has phases of a few seconds in which both the JVM and the C replayer run 1.5 to 2 times slower: a libc
 * figure taken a minute before the Java one could sit in another phase. Timed back to back, the two sides share
 * the phase they run in. Each allocator gets its own libc figures, taken next to its own runs.
 *
 * <p>Each trace is written in the canonical {@code .rep} form (four header integers, one operation a line), and
 * the C replayer is given the heap limit so that it answers the requests the Java side replays as null with NULL
 * too, without calling malloc. Both sides then replay the same operations whatever quirks the original file had
 * (a two-number header, {@code f -1}, extra lines), and the C replayer's operation count must equal the Java
 * side's: a difference would divide two different programs, and stops the bench. {@link #close()} deletes the
 * files and the replayer.
 */
public final class LibcSide implements AutoCloseable {
    private final List<Trace> traces;
    private final List<Path> files;
    private final Path folder;
    private final LibcBaseline baseline;
    private final LibcBaseline.Settings settings;
    private final int maxHeapBytes;

    private LibcSide(List<Trace> traces, List<Path> files, Path folder, LibcBaseline baseline,
                     LibcBaseline.Settings settings, int maxHeapBytes) {
        this.traces = traces;
        this.files = files;
        this.folder = folder;
        this.baseline = baseline;
        this.settings = settings;
        this.maxHeapBytes = maxHeapBytes;
    }

    /**
     * {@code bench --versus-libc}: reads the traces, builds the C replayer, then replays the traces on every
     * allocator with libc timed on each just before the allocator's timed runs on it.
     *
     * @throws KitException if no trace can be read, or libc's replayer cannot be built or disagrees with the
     *     Java side
     */
    public static BenchResult measureBeside(BenchSettings settings, PrintWriter err) throws IOException {
        BenchRun run = new BenchRun(settings, err);
        List<Trace> traces = run.loadTraces();
        err.println("bench: libc: building " + LibcBaseline.SOURCE + "; libc is timed on each trace just before the"
                + " allocator's timed runs" + (settings.libcKeepHeap()
                ? " (glibc keeps its heap between runs: --libc-keep-heap)" : ""));
        err.flush();
        try (LibcSide libc = prepare(traces, settings)) {
            return run.measure(traces, libc::measure);
        }
    }

    /**
     * Builds the C replayer and writes {@code traces} out for it.
     *
     * @throws KitException if the temp folder cannot be written or the replayer cannot be built (no gcc)
     */
    static LibcSide prepare(List<Trace> traces, BenchSettings settings) throws IOException {
        return prepare(traces, settings, LibcBaseline::build);
    }

    /** As above, with the replayer {@code replayer} builds (for tests: a stand-in). */
    static LibcSide prepare(List<Trace> traces, BenchSettings settings, Supplier<LibcBaseline> replayer)
            throws IOException {
        Path folder;
        try {
            folder = Files.createTempDirectory("alloclab-bench-");
        } catch (IOException e) {
            throw new KitException("cannot make a folder for the libc replay's traces in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReason.of(e) + ". Point java.io.tmpdir at a "
                    + "folder you can write (ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR).");
        }
        boolean ready = false;
        try {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                // numbered: two traces may share a file name (bundled names, or one name in two folders)
                Path file = folder.resolve(String.format(Locale.ROOT, "%03d.rep", i));
                Files.writeString(file, traces.get(i).toRep(), StandardCharsets.UTF_8);
                files.add(file);
            }
            LibcSide side = new LibcSide(List.copyOf(traces), files, folder, replayer.get(),
                    new LibcBaseline.Settings(settings.runs(), settings.clock() == Replayer.Clock.THREAD_CPU,
                            settings.maxHeapBytes(), settings.libcKeepHeap()), settings.maxHeapBytes());
            ready = true; // from here on the side's close() deletes the folder
            try {
                side.checkEveryTrace();
            } catch (RuntimeException e) {
                side.close();
                throw e;
            }
            return side;
        } finally {
            if (!ready) {
                TempFolders.deleteQuietly(folder);
            }
        }
    }

    /**
     * One untimed pass of the C replayer over every trace (one run each), so that a trace it cannot read, or
     * replays differently from the Java side, stops the bench before anything is measured rather than half-way.
     */
    private void checkEveryTrace() {
        Map<Path, LibcBaseline.Measurement> measured = measured(files,
                new LibcBaseline.Settings(1, settings.cpuClock(), settings.maxHeapBytes(), settings.keepHeap()));
        for (int i = 0; i < files.size(); i++) {
            checkSameProgram(i, measured.get(files.get(i)));
        }
    }

    /**
     * libc's median throughput on trace {@code index} (of the list given to {@link #prepare}), measured now;
     * empty if the C replayer reported nothing for it.
     *
     * @throws KitException if the C replayer fails, cannot read the trace, or replays another number of
     *     operations or NULL answers than the Java side
     */
    OptionalDouble measure(int index) {
        Path file = files.get(index);
        LibcBaseline.Measurement m = measured(List.of(file), settings).get(file);
        checkSameProgram(index, m);
        return m == null ? OptionalDouble.empty() : OptionalDouble.of(m.opsPerSecond());
    }

    /** The C replayer's measurements of {@code some} of the files, its errors naming the traces, not the files. */
    private Map<Path, LibcBaseline.Measurement> measured(List<Path> some, LibcBaseline.Settings how) {
        try {
            return baseline.measure(some, how);
        } catch (KitException e) {
            // the replayer names the file it was given: name the trace the user knows instead
            String message = e.getMessage();
            for (int i = 0; i < files.size(); i++) {
                message = message.replace(files.get(i).toString(), traces.get(i).name());
            }
            throw new KitException(message);
        }
    }

    /** Stops the bench if the C replayer's measurement {@code m} of trace {@code index} replayed another program. */
    private void checkSameProgram(int index, LibcBaseline.Measurement m) {
        if (m == null) {
            return;
        }
        Trace trace = traces.get(index);
        long javaOps = BenchRun.replayedOps(trace);
        int javaNulls = Replayer.requestsReplayedAsNull(trace, maxHeapBytes);
        if (m.ops() != javaOps || m.nulls() != javaNulls) {
            throw new KitException("the C replayer counted " + m.ops() + " operations (" + m.nulls()
                    + " answered with NULL) in " + trace.name() + " where the Java replayer counts " + javaOps + " ("
                    + javaNulls + " replayed as null): libc and the allocators would not replay the same program, so no "
                    + "'vs libc' figure is printed. This is a bug in " + LibcBaseline.SOURCE
                    + " or in bench: please report it with the trace.");
        }
    }

    /** Deletes the written traces and the built replayer. */
    @Override
    public void close() {
        try {
            baseline.close();
        } finally {
            TempFolders.deleteQuietly(folder);
        }
    }
}
