package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The kit's own trace suite, generated from fixed seeds so that {@code alloclab traces generate}
 * writes, on any machine, exactly the files the kit ships (a test compares them byte for byte).
 *
 * <p>The patterns follow the kinds of traces Malloc Lab is known for, each written from scratch
 * here (see {@code docs/traces.md} for what each one stresses):
 * <ul>
 *   <li>four "real program" streams: many small short-lived objects and a few long-lived ones,
 *       each with its own rhythm ({@code compiler-like}, {@code interpreter-like},
 *       {@code editor-like}, {@code server-like});</li>
 *   <li>two adversarial binary patterns: alternate small and large blocks, free one kind, then ask
 *       for blocks slightly larger than the freed ones;</li>
 *   <li>pure coalescing: neighbours freed and asked for again as one block;</li>
 *   <li>two random traces: random sizes and lifetimes;</li>
 *   <li>two realloc-growth traces: one block grown by realloc while small blocks are allocated around it.</li>
 * </ul>
 * and four short teaching traces with reads and writes for the checked heap
 * ({@code teaching/use-after-free}, {@code teaching/double-free}, {@code teaching/overflow},
 * {@code teaching/leak}).
 */
public final class TraceGenerator {
    /** Each performance trace from its name and the seed mix of a variant (0 for the shipped suite). */
    private static final Map<String, BiFunction<String, Long, Trace>> PERFORMANCE = new LinkedHashMap<>();
    private static final Map<String, String> TEACHING = new LinkedHashMap<>();

    static {
        PERFORMANCE.put("compiler-like", (name, mix) -> compilerLike(name, 0x5EED_1001L ^ mix));
        PERFORMANCE.put("interpreter-like", (name, mix) -> interpreterLike(name, 0x5EED_1002L ^ mix));
        PERFORMANCE.put("editor-like", (name, mix) -> editorLike(name, 0x5EED_1003L ^ mix));
        PERFORMANCE.put("server-like", (name, mix) -> serverLike(name, 0x5EED_1004L ^ mix));
        PERFORMANCE.put("binary-small-large", (name, mix) -> binary(name, 2000, 64, 448, false, 512));
        PERFORMANCE.put("binary-tiny-big", (name, mix) -> binary(name, 2400, 16, 112, true, 24));
        PERFORMANCE.put("coalescing", (name, mix) -> coalescing(name, 0x5EED_1005L ^ mix));
        PERFORMANCE.put("random-1", (name, mix) -> random(name, 0x5EED_0001L ^ mix, 9000, 600, 1, 8192, false));
        PERFORMANCE.put("random-2", (name, mix) -> random(name, 0x5EED_0002L ^ mix, 9000, 1200, 8, 32768, true));
        PERFORMANCE.put("realloc-growth-1", (name, mix) -> reallocGrowth(name, 0x5EED_0101L ^ mix, 1, 3000));
        PERFORMANCE.put("realloc-growth-2", (name, mix) -> reallocWithShortLivedNeighbours(name, 0x5EED_0102L ^ mix, 2400, 4));
        TEACHING.put("teaching/use-after-free", TeachingTraces.USE_AFTER_FREE);
        TEACHING.put("teaching/double-free", TeachingTraces.DOUBLE_FREE);
        TEACHING.put("teaching/overflow", TeachingTraces.OVERFLOW);
        TEACHING.put("teaching/leak", TeachingTraces.LEAK);
    }

    private TraceGenerator() {
    }

    /** The performance traces' names, in suite order. */
    public static List<String> performanceNames() {
        return List.copyOf(PERFORMANCE.keySet());
    }

    /** The teaching traces' names ({@code teaching/...}). */
    public static List<String> teachingNames() {
        return List.copyOf(TEACHING.keySet());
    }

    /** The text of the suite's trace {@code name}, exactly as the kit ships it. */
    public static String generate(String name) {
        return generate(name, 0);
    }

    /**
     * The text of trace {@code name} in the suite's variant {@code variant}: the same pattern and size, other
     * random draws, so a course can grade on traces its students have never seen. Variant 0 is the shipped
     * suite; the binary patterns draw nothing at random and are the same in every variant; the teaching traces
     * are fixed texts.
     */
    public static String generate(String name, long variant) {
        BiFunction<String, Long, Trace> performance = PERFORMANCE.get(name);
        if (performance != null) {
            return performance.apply(name, seedMix(variant)).toRep();
        }
        String teaching = TEACHING.get(name);
        if (teaching != null) {
            return teaching;
        }
        throw new IllegalArgumentException("the suite has no trace called '" + name + "'");
    }

