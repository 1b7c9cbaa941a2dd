package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C replayer: it replays what the Java side replays, counts what it counts, and keeps its heap when asked. */
class LibcBaselineTest {
    @TempDir
    Path dir;

    private static LibcBaseline baseline;

    @BeforeAll
    static void build() {
        org.junit.jupiter.api.Assumptions.assumeTrue(gccAvailable(), "gcc is not installed: the libc baseline cannot be built");
        baseline = LibcBaseline.build(LibcBaseline.findSource().orElseThrow());
    }

    @Test
    void it_counts_every_operation_the_java_side_counts_and_answers_requests_over_the_limit_with_null() throws Exception {
        // GIVEN a trace with three frees of null, an alloc and a realloc larger than a 4 KiB limit, and a read
        Path trace = dir.resolve("t.rep");
        Files.writeString(trace, "0\n2\n9\n1\na 0 16\nf -1\nf -1\nf -1\na 1 5000000000\nr 0 9000\nrd 0 0 4\nf 0\nf 1\n");
        // WHEN libc replays it with that limit
        Map<Path, LibcBaseline.Measurement> measured = baseline.measure(List.of(trace),
                new LibcBaseline.Settings(1, true, 4096, false));
        // THEN it counted the 8 allocator operations (the read is not one), 2 of them answered with NULL
        LibcBaseline.Measurement m = measured.get(trace);
        assertThat(m.ops()).isEqualTo(8);
        assertThat(m.nulls()).isEqualTo(2);
        assertThat(m.opsPerSecond()).isPositive();
    }

    @Test
    void keeping_the_heap_is_an_option_glibc_accepts() throws Exception {
        // GIVEN a trace
        Path trace = dir.resolve("t.rep");
        Files.writeString(trace, "0\n2\n4\n1\na 0 200000\na 1 300\nf 0\nf 1\n");
        // WHEN libc replays it keeping its heap between runs
        Map<Path, LibcBaseline.Measurement> measured = baseline.measure(List.of(trace),
                new LibcBaseline.Settings(3, false, 20 << 20, true));
        // THEN it is measured
        assertThat(measured.get(trace).ops()).isEqualTo(4);
        assertThat(measured.get(trace).nulls()).isZero();
    }

    @Test
    void a_temp_folder_it_cannot_use_is_named_with_the_reason() throws Exception {
        // GIVEN java.io.tmpdir pointing at a file, where no folder can be made
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", file.toString());
        try {
            // THEN building the replayer says why, not only which path
            assertThatThrownBy(() -> LibcBaseline.build(LibcBaseline.findSource().orElseThrow()))
                    .isInstanceOf(KitException.class)
                    .hasMessageContaining("'" + file + "' is a file, not a folder")
                    .hasMessageContaining("java.io.tmpdir");
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
    }

    private static boolean gccAvailable() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
