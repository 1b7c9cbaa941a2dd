package dev.alloclab.cli;

import dev.alloclab.cli.bench.BackgroundCompilation;
import dev.alloclab.cli.bench.BenchJson;
import dev.alloclab.cli.bench.BenchResult;
import dev.alloclab.cli.bench.BenchRun;
import dev.alloclab.cli.bench.BenchSettings;
import dev.alloclab.cli.bench.BenchText;
import dev.alloclab.cli.bench.BenchedAllocator;
import dev.alloclab.cli.bench.LibcSide;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.trace.Replayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab bench}: the Malloc Lab table. Every trace is replayed once under the validator
 * (valid? utilization) and then timed without checks (median of {@code --runs}); with
 * {@code --versus-libc} the C replayer times libc's malloc on the same files in the same run (each trace next to
 * the allocator's timed runs on it), and its throughput becomes the target of the performance index.
 *
 * <p>This class reads and checks the options, and says which traces were left out and why; {@link BenchRun}
 * measures, {@link BenchText} and {@link BenchJson} print the results.
 */
@Command(name = "bench", header = "Utilization and throughput of allocators on a set of traces (Malloc Lab table).",
        description = {
            "Per trace: ops, valid, util (peak live payload / heap high-water mark), Kops (median of --runs).",
            "Performance index = 100 x (0.6 x average util + 0.4 x min(1, throughput / T)), throughput = total ops "
                    + "/ total time; T = libc's throughput measured in the same run with --versus-libc, else "
                    + "2000 Kops/s."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--allocator", split = ",", paramLabel = "NAME", defaultValue = "segregated",
            description = "Registered allocators to measure, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> allocators;

    @Mixin
    HeapLimitOption heapLimit = new HeapLimitOption();

    @Mixin
    TraceRunsOptions replays = new TraceRunsOptions();

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--clock", paramLabel = "cpu|wall", defaultValue = "cpu",
            description = "What the timed runs are measured with: the replaying thread's CPU time (cpu, the default: "
                    + "a busy machine does not count against the allocator) or elapsed time (wall). Libc gets the same.")
    String clock;

    @Option(names = "--check",
            description = "Also time each trace on the checked heap (alloclab replay --check) and print how many times "
                    + "slower than the unchecked replay it is (timed the same way, on the same clock).")
    boolean check;

    @Option(names = "--versus-libc",
            description = "Also replay the traces on libc's malloc (bench/replay.c, built with gcc) and divide: each "
                    + "trace in a fresh process, just before the allocator's timed runs on it.")
    boolean versusLibc;

    @Option(names = "--libc-keep-heap",
            description = "With --versus-libc: glibc keeps the memory it took between runs (no trimming of its heap, "
                    + "no block mapped on its own), as the kit's preallocated heap does. By default glibc runs as a "
                    + "program gets it, as the Malloc Lab driver measures libc.")
    boolean libcKeepHeap;

    @Override
    public Integer call() throws IOException {
        replays.checked();
        if (!format.equals("text") && !format.equals("json")) {
            throw new KitException("--format must be text or json, but was '" + format + "'.");
        }
        if (!clock.equals("cpu") && !clock.equals("wall")) {
            throw new KitException("--clock must be cpu or wall, but was '" + clock + "'.");
        }
        if (libcKeepHeap && !versusLibc) {
            throw new KitException("--libc-keep-heap says how libc is measured: add --versus-libc, or drop it.");
        }
        Replayer.Clock timedWith = clock.equals("wall") ? Replayer.Clock.WALL : Replayer.Clock.best();
        if (allocators.isEmpty()) { // "--allocator ," (a script's two empty variables) splits into no name at all
            throw new KitException("--allocator names no allocator. Give at least one, comma-separated: "
                    + String.join(", ", Allocators.all().keySet()) + ".");
        }
        List<String> given = allocators.stream().map(String::strip).toList(); // "first-fit, implicit" as meant
        // unknown names fail now, with the list; a name given twice is measured once
        List<BenchedAllocator> measured = new LinkedHashSet<>(given).stream().map(BenchedAllocator::registered).toList();
        BenchSettings settings = new BenchSettings(measured, replays.traces, heapLimit.maxBytes, replays.runs,
                replays.warmups, timedWith, check, versusLibc, libcKeepHeap);
        PrintWriter err = spec.commandLine().getErr();
        BackgroundCompilation.noteForThisJvm().ifPresent(err::println);
        BenchResult result = versusLibc ? LibcSide.measureBeside(settings, err) : new BenchRun(settings, err).measure();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? BenchJson.render(result) : BenchText.render(result));
        out.flush();
        result.checkedNotes().values().forEach(line -> err.println("bench: " + line));
        err.flush();
        List<String> leftOut = BenchText.leftOut(result, replays.traces);
        if (!leftOut.isEmpty()) {
            leftOut.forEach(err::println);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return result.allocators().stream().allMatch(a -> a.table().allValid()) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
