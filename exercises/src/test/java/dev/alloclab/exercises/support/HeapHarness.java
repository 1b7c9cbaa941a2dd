package dev.alloclab.exercises.support;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Drives any {@link Allocator} and checks the Malloc Lab rules after every operation: each
 * payload is 8-byte aligned, lies inside the heap, overlaps no live payload, and keeps the bytes
 * written into it (a pattern derived from its step number) until it is freed. A broken rule fails
 * with a message that names the step, both blocks as {@code [from, to)} and the allocator's own
 * picture of its heap.
 *
 * <p>Operations are encoded as ints so jqwik can shrink them: {@code n > 0} is {@code alloc(n)},
 * {@code n <= 0} frees live block number {@code -n % live}.
 */
public final class HeapHarness {
    /** One live payload and the step that made it. */
    public record Block(int index, int size, int step) {
        int end() {
            return index + size;
        }

        byte patternAt(int offset) {
            return (byte) (step * 31 + offset * 7 + 1);
        }

        @Override
        public String toString() {
            return "block [" + index + ", " + end() + ") from alloc(" + size + ") at step " + step;
        }
    }

    private final Allocator allocator;
    private final HeapBytes heap;
    private final List<Block> live = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private int step;

    public HeapHarness(Allocator allocator) {
        this.allocator = allocator;
        this.heap = allocator.heap();
    }

    /** Runs every operation of {@code ops} (see the class comment), checking after each. */
    public static HeapHarness run(Allocator allocator, List<Integer> ops) {
        HeapHarness harness = new HeapHarness(allocator);
        for (int op : ops) {
            if (op > 0) {
                harness.alloc(op);
            } else if (!harness.live.isEmpty()) {
                harness.freeNth(-op % harness.live.size());
            }
        }
        harness.checkEveryPattern();
        return harness;
    }

    /**
     * Like {@link #run}, but a negative odd {@code n} reallocates live block number
     * {@code -n % live} to {@code (-n * 37) % 700 + 1} bytes instead of freeing it.
     */
    public static HeapHarness runWithRealloc(Allocator allocator, List<Integer> ops) {
        HeapHarness harness = new HeapHarness(allocator);
        for (int op : ops) {
            if (op > 0) {
                harness.alloc(op);
            } else if (!harness.live.isEmpty()) {
                int n = -op % harness.live.size();
                if (op % 2 != 0) {
                    harness.reallocNth(n, (-op * 37) % 700 + 1);
                } else {
                    harness.freeNth(n);
                }
            }
        }
        harness.checkEveryPattern();
        return harness;
    }

    /** Reallocates the n-th live block; its first min(old, new) bytes must come along. */
    public int reallocNth(int n, int newSize) {
        Block old = live.get(n);
        step++;
        checkPattern(old);
        int index = allocator.realloc(old.index(), newSize);
        log.add("step " + step + ": realloc(" + old.index() + ", " + newSize + ") -> " + index);
        if (index == Allocator.NULL) {
            return index;
        }
        live.remove(n);
        Block moved = new Block(index, newSize, old.step());
        for (int i = 0; i < Math.min(old.size(), newSize); i++) {
            byte actual = heap.readByte(index + i);
            if (actual != old.patternAt(i)) {
                fail("realloc(" + old.index() + ", " + newSize + ") at step " + step + " returned " + moved
                        + " but did not keep the old bytes: at offset " + i + " expected " + hex(old.patternAt(i))
                        + " but found " + hex(actual));
            }
        }
        alloc(moved);
        return index;
    }

    public List<Block> live() {
        return List.copyOf(live);
    }

    /** Allocates, checks the rules, fills the payload; returns the index (or NULL if out of memory). */
    public int alloc(int size) {
        step++;
        int index = allocator.alloc(size);
        log.add("step " + step + ": alloc(" + size + ") -> " + index);
        if (index == Allocator.NULL) {
            return index;
        }
        alloc(new Block(index, size, step));
        return index;
    }

    private void alloc(Block block) {
        int index = block.index();
        int size = block.size();
        if (index % Allocator.ALIGNMENT != 0) {
            fail("alloc(" + size + ") at step " + step + " returned " + index + ", which is not a multiple of 8");
        }
        if (!heap.contains(index, size)) {
            fail("alloc(" + size + ") at step " + step + " returned " + block + ", which does not lie inside the heap [0, "
                    + heap.size() + ")");
        }
        for (Block other : live) {
            if (block.index() < other.end() && other.index() < block.end()) {
                fail("alloc(" + size + ") at step " + step + " returned " + block + ", which overlaps the live " + other
                        + ": both own heap indices [" + Math.max(block.index(), other.index()) + ", "
                        + Math.min(block.end(), other.end()) + ")");
            }
        }
        if (allocator.usableSize(index) < size) {
            fail("usableSize(" + index + ") is " + allocator.usableSize(index) + ", less than the " + size + " bytes asked for");
        }
        for (int i = 0; i < size; i++) {
            heap.writeByte(index + i, block.patternAt(i));
        }
        live.add(block);
        checkEveryPattern();
    }

    /** Frees the n-th live block (in allocation order), after checking its bytes survived. */
    public void freeNth(int n) {
        Block block = live.remove(n);
        step++;
        log.add("step " + step + ": dealloc(" + block.index() + ")");
        checkPattern(block);
        allocator.dealloc(block.index());
        checkEveryPattern();
    }

    /** Every live payload still holds the bytes written into it. */
    public void checkEveryPattern() {
        live.forEach(this::checkPattern);
    }

    private void checkPattern(Block block) {
        for (int i = 0; i < block.size(); i++) {
            byte actual = heap.readByte(block.index() + i);
            if (actual != block.patternAt(i)) {
                fail("the payload bytes of the live " + block + " changed: at heap index " + (block.index() + i)
                        + " expected " + hex(block.patternAt(i)) + " but found " + hex(actual)
                        + " (an allocator's bookkeeping, or another block, wrote into a live payload)");
            }
        }
    }

    private void fail(String what) {
        throw new AssertionFailedError(what + "\n  operations so far:\n    "
                + String.join("\n    ", log.subList(Math.max(0, log.size() - 12), log.size()))
                + "\n  the allocator's heap: " + picture(allocator));
    }

    /** The allocator's regions as text, or a note that it draws none. */
    public static String picture(Allocator allocator) {
        List<HeapRegion> regions = allocator.regions();
        if (regions.isEmpty()) {
            return "(this allocator describes no regions; heap size " + allocator.heap().size() + ")";
        }
        return regions.stream().map(HeapRegion::toString).collect(Collectors.joining(" ")) + " | heap size "
                + allocator.heap().size();
    }

    private static String hex(byte b) {
        return String.format("0x%02x", b & 0xFF);
    }
}
