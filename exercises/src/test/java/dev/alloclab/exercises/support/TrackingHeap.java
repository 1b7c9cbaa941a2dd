package dev.alloclab.exercises.support;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opentest4j.AssertionFailedError;

/**
 * A small checked heap for the visible tests of the programs (vec, scope, refcount): blocks are
 * never reused, so every access through a freed index, every second dealloc and every block
 * still live at the end can be named exactly. A mistake fails the test at once, with what
 * happened, the index, and the block with the step that allocated (and freed) it.
 */
public final class TrackingHeap implements Heap {
    private record Block(int index, int size, int allocatedAt, int freedAt) {
        int end() {
            return index + size;
        }

        @Override
        public String toString() {
            return size + "-byte block [" + index + ", " + end() + ") allocated at step " + allocatedAt
                    + (freedAt > 0 ? " and freed at step " + freedAt : "");
        }
    }

    private final HeapBytes bytes = HeapBytes.withMax(1 << 22);
    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    private final Allocator allocator = new NeverReusing();
    private int step;

    @Override
    public int alloc(int size) {
        return allocator.alloc(size);
    }

    @Override
    public void dealloc(int index) {
        allocator.dealloc(index);
    }

    @Override
    public int realloc(int index, int size) {
        return allocator.realloc(index, size);
    }

    @Override
    public byte readByte(int index) {
        check("READ", index, 1);
        return bytes.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        check("WRITE", index, 1);
        bytes.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        check("READ", index, 4);
        return bytes.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        check("WRITE", index, 4);
        bytes.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        check("READ", index, 8);
        return bytes.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        check("WRITE", index, 8);
        bytes.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        if (length > 0) {
            check("READ (copy source)", from, length);
            check("WRITE (copy target)", to, length);
        }
        bytes.copy(from, to, length);
    }

    @Override
    public Allocator allocator() {
        return allocator;
    }

    /** The blocks still live, described; empty when the program freed everything. */
    public List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        for (Block block : blocks.values()) {
            if (block.freedAt() == 0) {
                leaks.add("leak: " + block);
            }
        }
        return leaks;
    }

    /** Live blocks' sizes by index. */
    public Map<Integer, Integer> liveBlocks() {
        Map<Integer, Integer> live = new TreeMap<>();
        blocks.values().stream().filter(b -> b.freedAt() == 0).forEach(b -> live.put(b.index(), b.size()));
        return live;
    }

    private void check(String access, int index, int width) {
        Map.Entry<Integer, Block> entry = blocks.floorEntry(index);
        Block block = entry == null ? null : entry.getValue();
        if (block == null || (long) index + width > block.end()) {
            throw new AssertionFailedError("out-of-bounds: " + access + " of " + width + " bytes at heap index " + index
                    + (block == null ? ", before every block" : ", past the end of the " + block)
                    + "\n  What to do: an index or length is off; check the element arithmetic (first + 4 * i).");
        }
        if (block.freedAt() > 0) {
            throw new AssertionFailedError("use-after-free: " + access + " of " + width + " bytes at heap index " + index
                    + " at step " + (step + 1) + ", " + (index - block.index()) + " bytes into the " + block
                    + "\n  What to do: the block was given back before its last use. Move the dealloc after the last "
                    + "read or copy of it.");
        }
    }

    /** Hands out fresh bytes every time, so a freed block is never reused and stays recognisable. */
    private final class NeverReusing implements Allocator {
        @Override
        public int alloc(int size) {
            AllocationRequests.checkSize("alloc", size);
            step++;
            if (size == 0) {
                return NULL;
            }
            int padded = (int) Checks.alignUp(size, ALIGNMENT);
            int index = bytes.sbrk(padded + ALIGNMENT);
            if (index == HeapBytes.NO_MEMORY) {
                return NULL;
            }
            index += ALIGNMENT;
            blocks.put(index, new Block(index, size, step, 0));
            return index;
        }

        @Override
        public void dealloc(int index) {
            step++;
            if (index == NULL) {
                return;
            }
            Block block = blocks.get(index);
            if (block == null) {
                throw new AssertionFailedError("invalid free: dealloc(" + index + ") at step " + step
                        + ", but " + index + " is not the start of any block alloc returned.");
            }
            if (block.freedAt() > 0) {
                throw new AssertionFailedError("double free: dealloc(" + index + ") at step " + step + " of the "
                        + block + "\n  What to do: exactly one owner may dealloc a block, exactly once.");
            }
            blocks.put(index, new Block(index, block.size(), block.allocatedAt(), step));
        }

        @Override
        public HeapBytes heap() {
            return bytes;
        }

        @Override
        public int usableSize(int index) {
            return blocks.get(index).size();
        }
    }
}
