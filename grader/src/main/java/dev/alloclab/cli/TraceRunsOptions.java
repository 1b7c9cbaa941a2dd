package dev.alloclab.cli;

import dev.alloclab.cli.bench.BenchSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What {@code bench} and {@code measure} replay and how often: {@code --traces}, {@code --runs} and {@code --warmups},
 * a picocli mixin so that both commands take them, and describe them, the same way.
 */
final class TraceRunsOptions {
    @Option(names = "--traces", paramLabel = "DIR|FILE.rep",
            description = "A folder of .rep files, one .rep file, or one bundled trace's name (default: the kit's "
                    + "bundled performance suite, the traces the grade times segregated-fits on).")
    Path traces;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per trace; the median counts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_WARMUPS,
            description = "Untimed runs per trace before the timed ones, so that the JIT has compiled the allocator "
                    + "(default: ${DEFAULT-VALUE}, and at least 300 ms of them). 0: no warm-up at all, which is quick for "
                    + "checking traces but times the cold JIT.")
    int warmups;

    /** Checks the counts: out of range is bad input naming the option. */
    TraceRunsOptions checked() {
        BenchSettings.checkRunsAndWarmups(runs, warmups);
        return this;
    }
}
