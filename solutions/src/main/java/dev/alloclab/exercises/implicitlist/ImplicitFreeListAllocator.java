package dev.alloclab.exercises.implicitlist;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * An implicit free list with boundary tags, kept entirely in the heap bytes: every block,
 * allocated or free, starts with a header and ends with a footer holding its size and an
 * allocated bit. The blocks lie end to end, so walking from one header to the next visits them all.
 *
 * <pre>
 *   0     4 (FIRST_BLOCK)
 *   +-----+--------+------------------------------+--------+--------+-- ...
 *   | pad | header | payload (alloc returns b+4)  | footer | header |
 *   +-----+--------+------------------------------+--------+--------+-- ...
 *          b        b+4                  b+size-4   b+size
 *   header == footer == blockSize | ALLOCATED_BIT        (blockSize: a multiple of 8, at least 16)
 * </pre>
 *
 * <ul>
 *   <li>Blocks start at 4 mod 8, so payloads ({@code b + 4}) are 8-byte aligned. The first
 *       {@code alloc} grows the heap by the 4 padding bytes before the first block.</li>
 *   <li>A request of {@code size} bytes needs {@code max(16, alignUp(size + 8, 8))} bytes
 *       ({@link #blockSizeFor(int)}).</li>
 *   <li><b>First fit</b>: the first free block, walking from {@link #FIRST_BLOCK}, that is big
 *       enough. <b>Splitting</b>: if at least {@link #MIN_BLOCK} bytes would be left over, the
 *       block is cut in two and the rest stays free right after it.</li>
 *   <li>When nothing fits the heap grows with {@code sbrk}: by the whole block, or, when the last
 *       block is free, by only what that block lacks (the two become one).</li>
 *   <li>{@link #dealloc(int)} marks the block free and merges it at once with a free right
 *       neighbour (found by its header) and a free left neighbour (found by the footer just
 *       before the block): two free blocks are never adjacent.</li>
 * </ul>
 */
public final class ImplicitFreeListAllocator implements Allocator {
    /** Bytes of the header and of the footer. */
    public static final int TAG_BYTES = 4;
    /** Where the first block starts: after 4 padding bytes, so that payloads are 8-aligned. */
    public static final int FIRST_BLOCK = 4;
    /** The smallest block: header, 8 payload bytes, footer. */
    public static final int MIN_BLOCK = 16;
    /** Bit 0 of a tag: the block is in use. */
    public static final int ALLOCATED_BIT = 0b001;
    /** Bits 3..31 of a tag: the block size in bytes. */
    public static final int SIZE_MASK = ~0b111;

    private final HeapBytes heap;

    public ImplicitFreeListAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
    }

    /** The tag (header or footer word) of a block of {@code blockSize} bytes. */
    public static int pack(int blockSize, boolean allocated) {
        return blockSize | (allocated ? ALLOCATED_BIT : 0);
    }

    public static int blockSize(int tag) {
        return tag & SIZE_MASK;
    }

    public static boolean isAllocated(int tag) {
        return (tag & ALLOCATED_BIT) != 0;
    }

    /** Bytes of the block that serves a request of {@code requestedSize} bytes. */
    public static int blockSizeFor(int requestedSize) {
        return (int) Math.max(MIN_BLOCK, Checks.alignUp((long) requestedSize + 2 * TAG_BYTES, ALIGNMENT));
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0 || size > Integer.MAX_VALUE - 2 * ALIGNMENT) {
            return NULL;
        }
        int needed = blockSizeFor(size);
        for (int block = FIRST_BLOCK; block < heap.size(); block += blockSize(heap.readInt(block))) {
            int tag = heap.readInt(block);
            if (!isAllocated(tag) && blockSize(tag) >= needed) {
                place(block, needed);
                return block + TAG_BYTES;
            }
        }
        int block = growFor(needed);
        if (block == NULL) {
            return NULL;
        }
        place(block, needed);
        return block + TAG_BYTES;
    }

    /** Makes a free block of at least {@code needed} bytes at the heap's end; its index, or NULL. */
    private int growFor(int needed) {
        if (heap.size() == 0 && heap.sbrk(FIRST_BLOCK) == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        int block = heap.size();
        if (heap.size() > FIRST_BLOCK) {
            int lastFooter = heap.readInt(heap.size() - TAG_BYTES);
            if (!isAllocated(lastFooter)) {
                block = heap.size() - blockSize(lastFooter);
            }
        }
        int have = heap.size() - block;
        if (heap.sbrk(needed - have) == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        writeTags(block, needed, false);
        return block;
    }

    private void place(int block, int needed) {
        int available = blockSize(heap.readInt(block));
        if (available - needed >= MIN_BLOCK) {
            writeTags(block, needed, true);
            writeTags(block + needed, available - needed, false);
        } else {
            writeTags(block, available, true);
        }
    }

    private void writeTags(int block, int blockSize, boolean allocated) {
        int tag = pack(blockSize, allocated);
        heap.writeInt(block, tag);
        heap.writeInt(block + blockSize - TAG_BYTES, tag);
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int block = index - TAG_BYTES;
        int size = blockSize(heap.readInt(block));
        int next = block + size;
        if (next < heap.size() && !isAllocated(heap.readInt(next))) {
            size += blockSize(heap.readInt(next));
        }
        if (block > FIRST_BLOCK) {
            int leftFooter = heap.readInt(block - TAG_BYTES);
            if (!isAllocated(leftFooter)) {
                block -= blockSize(leftFooter);
                size += blockSize(leftFooter);
            }
        }
        writeTags(block, size, false);
    }

    @Override
    public int usableSize(int index) {
        return blockSize(heap.readInt(index - TAG_BYTES)) - 2 * TAG_BYTES;
    }

    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        if (heap.size() >= FIRST_BLOCK) {
            regions.add(new HeapRegion(0, FIRST_BLOCK, HeapRegion.Kind.PADDING));
        }
        for (int block = FIRST_BLOCK; block < heap.size(); block += blockSize(heap.readInt(block))) {
            int tag = heap.readInt(block);
            int end = block + blockSize(tag);
            regions.add(new HeapRegion(block, block + TAG_BYTES, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(block + TAG_BYTES, end - TAG_BYTES,
                    isAllocated(tag) ? HeapRegion.Kind.LIVE : HeapRegion.Kind.FREE));
            regions.add(new HeapRegion(end - TAG_BYTES, end, HeapRegion.Kind.HEADER));
        }
        return regions;
    }
}
