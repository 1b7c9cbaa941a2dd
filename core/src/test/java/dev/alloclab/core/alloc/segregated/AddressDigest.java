package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.core.trace.TraceSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Prints, per trace, a CRC of every address the allocator returns (alloc and realloc, in order), the
 * heap's final size and a CRC of its final bytes: the check that a speed change to
 * {@link SegregatedAllocator} moved no byte. Run it before and after a change and diff the two outputs
 * by hand (the digests are never pasted into a test: they change whenever the layout is meant to).
 *
 * <pre>
 * mvn -B -q test-compile -pl core
 * java -cp core/target/classes:core/target/test-classes dev.alloclab.core.alloc.segregated.AddressDigest
 * </pre>
 *
 * It covers every bundled trace (the teaching ones replayed as Malloc Lab does, writes and reads
 * skipped), the stand-ins of seeds 1, 2, 3 and 42 with their extra {@code realloc-many}, the two
 * classic binary shapes and the realloc-growth family; each with the shipped slot gate and with gate
 * 0 (every eligible request gets a slot), which drives the runs far harder than the kit's traces do.
 * Each argument names a folder whose {@code .rep} files (in name order) are digested too, after the
 * bundled traces: traces that are not shipped, such as the CMU lab's, can be checked the same way.
 */
final class AddressDigest {
    private AddressDigest() {
    }

    /** The digest line of one replay: name, ops, address CRC, final heap size, heap bytes CRC. */
    static String digest(String name, int[] kind, int[] id, int[] size, int ids, Function<HeapBytes, Allocator> factory) {
        Allocator allocator = factory.apply(HeapBytes.mallocLabSized());
        int[] index = new int[ids];
        Arrays.fill(index, Allocator.NULL);
        CRC32 addresses = new CRC32();
        for (int op = 0; op < kind.length; op++) {
            int answer;
            switch (kind[op]) {
                case ShapedTraces.ALLOC -> {
                    answer = allocator.alloc(size[op]);
                    index[id[op]] = answer;
                }
                case ShapedTraces.REALLOC -> {
                    answer = allocator.realloc(index[id[op]], size[op]);
                    if (answer != Allocator.NULL || size[op] == 0) {
                        index[id[op]] = answer;
                    }
                }
                default -> {
                    allocator.dealloc(index[id[op]]);
                    index[id[op]] = Allocator.NULL;
                    continue;
                }
            }
            addresses.update(answer);
            addresses.update(answer >>> 8);
            addresses.update(answer >>> 16);
            addresses.update(answer >>> 24);
        }
        HeapBytes heap = allocator.heap();
        CRC32 bytes = new CRC32();
        bytes.update(heap.readBytes(0, heap.size()));
        return String.format("%-28s %7d ops  addresses %08x  heap %8d  bytes %08x", name, kind.length,
                addresses.getValue(), heap.size(), bytes.getValue());
    }

    static String digest(ShapedTraces.Trace trace, Function<HeapBytes, Allocator> factory) {
        return digest(trace.name(), trace.kind(), trace.id(), trace.size(), trace.ids(), factory);
    }

    /** A bundled trace as parallel arrays, its Malloc Lab ops only; sizes beyond an int are left out. */
    static String digest(Trace trace, Function<HeapBytes, Allocator> factory) {
        List<int[]> ops = new ArrayList<>();
        int ids = 0;
        for (TraceOp op : trace.ops()) {
            if (op.id() < 0) {
                continue;
            }
            ids = Math.max(ids, op.id() + 1);
            if (op instanceof TraceOp.Alloc a && a.size() <= Integer.MAX_VALUE) {
                ops.add(new int[] {ShapedTraces.ALLOC, a.id(), (int) a.size()});
            } else if (op instanceof TraceOp.Realloc r && r.size() <= Integer.MAX_VALUE) {
                ops.add(new int[] {ShapedTraces.REALLOC, r.id(), (int) r.size()});
            } else if (op instanceof TraceOp.Free f) {
                ops.add(new int[] {ShapedTraces.FREE, f.id(), 0});
            }
        }
        int[] kind = ops.stream().mapToInt(o -> o[0]).toArray();
        int[] id = ops.stream().mapToInt(o -> o[1]).toArray();
        int[] size = ops.stream().mapToInt(o -> o[2]).toArray();
        return digest(trace.name(), kind, id, size, ids, factory);
    }

    /** The {@code .rep} files of {@code folder}, parsed leniently (the classic traces need it), in name order. */
    private static List<Trace> tracesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".rep")).sorted()
                    .map(f -> Trace.read(f, ParseMode.LENIENT)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        for (int gate : new int[] {SegregatedAllocator.SLOT_GATE, 0}) {
            Function<HeapBytes, Allocator> factory = heap -> new SegregatedAllocator(heap, gate);
            System.out.println("slot gate " + gate);
            for (String name : TraceSuite.names()) {
                try {
                    System.out.println(digest(Trace.bundled(name), factory));
                } catch (RuntimeException e) {
                    // a teaching trace with a planted bug (a double free) may break the heap: that is a digest too
                    System.out.println(name + " threw " + e);
                }
            }
            for (String folder : args) {
                for (Trace trace : tracesIn(Path.of(folder))) {
                    System.out.println(digest(trace, factory));
                }
            }
            System.out.println(digest(ShapedTraces.binary("binary", 2000, 64, 448, 64), factory));
            System.out.println(digest(ShapedTraces.binary("binary2", 2000, 16, 112, 16), factory));
            for (long seed : new long[] {1, 2, 3, 42}) {
                for (ShapedTraces.Trace trace : ShapedTraces.suite(seed)) {
                    System.out.println(digest(trace, factory).replaceFirst("^" + trace.name() + " ",
                            "s" + seed + "/" + trace.name()));
                }
                System.out.println(digest(ShapedTraces.reallocMany(seed), factory).replaceFirst("^",
                        "s" + seed + "/"));
            }
            for (int window : new int[] {200, 2000}) {
                for (long seed = 1; seed <= 8; seed++) {
                    System.out.println(digest(ShapedTraces.reallocGrowth("realloc-growth-" + window + "-" + seed,
                            new SplittableRandom(seed), 3000, 1, window, 37), factory));
                }
            }
        }
    }
}
