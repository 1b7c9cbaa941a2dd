package dev.alloclab.hidden.shared;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.memory.HeapBytes;

/**
 * The heap the hidden suites of programs (vec, scope, refcount) run on: core's {@link CheckedHeap}
 * (use-after-free, double and invalid free, out-of-bounds access throw a report) over an allocator
 * that never reuses an index, so a stale index can never land in a newer block. This class only
 * adds what the suites count: how many deallocs succeeded, and whether an index starts a live block.
 */
final class TrackingHeap implements Heap {
    private final CheckedHeap checked;
    private int deallocs;

    TrackingHeap() {
        this(1 << 22);
    }

    /** A heap that returns NULL once {@code limit} bytes were handed out. */
    TrackingHeap(int limit) {
        // the sites of a report are the student's own lines (through this wrapper); a call the suite makes itself
        // says so, rather than asking the student for labels they cannot add
        checked = CheckedHeap.builder(new NeverReused(HeapBytes.withMax(limit)))
                .captureCallerSitesIn("dev.alloclab.exercises.", "(the grader's own check, not your code)").build();
    }

    private TrackingHeap(CheckedHeap checked) {
        this.checked = checked;
    }

    /**
     * A heap for a test of a hundred thousand calls: capturing each call's site (a stack walk) would cost it a
     * third of a second of the exercise's time, so its reports say the sites were not recorded (the suite's other
     * tests, which meet the same mistakes sooner, name them).
     */
    static TrackingHeap withoutSites() {
        CheckedHeap checked = CheckedHeap.over(new NeverReused(HeapBytes.withMax(1 << 22)));
        checked.at("(not recorded in this long test)");
        return new TrackingHeap(checked);
    }

    @Override
    public int alloc(int size) {
        return checked.alloc(size);
    }

    @Override
    public void dealloc(int index) {
        checked.dealloc(index);
        if (index != Allocator.NULL) {
            deallocs++;
        }
    }

    @Override
    public int realloc(int index, int size) {
        int moved = checked.realloc(index, size);
        if (index != Allocator.NULL && moved != index) {
            deallocs++;
        }
        return moved;
    }

    @Override
    public byte readByte(int index) {
        return checked.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        checked.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        return checked.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        checked.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        return checked.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        checked.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        checked.copy(from, to, length);
    }

    @Override
    public Allocator allocator() {
        return checked.allocator();
    }

    /** Blocks allocated and not freed. */
    int liveBlocks() {
        return checked.liveBlocks().size();
    }

    /** How many deallocs succeeded. */
    int deallocs() {
        return deallocs;
    }

    /** Whether {@code index} is the start of a live block. */
    boolean isLive(int index) {
        BlockRecord block = checked.liveBlockContaining(index);
        return block != null && block.from() == index;
    }

    /** Hands out fresh bytes at the heap's end on every call; dealloc gives nothing back. */
    private static final class NeverReused implements Allocator {
        private final HeapBytes bytes;
        private final java.util.Map<Integer, Integer> sizes = new java.util.HashMap<>();

        NeverReused(HeapBytes bytes) {
            this.bytes = bytes;
        }

        @Override
        public int alloc(int size) {
            if (size == 0) {
                return NULL;
            }
            int padding = (ALIGNMENT - bytes.size() % ALIGNMENT) % ALIGNMENT;
            int start = bytes.sbrk(padding + size);
            if (start == HeapBytes.NO_MEMORY) {
                return NULL;
            }
            sizes.put(start + padding, size);
            return start + padding;
        }

        @Override
        public void dealloc(int index) {
            // never reused: the checked heap already tracks the block as freed
        }

        @Override
        public HeapBytes heap() {
            return bytes;
        }

        @Override
        public int usableSize(int index) {
            return sizes.getOrDefault(index, 0);
        }
    }
}