    /**
     * Writes the whole suite under {@code folder}: the performance traces as {@code NAME.rep}, the
     * teaching ones as {@code teaching/NAME.rep}. Returns the files written. An empty path is the
     * current folder; a path that names a file is refused with a sentence.
     */
    public static List<Path> writeSuite(Path folder) {
        return writeSuite(folder, 0);
    }

    /**
     * Writes variant {@code variant} of the suite under {@code folder} (see {@link #generate(String, long)}). A file
     * already there with other bytes (an instructor's own trace of the same name, another variant) is never
     * overwritten: nothing is written and the exception names the files. Files with the same bytes are fine, so
     * the same command may run twice.
     */
    public static List<Path> writeSuite(Path folder, long variant) {
        return writeSuite(folder, variant, false);
    }

    /** As {@link #writeSuite(Path, long)}; with {@code replace}, files with other bytes are overwritten too. */
    public static List<Path> writeSuite(Path folder, long variant, boolean replace) {
        if (Files.exists(Checks.notNull(folder, "folder")) && !Files.isDirectory(folder)) {
            throw new KitException("cannot write the trace suite to '" + folder + "': it is a file; pass a folder "
                    + "(it is created if it does not exist).");
        }
        List<Path> written = new ArrayList<>();
        try {
            Map<Path, String> texts = new LinkedHashMap<>();
            List<String> different = new ArrayList<>();
            for (String name : TraceSuite.names()) {
                Path file = folder.resolve(name + ".rep");
                String text = generate(name, variant);
                texts.put(file, text);
                if (!replace && Files.exists(file) && !Arrays.equals(Files.readAllBytes(file),
                        text.getBytes(StandardCharsets.UTF_8))) {
                    different.add(folder.relativize(file).toString());
                }
            }
            if (!different.isEmpty()) {
                throw new KitException("'" + folder + "' already holds " + different.size() + " of the suite's file names "
                        + "with other contents (" + String.join(", ", different) + "): nothing was written. Write to "
                        + "another folder, or move those files away first (alloclab traces generate --replace "
                        + "overwrites them).");
            }
            for (Map.Entry<Path, String> entry : texts.entrySet()) {
                Path file = entry.getKey();
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace suite to '" + folder + "': " + IoReason.of(e, folder)
                    + ". Pass a folder you can write to.", e);
        }
        return written;
    }

    /**
     * What a variant changes in every seed: 0 for variant 0 (the shipped suite), else a 64-bit mix of the
     * variant's number (SplitMix64's finaliser), so that nearby variants draw unrelated numbers.
     */
    static long seedMix(long variant) {
        if (variant == 0) {
            return 0;
        }
        long z = variant * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }

