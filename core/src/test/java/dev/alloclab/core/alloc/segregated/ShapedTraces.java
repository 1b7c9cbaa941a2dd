package dev.alloclab.core.alloc.segregated;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stand-ins for the classic Malloc Lab traces, generated here from their published shapes only
 * (FACTS.md): recorded-program streams, coalescing, random, binary and realloc. Seeded, so a
 * tuning run is reproducible; vary the seed to avoid tuning to one file.
 */
final class ShapedTraces {
    static final int ALLOC = 0;
    static final int FREE = 1;
    static final int REALLOC = 2;

    /** One trace as parallel arrays, like the C replayer holds it. */
    record Trace(String name, int ids, int[] kind, int[] id, int[] size) {
        int ops() {
            return kind.length;
        }
    }

    private final String name;
    private final List<int[]> ops = new ArrayList<>();
    private int nextId;

    private ShapedTraces(String name) {
        this.name = name;
    }

    private int alloc(int size) {
        ops.add(new int[] {ALLOC, nextId, size});
        return nextId++;
    }

    private void free(int id) {
        ops.add(new int[] {FREE, id, 0});
    }

    private void realloc(int id, int size) {
        ops.add(new int[] {REALLOC, id, size});
    }

    private Trace build() {
        int n = ops.size();
        int[] kind = new int[n];
        int[] id = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = ops.get(i)[0];
            id[i] = ops.get(i)[1];
            size[i] = ops.get(i)[2];
        }
        return new Trace(name, nextId, kind, id, size);
    }

    /** The whole stand-in suite for one seed: 11 traces like the classic set. */
    static List<Trace> suite(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return List.of(
                program("program-a", r.split(), 2500, 0.20, 300, 0.02),
                program("program-b", r.split(), 3000, 0.35, 100, 0.05),
                program("program-c", r.split(), 3000, 0.10, 1200, 0.01),
                program("program-d", r.split(), 2500, 0.50, 60, 0.10),
                coalescing("coalescing", r.split(), 2000),
                random("random-a", r.split(), 1500, 1, 4096),
                random("random-b", r.split(), 1500, 1, 24000),
                binary("binary-a", 2000, 48 + r.nextInt(4) * 8, 380 + r.nextInt(10) * 8, 48 + r.nextInt(5) * 8),
                binary("binary-b", 2500, 12 + r.nextInt(3) * 4, 96 + r.nextInt(4) * 8, 12 + r.nextInt(3) * 4),
                reallocGrowth("realloc-a", r.split(), 2000, 1, 1, 64 + r.nextInt(64)),
                reallocGrowth("realloc-b", r.split(), 2000, 1, 6, 16 + r.nextInt(32)));
    }

    /** Harder than the classic set: several blocks grown in turn (only one can end the heap). */
    static Trace reallocMany(long seed) {
        return reallocGrowth("realloc-many", new SplittableRandom(seed), 2000, 3, 2, 16 + (int) (seed % 32));
    }

    /**
     * A recorded-program stream: many small short-lived objects with a skewed size mix, some
     * medium buffers, and a share of long-lived blocks freed only at the end.
     */
    static Trace program(String name, SplittableRandom r, int allocations, double longLivedShare,
            int meanLifetime, double bigShare) {
        ShapedTraces t = new ShapedTraces(name);
        int[] popular = new int[6];
        for (int i = 0; i < popular.length; i++) {
            popular[i] = 4 + r.nextInt(120);
        }
        List<int[]> pending = new ArrayList<>(); // {dueStep, id}
        List<Integer> longLived = new ArrayList<>();
        for (int step = 0; step < allocations; step++) {
            int size;
            double u = r.nextDouble();
            if (u < bigShare) {
                size = 256 + r.nextInt(8192);
            } else if (u < 0.7) {
                size = popular[r.nextInt(popular.length)];
            } else {
                size = 1 + r.nextInt(200);
            }
            int id = t.alloc(size);
            if (r.nextDouble() < longLivedShare) {
                longLived.add(id);
            } else {
                int life = 1 + (int) (-Math.log(1 - r.nextDouble()) * meanLifetime);
                pending.add(new int[] {step + life, id});
            }
            for (int i = pending.size() - 1; i >= 0; i--) {
                if (pending.get(i)[0] <= step) {
                    t.free(pending.remove(i)[1]);
                }
            }
        }
        pending.forEach(p -> t.free(p[1]));
        longLived.forEach(t::free);
        return t.build();
    }

    /** Pure coalescing: pairs allocated and freed, then one block the size of both. */
    static Trace coalescing(String name, SplittableRandom r, int rounds) {
        ShapedTraces t = new ShapedTraces(name);
        int base = 2000 + r.nextInt(4000);
        int keep = -1;
        for (int i = 0; i < rounds; i++) {
            int a = t.alloc(base);
            int b = t.alloc(base);
            t.free(a);
            t.free(b);
            if (keep >= 0) {
                t.free(keep);
            }
            keep = t.alloc(2 * base);
        }
        t.free(keep);
        return t.build();
    }

    /** Random sizes and lifetimes: a live set that drifts up to a peak and back. */
    static Trace random(String name, SplittableRandom r, int allocations, int minSize, int maxSize) {
        ShapedTraces t = new ShapedTraces(name);
        List<Integer> live = new ArrayList<>();
        int allocated = 0;
        while (allocated < allocations || !live.isEmpty()) {
            boolean doAlloc = allocated < allocations && (live.isEmpty() || r.nextDouble() < 0.6);
            if (doAlloc) {
                live.add(t.alloc(minSize + r.nextInt(maxSize - minSize + 1)));
                allocated++;
            } else {
                t.free(live.remove(r.nextInt(live.size())));
            }
        }
        return t.build();
    }

    /** Alternating small and large blocks; free the large; ask for blocks a little larger. */
    static Trace binary(String name, int pairs, int small, int large, int growth) {
        ShapedTraces t = new ShapedTraces(name);
        int[] smalls = new int[pairs];
        int[] larges = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            smalls[i] = t.alloc(small);
            larges[i] = t.alloc(large);
        }
        for (int i = 0; i < pairs; i++) {
            t.free(larges[i]);
        }
        int[] bigger = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            bigger[i] = t.alloc(large + growth);
        }
        for (int i = 0; i < pairs; i++) {
            t.free(smalls[i]);
            t.free(bigger[i]);
        }
        return t.build();
    }

    /**
     * {@code growing} blocks grown step by step by realloc, while small blocks are allocated
     * around them; at most {@code window} small blocks stay live, a random one is freed.
     */
    static Trace reallocGrowth(String name, SplittableRandom r, int steps, int growing, int window, int step) {
        ShapedTraces t = new ShapedTraces(name);
        int[] ids = new int[growing];
        int[] sizes = new int[growing];
        for (int g = 0; g < growing; g++) {
            sizes[g] = 64 + r.nextInt(512);
            ids[g] = t.alloc(sizes[g]);
        }
        List<Integer> smalls = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            smalls.add(t.alloc(8 + r.nextInt(120)));
            int g = r.nextInt(growing);
            sizes[g] += step + r.nextInt(step);
            t.realloc(ids[g], sizes[g]);
            if (smalls.size() > window) {
                t.free(smalls.remove(r.nextInt(smalls.size())));
            }
        }
        smalls.forEach(t::free);
        for (int g = 0; g < growing; g++) {
            t.free(ids[g]);
        }
        return t.build();
    }
}
