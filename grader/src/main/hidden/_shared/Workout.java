package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The grader's Malloc Lab style checks over any allocator: a seeded sequence of operations, each
 * payload checked for alignment, bounds and overlap, and filled with a pattern that must survive
 * until the block is freed (realloc must keep the prefix). Also replays the same operations
 * unchecked to measure throughput.
 */
final class Workout {
    static final int ALLOC = 0;
    static final int FREE = 1;
    static final int REALLOC = 2;

    /** A fixed operation list: kind, block id, size. */
    record Ops(String name, int[] kind, int[] id, int[] size, int ids) {
        int length() {
            return kind.length;
        }
    }

    /** Peak live requested bytes and the heap's size at the end. */
    record Result(long peakLive, int heapSize) {
        double utilization() {
            return heapSize == 0 ? 1 : Math.min(1.0, (double) peakLive / heapSize);
        }
    }

    private Workout() {
    }

    /** Random alloc/free (and realloc) with sizes in [1, maxSize], every block freed at the end. */
    static Ops random(String name, long seed, int ops, int maxSize, boolean realloc) {
        Random r = new Random(seed);
        List<int[]> list = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < ops; i++) {
            int dice = r.nextInt(10);
            if (live.isEmpty() || dice < 5) {
                list.add(new int[] {ALLOC, next, 1 + r.nextInt(maxSize)});
                live.add(next++);
            } else if (realloc && dice < 7) {
                list.add(new int[] {REALLOC, live.get(r.nextInt(live.size())), 1 + r.nextInt(maxSize)});
            } else {
                list.add(new int[] {FREE, live.remove(r.nextInt(live.size())), 0});
            }
        }
        for (int id : live) {
            list.add(new int[] {FREE, id, 0});
        }
        return toOps(name, list, next);
    }

    /** Alternating small and large blocks, the small ones freed, then slightly larger requests. */
    static Ops binary(String name, int pairs, int small, int large) {
        List<int[]> list = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < pairs; i++) {
            list.add(new int[] {ALLOC, id++, small});
            list.add(new int[] {ALLOC, id++, large});
        }
        for (int i = 0; i < 2 * pairs; i += 2) {
            list.add(new int[] {FREE, i, 0});
        }
        for (int i = 0; i < pairs; i++) {
            list.add(new int[] {ALLOC, id++, large + 16});
        }
        for (int i = 1; i < id; i++) {
            if (i < 2 * pairs ? i % 2 == 1 : true) {
                list.add(new int[] {FREE, i, 0});
            }
        }
        return toOps(name, list, id);
    }

    /** One block grown by realloc step by step while small blocks come and go around it. */
    static Ops reallocGrowth(String name, int steps) {
        List<int[]> list = new ArrayList<>();
        list.add(new int[] {ALLOC, 0, 64});
        int id = 1;
        for (int i = 1; i <= steps; i++) {
            list.add(new int[] {ALLOC, id, 16});
            list.add(new int[] {REALLOC, 0, 64 + 32 * i});
            list.add(new int[] {FREE, id, 0});
            id++;
        }
        list.add(new int[] {FREE, 0, 0});
        return toOps(name, list, id);
    }

    private static Ops toOps(String name, List<int[]> list, int ids) {
        int n = list.size();
        int[] kind = new int[n];
        int[] id = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = list.get(i)[0];
            id[i] = list.get(i)[1];
            size[i] = list.get(i)[2];
        }
        return new Ops(name, kind, id, size, ids);
    }

    /** Runs {@code ops} with every check; an {@link AssertionError} names the operation and the rule. */
    static Result checked(Allocator allocator, Ops ops) {
        int[] index = new int[ops.ids()];
        int[] size = new int[ops.ids()];
        TreeMap<Integer, Integer> live = new TreeMap<>(); // payload start -> end
        long liveBytes = 0;
        long peak = 0;
        for (int i = 0; i < ops.length(); i++) {
            int id = ops.id()[i];
            String op = "operation " + i + " of " + ops.name();
            switch (ops.kind()[i]) {
                case ALLOC -> {
                    int p = allocator.alloc(ops.size()[i]);
                    check(p != Allocator.NULL, op + ": alloc(" + ops.size()[i] + ") returned NULL although the heap may grow");
                    place(allocator, live, p, ops.size()[i], op + ": alloc(" + ops.size()[i] + ")");
                    fill(allocator, p, ops.size()[i], id);
                    index[id] = p;
                    size[id] = ops.size()[i];
                    liveBytes += size[id];
                }
                case REALLOC -> {
                    int old = index[id];
                    live.remove(old);
                    int p = allocator.realloc(old, ops.size()[i]);
                    check(p != Allocator.NULL, op + ": realloc(" + old + ", " + ops.size()[i] + ") returned NULL");
                    place(allocator, live, p, ops.size()[i], op + ": realloc(" + old + ", " + ops.size()[i] + ")");
                    verify(allocator, p, Math.min(size[id], ops.size()[i]), id,
                            op + ": realloc(" + old + ", " + ops.size()[i] + ") lost the old payload's bytes");
                    fill(allocator, p, ops.size()[i], id);
                    liveBytes += ops.size()[i] - size[id];
                    index[id] = p;
                    size[id] = ops.size()[i];
                }
                default -> {
                    verify(allocator, index[id], size[id], id, op + ": the payload at " + index[id]
                            + " was changed while it was live (another block or the allocator's bookkeeping wrote into it)");
                    live.remove(index[id]);
                    allocator.dealloc(index[id]);
                    liveBytes -= size[id];
                }
            }
            peak = Math.max(peak, liveBytes);
        }
        return new Result(peak, allocator.heap().size());
    }

    /** Runs {@code ops} without checks (for timing); returns the operation count. */
    static int unchecked(Allocator allocator, Ops ops) {
        int[] index = new int[ops.ids()];
        for (int i = 0; i < ops.length(); i++) {
            int id = ops.id()[i];
            switch (ops.kind()[i]) {
                case ALLOC -> index[id] = allocator.alloc(ops.size()[i]);
                case REALLOC -> index[id] = allocator.realloc(index[id], ops.size()[i]);
                default -> allocator.dealloc(index[id]);
            }
        }
        return ops.length();
    }

    private static void place(Allocator allocator, TreeMap<Integer, Integer> live, int p, int size, String op) {
        check(p % Allocator.ALIGNMENT == 0, op + " returned " + p + ", which is not a multiple of 8");
        check(p >= 0 && (long) p + size <= allocator.heap().size(), op + " returned [" + p + ", " + (p + size)
                + "), which does not lie inside the heap [0, " + allocator.heap().size() + ")");
        Map.Entry<Integer, Integer> before = live.floorEntry(p);
        check(before == null || before.getValue() <= p, op + " returned [" + p + ", " + (p + size)
                + "), which overlaps the live payload [" + (before == null ? 0 : before.getKey()) + ", "
                + (before == null ? 0 : before.getValue()) + ")");
        Map.Entry<Integer, Integer> after = live.ceilingEntry(p);
        check(after == null || after.getKey() >= p + size, op + " returned [" + p + ", " + (p + size)
                + "), which overlaps the live payload [" + (after == null ? 0 : after.getKey()) + ", "
                + (after == null ? 0 : after.getValue()) + ")");
        live.put(p, p + size);
    }

    private static void fill(Allocator allocator, int p, int size, int id) {
        for (int k = 0; k < size; k++) {
            allocator.heap().writeByte(p + k, pattern(id, k));
        }
    }

    private static void verify(Allocator allocator, int p, int size, int id, String message) {
        for (int k = 0; k < size; k++) {
            if (allocator.heap().readByte(p + k) != (byte) pattern(id, k)) {
                throw new AssertionError(message + " (first wrong byte at index " + (p + k) + ")");
            }
        }
    }

    private static int pattern(int id, int k) {
        return (id * 31 + k * 7 + 1) & 0xFF;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