    /**
     * A compiler: per function, a burst of small AST nodes (16..64 bytes) freed when the function
     * is done, a few symbol-table entries that live to the end, and now and then a code buffer of
     * a few KiB kept for several functions.
     */
    static Trace compilerLike(String name, long seed) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        List<Integer> symbols = new ArrayList<>();
        Deque<Integer> buffers = new ArrayDeque<>();
        while (trace.opCount() < 11000) {
            List<Integer> nodes = new ArrayList<>();
            int count = random.between(40, 160);
            for (int i = 0; i < count; i++) {
                nodes.add(trace.alloc(8 * random.between(2, 8)));
                if (random.percent(6)) {
                    symbols.add(trace.alloc(random.between(40, 200)));
                }
            }
            if (random.percent(30)) {
                buffers.addLast(trace.alloc(random.between(1024, 6144)));
                if (buffers.size() > 4) {
                    trace.free(buffers.removeFirst());
                }
            }
            shuffleFree(trace, random, nodes, 70);
        }
        buffers.forEach(trace::free);
        symbols.forEach(trace::free);
        return trace.build();
    }

    /**
     * An interpreter: call frames pushed and popped in LIFO order, each with a few small objects of
     * the sizes a runtime uses most (8, 16, 24, 32, 48 bytes); a few objects escape into a global
     * table that lives to the end.
     */
    static Trace interpreterLike(String name, long seed) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        int[] sizes = {8, 16, 24, 32, 48};
        Deque<List<Integer>> frames = new ArrayDeque<>();
        List<Integer> globals = new ArrayList<>();
        while (trace.opCount() < 11000) {
            boolean push = frames.isEmpty() || (frames.size() < 40 && random.percent(55));
            if (push) {
                List<Integer> frame = new ArrayList<>();
                frame.add(trace.alloc(random.between(64, 160)));
                int objects = random.between(1, 6);
                for (int i = 0; i < objects; i++) {
                    frame.add(trace.alloc(sizes[random.nextInt(sizes.length)]));
                }
                if (random.percent(4)) {
                    globals.add(trace.alloc(sizes[random.nextInt(sizes.length)] * 2));
                }
                frames.push(frame);
            } else {
                List<Integer> frame = frames.pop();
                for (int i = frame.size() - 1; i >= 0; i--) {
                    trace.free(frame.get(i));
                }
            }
        }
        while (!frames.isEmpty()) {
            List<Integer> frame = frames.pop();
            for (int i = frame.size() - 1; i >= 0; i--) {
                trace.free(frame.get(i));
            }
        }
        globals.forEach(trace::free);
        return trace.build();
    }

    /**
     * A text editor: strings of every length (log-uniform, 8 bytes to 4 KiB) with mixed lifetimes
     * in a pool of a few hundred, and a handful of line buffers that grow by realloc as the user types.
     */
    static Trace editorLike(String name, long seed) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        List<Integer> pool = new ArrayList<>();
        int[] lines = new int[6];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = trace.alloc(random.between(16, 80));
        }
        while (trace.opCount() < 10000) {
            int roll = random.nextInt(100);
            if (roll < 12) {
                int line = lines[random.nextInt(lines.length)];
                trace.realloc(line, trace.sizeOf(line) + random.between(1, 40));
            } else if (roll < 58 || pool.size() < 50) {
                if (pool.size() < 400) {
                    pool.add(trace.alloc(random.logUniform(8, 4096)));
                } else {
                    trace.free(pool.remove(random.nextInt(pool.size())));
                }
            } else if (!pool.isEmpty()) {
                trace.free(pool.remove(random.nextInt(pool.size())));
            }
        }
        pool.forEach(trace::free);
        for (int line : lines) {
            trace.free(line);
        }
        return trace.build();
    }

    /**
     * A server: requests interleaved over a few connections, each allocating a header block, a body
     * of 1..16 KiB and some small objects, all freed when the request ends; plus a cache of
     * long-lived entries, the oldest evicted when it is full.
     */
    static Trace serverLike(String name, long seed) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        List<List<Integer>> open = new ArrayList<>();
        Deque<Integer> cache = new ArrayDeque<>();
        while (trace.opCount() < 11000) {
            if (open.size() < 8 && (open.isEmpty() || random.percent(50))) {
                List<Integer> request = new ArrayList<>();
                request.add(trace.alloc(256));
                request.add(trace.alloc(random.between(1, 16) * 1024));
                open.add(request);
            } else {
                List<Integer> request = open.get(random.nextInt(open.size()));
                if (request.size() < 10 && random.percent(70)) {
                    request.add(trace.alloc(random.between(12, 120)));
                } else {
                    open.remove(request);
                    if (random.percent(25)) {
                        cache.addLast(trace.alloc(random.between(200, 2000)));
                        if (cache.size() > 64) {
                            trace.free(cache.removeFirst());
                        }
                    }
                    request.forEach(trace::free);
                }
            }
        }
        open.forEach(request -> request.forEach(trace::free));
        cache.forEach(trace::free);
        return trace.build();
    }

    /**
     * The adversarial binary pattern: {@code pairs} times a small block then a large one, then all
     * the large ones (or small ones) freed, then as many requests a little bigger than the freed
     * blocks. A naive allocator cannot reuse the freed holes and the heap doubles.
     */
    static Trace binary(String name, int pairs, int small, int large, boolean freeSmall, int bigger) {
        TraceBuilder trace = new TraceBuilder(name);
        int[] smalls = new int[pairs];
        int[] larges = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            smalls[i] = trace.alloc(small);
            larges[i] = trace.alloc(large);
        }
        for (int i = 0; i < pairs; i++) {
            trace.free(freeSmall ? smalls[i] : larges[i]);
        }
        for (int i = 0; i < pairs; i++) {
            trace.alloc(bigger);
        }
        return trace.build();
    }

    /**
     * Pure coalescing: two neighbours allocated and freed, then one block the size of both asked
     * for; only an allocator that merges free neighbours can serve it from the hole.
     */
    static Trace coalescing(String name, long seed) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        int previous = -1;
        while (trace.opCount() < 8000) {
            int half = 8 * random.between(64, 512);
            int left = trace.alloc(half);
            int right = trace.alloc(half);
            if (previous >= 0) {
                trace.free(previous);
            }
            trace.free(left);
            trace.free(right);
            previous = trace.alloc(2L * half);
        }
        trace.free(previous);
        return trace.build();
    }

    /**
     * Random sizes and lifetimes: each step allocates (sizes uniform, or log-uniform when
     * {@code logSizes}) or frees a random live block, keeping at most {@code maxLive} blocks.
     */
    static Trace random(String name, long seed, int ops, int maxLive, int minSize, int maxSize, boolean logSizes) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        List<Integer> live = new ArrayList<>();
        while (trace.opCount() < ops - live.size()) {
            boolean alloc = live.isEmpty() || (live.size() < maxLive && random.percent(55));
            if (alloc) {
                live.add(trace.alloc(logSizes ? random.logUniform(minSize, maxSize) : random.between(minSize, maxSize)));
            } else {
                int victim = random.nextInt(live.size());
                int id = live.get(victim);
                live.set(victim, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                trace.free(id);
            }
        }
        live.forEach(trace::free);
        return trace.build();
    }

    /**
     * Realloc growth: {@code growers} blocks (the suite uses one), each grown {@code steps} times by a few dozen bytes,
     * with a small block allocated between two reallocs (and a third of the small ones freed again),
     * so a realloc that always moves leaves a trail of holes the small blocks cannot fill.
     */
    static Trace reallocGrowth(String name, long seed, int growers, int steps) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        int[] grown = new int[growers];
        for (int g = 0; g < growers; g++) {
            grown[g] = trace.alloc(random.between(64, 512));
        }
        List<Integer> smalls = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            for (int g = 0; g < growers; g++) {
                trace.realloc(grown[g], trace.sizeOf(grown[g]) + random.between(16, 96));
            }
            smalls.add(trace.alloc(random.between(8, 64)));
            if (random.percent(33)) {
                trace.free(smalls.remove(random.nextInt(smalls.size())));
            }
        }
        for (int g = 0; g < growers; g++) {
            trace.free(grown[g]);
        }
        smalls.forEach(trace::free);
        return trace.build();
    }

    /**
     * Realloc growth with short-lived neighbours: one block grown {@code steps} times by a few
     * hundred bytes; after each growth a small block (16..128 bytes) is allocated, usually right
     * where the grown block would go next, and once more than {@code window} small blocks are live
     * a random one of them is freed. Like the classic realloc traces, one block grows among
     * transient small ones: a realloc that always moves copies ever more bytes and leaves ever
     * larger holes; one that grows at the heap's end or into a freed neighbour does not.
     */
    static Trace reallocWithShortLivedNeighbours(String name, long seed, int steps, int window) {
        SeededRandom random = new SeededRandom(seed);
        TraceBuilder trace = new TraceBuilder(name);
        int grown = trace.alloc(random.between(256, 1024));
        List<Integer> smalls = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            trace.realloc(grown, trace.sizeOf(grown) + random.between(128, 640));
            smalls.add(trace.alloc(random.between(16, 128)));
            if (smalls.size() > window) {
                trace.free(smalls.remove(random.nextInt(smalls.size())));
            }
        }
        trace.free(grown);
        smalls.forEach(trace::free);
        return trace.build();
    }

    /** Frees {@code ids} in an order that is mostly LIFO, partly random. */
    private static void shuffleFree(TraceBuilder trace, SeededRandom random, List<Integer> ids, int lifoPercent) {
        while (!ids.isEmpty()) {
            int pick = random.percent(lifoPercent) ? ids.size() - 1 : random.nextInt(ids.size());
            trace.free(ids.remove(pick));
        }
    }
}
