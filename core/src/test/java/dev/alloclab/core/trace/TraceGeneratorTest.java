package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceGeneratorTest {
    private static String shipped(String name) throws IOException {
        try (InputStream in = Trace.class.getResourceAsStream(Trace.SUITE_RESOURCE_FOLDER + name + ".rep")) {
            assertThat(in).as("bundled resource for %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_generator_reproduces_every_shipped_trace_byte_for_byte() throws IOException {
        for (String name : TraceSuite.names()) {
            assertThat(TraceGenerator.generate(name)).as(name + ".rep: regenerate with 'alloclab traces generate'")
                    .isEqualTo(shipped(name));
        }
    }

    @Test
    void writing_the_suite_puts_each_trace_in_its_file(@TempDir Path dir) throws IOException {
        List<Path> files = TraceGenerator.writeSuite(dir);
        assertThat(files).hasSize(TraceSuite.names().size());
        assertThat(Files.readString(dir.resolve("random-1.rep"))).isEqualTo(shipped("random-1"));
        assertThat(Files.readString(dir.resolve("teaching/leak.rep"))).isEqualTo(shipped("teaching/leak"));
    }

    @Test
    void a_file_of_the_same_name_with_other_contents_is_never_overwritten_unless_asked(@TempDir Path dir)
            throws IOException {
        // GIVEN a course folder holding an instructor's own compiler-like.rep
        Files.writeString(dir.resolve("compiler-like.rep"), "0\n1\n1\n1\na 0 8\n");
        // WHEN the suite is written there THEN nothing is written and the sentence names the file
        assertThatThrownBy(() -> TraceGenerator.writeSuite(dir)).isInstanceOf(KitException.class)
                .hasMessageContaining("already holds 1 of the suite's file names with other contents (compiler-like.rep)")
                .hasMessageContaining("nothing was written");
        assertThat(Files.readString(dir.resolve("compiler-like.rep"))).isEqualTo("0\n1\n1\n1\na 0 8\n");
        assertThat(dir.resolve("random-1.rep")).doesNotExist();
        // AND with replace it is overwritten, and writing the same suite again is fine without it
        TraceGenerator.writeSuite(dir, 0, true);
        assertThat(Files.readString(dir.resolve("compiler-like.rep"))).isEqualTo(shipped("compiler-like"));
        assertThat(TraceGenerator.writeSuite(dir)).hasSize(TraceSuite.names().size());
    }

    @Test
    void an_empty_folder_name_writes_into_the_current_folder(@TempDir Path dir) throws IOException {
        // GIVEN a file system whose current folder is its root (a zip file: the test's real current folder stays clean)
        try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("suite.zip"), Map.of("create", "true"))) {
            // WHEN the suite is written to the empty path, whose files have no parent folder
            List<Path> files = TraceGenerator.writeSuite(zip.getPath(""));
            // THEN every trace is there, the teaching ones in their subfolder
            assertThat(files).hasSize(TraceSuite.names().size());
            assertThat(Files.readString(zip.getPath("random-1.rep"))).isEqualTo(shipped("random-1"));
            assertThat(Files.readString(zip.getPath("teaching/leak.rep"))).isEqualTo(shipped("teaching/leak"));
        }
    }

    @Test
    void a_file_where_the_folder_belongs_is_refused_with_a_sentence(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertThatThrownBy(() -> TraceGenerator.writeSuite(file)).isInstanceOf(KitException.class)
                .hasMessage("cannot write the trace suite to '" + file + "': it is a file; pass a folder "
                        + "(it is created if it does not exist).");
        // AND a folder that cannot be made names the reason, not only the path
        assertThatThrownBy(() -> TraceGenerator.writeSuite(file.resolve("sub"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("'" + file + "' is a file, not a folder");
    }

    @Test
    void the_suite_is_about_the_size_of_the_classic_set_and_each_trace_fits_a_malloc_lab_heap() {
        int total = 0;
        for (Trace trace : TraceSuite.performanceTraces()) {
            total += trace.size();
            assertThat(peakLiveBytes(trace)).as(trace.name()).isPositive().isLessThan(HeapBytes.MALLOC_LAB_MAX / 2);
            assertThat(trace.header().first()).as("the header's hint is the peak").isEqualTo(peakLiveBytes(trace));
            assertThat(trace.hasTeachingOps()).isFalse();
        }
        assertThat(total).isBetween(90_000, 130_000);
        assertThat(TraceSuite.performanceNames()).hasSize(11);
        assertThat(TraceSuite.teachingNames()).containsExactly("teaching/use-after-free", "teaching/double-free",
                "teaching/overflow", "teaching/leak");
    }

    @Test
    void every_performance_trace_frees_what_it_allocates_and_a_correct_allocator_passes_it() {
        for (Trace trace : TraceSuite.performanceTraces()) {
            ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).validate(trace);
            assertThat(report.failure()).as(trace.name()).isEmpty();
            assertThat(report.peakLiveBytes()).isEqualTo(peakLiveBytes(trace));
        }
    }

    @Test
    void a_variant_draws_other_operations_of_the_same_shape_reproducibly_and_variant_0_is_the_shipped_suite() {
        for (String name : TraceGenerator.performanceNames()) {
            String variant = TraceGenerator.generate(name, 2027);
            // THEN the same variant gives the same bytes, and variant 0 is the shipped trace
            assertThat(TraceGenerator.generate(name, 2027)).as(name).isEqualTo(variant);
            assertThat(TraceGenerator.generate(name, 0)).as(name).isEqualTo(TraceGenerator.generate(name));
            // AND a trace that draws at random draws other operations, of about the same number
            Trace shipped = Trace.parse(name, TraceGenerator.generate(name), ParseMode.STRICT);
            Trace other = Trace.parse(name, variant, ParseMode.STRICT);
            if (name.startsWith("binary")) {
                assertThat(variant).as(name + " draws nothing at random").isEqualTo(TraceGenerator.generate(name));
            } else {
                assertThat(variant).as(name).isNotEqualTo(TraceGenerator.generate(name));
                assertThat((double) other.ops().size()).as(name).isBetween(0.8 * shipped.ops().size(), 1.2 * shipped.ops().size());
            }
            // AND a correct allocator replays it validly
            ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).validate(other);
            assertThat(report.failure()).as(name + " variant 2027").isEmpty();
        }
        assertThat(TraceGenerator.seedMix(0)).isZero();
        assertThat(TraceGenerator.seedMix(1)).isNotZero().isNotEqualTo(TraceGenerator.seedMix(2));
    }

    @Test
    void the_binary_trace_frees_the_large_blocks_then_asks_for_slightly_bigger_ones() {
        Trace trace = Trace.bundled("binary-small-large");
        List<TraceOp> ops = trace.ops();
        assertThat(ops.get(0)).isEqualTo(new TraceOp.Alloc(0, 64, 5));
        assertThat(ops.get(1)).isEqualTo(new TraceOp.Alloc(1, 448, 6));
        assertThat(ops.get(4000)).isEqualTo(new TraceOp.Free(1, 4005));
        assertThat(ops.get(ops.size() - 1)).isInstanceOfSatisfying(TraceOp.Alloc.class,
                a -> assertThat(a.size()).isEqualTo(512));
    }

    @Test
    void an_unknown_suite_name_is_refused() {
        assertThatThrownBy(() -> TraceGenerator.generate("nope")).hasMessageContaining("no trace called 'nope'");
    }

    /** Recomputed from the ops, independently of the generator's bookkeeping. */
    private static long peakLiveBytes(Trace trace) {
        long[] size = new long[trace.header().idCount()];
        long live = 0;
        long peak = 0;
        for (TraceOp op : trace.ops()) {
            if (op instanceof TraceOp.Alloc a) {
                size[a.id()] = a.size();
                live += a.size();
            } else if (op instanceof TraceOp.Realloc r) {
                live += r.size() - size[r.id()];
                size[r.id()] = r.size();
            } else if (op instanceof TraceOp.Free f) {
                live -= size[f.id()];
                size[f.id()] = 0;
            }
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
