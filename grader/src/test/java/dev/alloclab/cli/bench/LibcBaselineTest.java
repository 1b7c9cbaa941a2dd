package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        baseline = LibcBaseline.build(LibcBaseline.findSource().orElseThrow());
    }

    @AfterAll
    static void deleteTheBuild() {
        if (baseline != null) {
            baseline.close();
        }
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

    @Test
    void a_program_planted_where_bench_once_cached_its_build_is_never_run() throws Exception {
        // GIVEN a temp folder where another user has put an executable at the path older benches built the
        // replayer to (alloclab-replay-<first 16 hex of the source's SHA-256>/replay)
        Path source = LibcBaseline.findSource().orElseThrow();
        Path tmp = Files.createDirectories(dir.resolve("shared-tmp"));
        Path planted = Files.createDirectories(tmp.resolve("alloclab-replay-"
                + dev.alloclab.grader.Sha256.hexOf(Files.readAllBytes(source)).substring(0, 16))).resolve("replay");
        Path ran = dir.resolve("planted-program-ran");
        Files.writeString(planted, "#!/bin/sh\ntouch '" + ran + "'\nexit 3\n");
        planted.toFile().setExecutable(true);
        Path trace = Files.writeString(dir.resolve("t.rep"), "0\n1\n2\n1\na 0 16\nf 0\n");
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try (LibcBaseline built = LibcBaseline.build(source)) {
            // WHEN bench builds and runs the replayer there
            Map<Path, LibcBaseline.Measurement> measured = built.measure(List.of(trace),
                    new LibcBaseline.Settings(1, true, 20 << 20, false));
            // THEN the planted program never ran, the kit's replayer did, in a new folder only this user may use
            assertThat(ran).doesNotExist();
            assertThat(measured.get(trace).ops()).isEqualTo(2);
            assertThat(built.folder()).isNotEqualTo(planted.getParent()).startsWith(tmp);
            assertThat(Files.getPosixFilePermissions(built.folder()))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            // AND closing it deletes the build
            built.close();
            assertThat(built.folder()).doesNotExist();
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    @Test
    void a_source_gcc_cannot_build_is_named_with_gccs_words_and_leaves_nothing_behind() throws Exception {
        // GIVEN a C file that is not C, and an empty temp folder
        Path source = Files.writeString(dir.resolve("replay.c"), "int main(void) { this is not C; }\n");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            // WHEN it is built
            assertThatThrownBy(() -> LibcBaseline.build(source))
                    // THEN the error says gcc could not build it, with gcc's own message
                    .isInstanceOf(KitException.class).hasMessageContaining("gcc could not build " + source)
                    .hasMessageContaining("error");
            // AND the temp folder is as empty as before
            try (var left = Files.list(tmp)) {
                assertThat(left).isEmpty();
            }
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    @Test
    void the_source_is_the_kits_own_from_alloclab_home_or_above_the_jar_and_never_the_working_folders() throws Exception {
        // GIVEN a folder with a bench/replay.c of its own (a course repository, another checkout)
        Path other = dir.resolve("other");
        Path otherSource = Files.createDirectories(other.resolve("bench")).resolve("replay.c");
        Files.writeString(otherSource, "int main(void) { return 0; }\n");
        Path kitSource = LibcBaseline.findSource(null, KitClasses.location()).orElseThrow();
        // THEN alloclab.home, which the launcher sets, names the kit's folder
        assertThat(LibcBaseline.findSource(other.toString(), null)).contains(otherSource.toAbsolutePath());
        // AND without it the folders above the kit's classes are searched (the kit's source, not the other one)
        assertThat(kitSource).isNotEqualTo(otherSource).endsWith(Path.of("bench", "replay.c"));
        assertThat(LibcBaseline.findSource(dir.resolve("no-kit-here").toString(), KitClasses.location())).contains(kitSource);
        // AND with neither there is none: the working folder is not a place the source is looked for
        assertThat(LibcBaseline.findSource(null, null)).isEmpty();
    }

    /** Where the kit's classes are, as {@link LibcBaseline#findSource()} sees it. */
    private static final class KitClasses {
        static Path location() throws Exception {
            return Path.of(LibcBaseline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
    }
}
