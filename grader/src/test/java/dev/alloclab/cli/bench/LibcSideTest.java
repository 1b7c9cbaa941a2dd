package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.RepParser;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc half of bench: timed one trace at a time, after one pass that checks every trace first. */
class LibcSideTest {
    @TempDir
    Path dir;

    private static final BenchSettings SETTINGS = new BenchSettings(List.of(BenchedAllocator.registered("segregated")), null, 20 << 20, 1, 0,
            Replayer.Clock.best(), false, true, false);

    private static Trace trace(String name) {
        return new RepParser(ParseMode.STRICT).parse(name, "0\n2\n4\n1\na 0 16\na 1 32\nf 0\nf 1\n");
    }

    @Test
    void the_kits_replayer_times_one_trace_at_a_time() throws Exception {
        Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        // GIVEN two traces and the kit's C replayer
        try (LibcSide libc = LibcSide.prepare(List.of(trace("a.rep"), trace("b.rep")), SETTINGS)) {
            // WHEN the second is timed, THEN it has a throughput
            assertThat(libc.measure(1)).isPresent();
            assertThat(libc.measure(1).getAsDouble()).isPositive();
        }
    }

    @Test
    void a_replayer_that_counts_another_program_stops_the_bench_before_anything_is_timed() throws Exception {
        Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the stand-in replayer cannot be built");
        // GIVEN a stand-in C replayer that reports 7 operations for every file (the traces have 4)
        Path source = Files.writeString(dir.resolve("miscount.c"), """
                #include <stdio.h>
                #include <string.h>
                int main(int argc, char **argv) {
                    for (int i = 1; i < argc; i++) {
                        if (argv[i][0] == '-') { if (strcmp(argv[i], "-k") != 0) i++; continue; }
                        printf("RESULT\\t%s\\t7\\t1\\t1000\\t7000.0\\t0\\n", argv[i]);
                    }
                    return 0;
                }
                """);
        // WHEN the libc side is prepared for two traces
        // THEN it stops at once, naming the trace as the user knows it (not the temp file it was written to)
        assertThatThrownBy(() -> LibcSide.prepare(List.of(trace("first.rep"), trace("second.rep")), SETTINGS,
                () -> LibcBaseline.build(source)))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("the C replayer counted 7 operations (0 answered with NULL) in first.rep where the "
                        + "Java replayer counts 4");
    }
}
