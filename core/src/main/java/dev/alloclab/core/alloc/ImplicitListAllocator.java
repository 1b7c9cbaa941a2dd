package dev.alloclab.core.alloc;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The textbook implicit free list, kept entirely in the heap bytes: first fit, splitting,
 * boundary tags and immediate coalescing. The baseline of the kit's performance table.
 *
 * <h2>Words</h2>
 * A <em>block</em> is a header, a payload and a footer. The header and the footer are the same
 * 4-byte word: the block size in bytes (a multiple of 8, header and footer included) with bit 0
 * set while the block is allocated. The list is "implicit" because there are no links: the next
 * block starts {@code size} bytes after this one, and the footer just before a block tells the
 * size of the block in front of it, so both neighbours are found in constant time.
 *
 * <h2>Picture</h2>
 * <pre>
 *   one block at b (b+4 is a multiple of 8):
 *   b          b+4                                       b+size-4    b+size
 *   +----------+-----------------------------------------+-----------+
 *   | header   | payload (alloc returns b+4)             | footer    |
 *   +----------+-----------------------------------------+-----------+
 *   header == footer == blockSize | ALLOCATED_BIT        blockSize >= 16, a multiple of 8
 *
 *   the heap (s = where it started, a multiple of 8):
 *   s      s+4           s+12                                      end-4   end
 *   +------+------+------+--------+----------+--------+-- ... ---+--------+
 *   | pad  | 8|1  | 8|1  | block  | block    | block  |          | 0|1    |
 *   +------+------+------+--------+----------+--------+-- ... ---+--------+
 *          prologue block  first block at s+12                  epilogue header
 * </pre>
 * The prologue (an allocated 8-byte block of header and footer only) and the epilogue (an
 * allocated header of size 0) mean that every real block has neighbours, so coalescing needs no
 * special case at either end of the heap. The 4-byte pad puts every payload on a multiple of 8.
 *
 * <h2>The algorithm</h2>
 * <ol>
 *   <li><b>alloc(size)</b>: the block size is {@code size + 8} (header and footer) rounded up to 8,
 *       at least {@link #MIN_BLOCK} (16). Walk the blocks from the first one until the epilogue
 *       and take the first free block that is big enough.</li>
 *   <li>If none fits, grow the heap with {@code sbrk} by what is missing: if the last block is
 *       free, by the block size minus its size, otherwise by the block size. The old epilogue
 *       becomes the header of the new free block, a new epilogue ends the heap, and the new block
 *       is coalesced with a free last block. If {@code sbrk} fails, return {@link Allocator#NULL}.</li>
 *   <li><b>Split</b>: if the chosen block is at least {@link #MIN_BLOCK} bytes bigger than needed,
 *       the rest becomes a free block after it; otherwise the whole block is used (the extra
 *       bytes are internal fragmentation).</li>
 *   <li><b>dealloc(index)</b>: clear the bit in header and footer, then merge with the previous
 *       block (found through its footer) and the next one (found through the size) when they are
 *       free. After every operation no two free blocks are adjacent.</li>
 * </ol>
 * {@code realloc} is the contract's default: allocate, copy, free. That is why the realloc
 * traces score so badly here, and why the segregated allocator grows in place.
 *
 * <p>The allocator trusts the heap bytes. A program that overwrites a header corrupts the
 * allocator just as it would in C; {@link #heapProblems()} (the textbook's heap checker) finds
 * the damage. {@code dealloc} checks what it cheaply can (the index is a payload, allocated,
 * header equal to footer) and throws a {@link KitException} otherwise.
 */
public final class ImplicitListAllocator implements Allocator {
    /** Bit 0 of a header or footer: set while the block is in use. */
    public static final int ALLOCATED_BIT = 0b001;
    /** Bits 3..31 of a header or footer: the block size in bytes. */
    public static final int SIZE_MASK = ~0b111;
    /** Bytes in a header, and in a footer. */
    public static final int WORD = 4;
    /** Header, footer and the smallest aligned payload. */
    public static final int MIN_BLOCK = 16;

    private final HeapBytes heap;
    /** Where this allocator's part of the heap starts (the pad word). */
    private final int start;
    /** The header of the first real block (it is the epilogue while the heap is empty). */
    private final int firstBlock;

    /** Sets up the pad, the prologue and the epilogue (16 bytes), like Malloc Lab's {@code mm_init}. */
    public ImplicitListAllocator(HeapBytes heap) {
        this.heap = Checks.notNull(heap, "heap");
        int misalignment = heap.size() % ALIGNMENT;
        int padding = misalignment == 0 ? 0 : ALIGNMENT - misalignment;
        int old = heap.sbrk(padding + 4 * WORD);
        if (old == HeapBytes.NO_MEMORY) {
            throw new IllegalArgumentException("the implicit list needs " + (padding + 4 * WORD)
                    + " free bytes for its prologue and epilogue, but " + heap + " has no room");
        }
        this.start = old + padding;
        int prologue = start + WORD;
        heap.writeInt(start, 0);
        writeBoundaryTags(prologue, 2 * WORD, true);
        this.firstBlock = prologue + 2 * WORD;
        heap.writeInt(firstBlock, pack(0, true));
    }

    static int pack(int blockSize, boolean allocated) {
        return blockSize | (allocated ? ALLOCATED_BIT : 0);
    }

    /** The block size a header or footer holds. */
    public static int blockSize(int tag) {
        return tag & SIZE_MASK;
    }

    /** Whether a header or footer marks its block allocated. */
    public static boolean isAllocated(int tag) {
        return (tag & ALLOCATED_BIT) != 0;
    }

    private int sizeAt(int block) {
        return blockSize(heap.readInt(block));
    }

    private boolean allocatedAt(int block) {
        return isAllocated(heap.readInt(block));
    }

    private void writeBoundaryTags(int block, int blockSize, boolean allocated) {
        int tag = pack(blockSize, allocated);
        heap.writeInt(block, tag);
        heap.writeInt(block + blockSize - WORD, tag);
    }

    private int epilogue() {
        return heap.size() - WORD;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        long needed = Math.max(MIN_BLOCK, (size + 2L * WORD + ALIGNMENT - 1) & -ALIGNMENT);
        if (needed > Integer.MAX_VALUE) {
            return NULL;
        }
        int blockSize = (int) needed;
        int block = findFirstFit(blockSize);
        if (block == NULL) {
            block = extendHeap(blockSize);
            if (block == NULL) {
                return NULL;
            }
        }
        place(block, blockSize);
        return block + WORD;
    }

    private int findFirstFit(int blockSize) {
        for (int block = firstBlock; ; block += sizeAt(block)) {
            int tag = heap.readInt(block);
            if (blockSize(tag) == 0) {
                return NULL;
            }
            if (!isAllocated(tag) && blockSize(tag) >= blockSize) {
                return block;
            }
        }
    }

    /** Grows the heap so that a free block of at least {@code blockSize} ends it; returns that block or NULL. */
    private int extendHeap(int blockSize) {
        int lastFooter = epilogue() - WORD;
        int tag = heap.readInt(lastFooter);
        int missing = isAllocated(tag) ? blockSize : blockSize - blockSize(tag);
        int oldBreak = heap.sbrk(missing);
        if (oldBreak == HeapBytes.NO_MEMORY) {
            return NULL;
        }
        int block = oldBreak - WORD; // the old epilogue header becomes the new block's header
        writeBoundaryTags(block, missing, false);
        heap.writeInt(epilogue(), pack(0, true));
        return coalesce(block);
    }

    private void place(int block, int blockSize) {
        int available = sizeAt(block);
        if (available - blockSize >= MIN_BLOCK) {
            writeBoundaryTags(block, blockSize, true);
            writeBoundaryTags(block + blockSize, available - blockSize, false);
        } else {
            writeBoundaryTags(block, available, true);
        }
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int block = checkedBlockOf("dealloc", index);
        writeBoundaryTags(block, sizeAt(block), false);
        coalesce(block);
    }

    /** Merges the free block at {@code block} with free neighbours; returns the merged block's header. */
    private int coalesce(int block) {
        int size = sizeAt(block);
        int previousFooter = heap.readInt(block - WORD);
        boolean nextFree = !allocatedAt(block + size);
        if (nextFree) {
            size += sizeAt(block + size);
        }
        if (!isAllocated(previousFooter)) {
            block -= blockSize(previousFooter);
            size += blockSize(previousFooter);
        }
        writeBoundaryTags(block, size, false);
        return block;
    }

    /** The header of the live block whose payload is {@code index}, or a teaching exception. */
    private int checkedBlockOf(String operation, int index) {
        int block = index - WORD;
        String problem = null;
        if (index % ALIGNMENT != 0 || block < firstBlock || index >= epilogue()) {
            problem = epilogue() <= firstBlock + WORD ? "this allocator has handed out no block yet"
                    : "it is not an 8-aligned index inside this allocator's blocks [" + (firstBlock + WORD) + ", "
                            + epilogue() + ")";
        } else {
            int header = heap.readInt(block);
            int size = blockSize(header);
            if (!isAllocated(header)) {
                problem = "the header word before it, at " + block + ", says the block is free";
            } else if (size < MIN_BLOCK || block + size > epilogue()
                    || heap.readInt(block + size - WORD) != header) {
                problem = "the header word before it, at " + block + " (" + header
                        + "), does not describe an allocated block with a matching footer";
            }
        }
        if (problem != null) {
            throw new KitException(operation + "(" + index + "): index " + index
                    + " is not the payload of a live block of the implicit list: " + problem + "."
                    + System.lineSeparator()
                    + "  It was freed already (a double free), never returned by alloc, points inside a block,"
                    + " or a write overran a header. This plain allocator cannot tell which."
                    + System.lineSeparator()
                    + "  What to do: run the program on the checked heap, which reports the block and where it"
                    + " was allocated and freed.");
        }
        return block;
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return sizeAt(checkedBlockOf("usableSize", index)) - 2 * WORD;
    }

    /**
     * Pad, prologue and epilogue as headers; each block as header, payload (live or free) and
     * footer. The requested size is not stored, so a live payload shows its whole usable size.
     */
    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        regions.add(new HeapRegion(start, firstBlock, HeapRegion.Kind.HEADER));
        int block = firstBlock;
        for (int size = sizeAt(block); size > 0; block += size, size = sizeAt(block)) {
            int payload = block + WORD;
            int footer = block + size - WORD;
            regions.add(new HeapRegion(block, payload, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(payload, footer,
                    allocatedAt(block) ? HeapRegion.Kind.LIVE : HeapRegion.Kind.FREE));
            regions.add(new HeapRegion(footer, footer + WORD, HeapRegion.Kind.HEADER));
        }
        regions.add(new HeapRegion(block, block + WORD, HeapRegion.Kind.HEADER));
        return List.copyOf(regions);
    }

    /**
     * The textbook heap checker: walks the blocks and lists every broken rule (empty when the
     * heap is sound). Rules: the prologue is an allocated 8-byte block; every block is at least
     * 16 bytes, a multiple of 8, with an 8-aligned payload and a footer equal to its header; no
     * two free blocks are adjacent; the walk ends at an allocated size-0 epilogue in the heap's
     * last word.
     */
    public List<String> heapProblems() {
        List<String> problems = new ArrayList<>();
        int prologue = start + WORD;
        if (heap.readInt(prologue) != pack(2 * WORD, true) || heap.readInt(prologue + WORD) != pack(2 * WORD, true)) {
            problems.add("prologue at " + prologue + " is not an allocated 8-byte block");
        }
        boolean previousFree = false;
        int block = firstBlock;
        while (block <= epilogue()) {
            int header = heap.readInt(block);
            int size = blockSize(header);
            if (size == 0) {
                break;
            }
            String where = "block [" + block + ", " + (block + size) + ")";
            if (size < MIN_BLOCK || block + size > epilogue()) {
                problems.add(where + ": size " + size + " is below " + MIN_BLOCK + " or runs past the epilogue");
                return problems;
            }
            if ((block + WORD) % ALIGNMENT != 0) {
                problems.add(where + ": payload " + (block + WORD) + " is not 8-aligned");
            }
            if (heap.readInt(block + size - WORD) != header) {
                problems.add(where + ": footer " + heap.readInt(block + size - WORD) + " differs from header " + header);
            }
            boolean free = !isAllocated(header);
            if (free && previousFree) {
                problems.add(where + ": free and next to another free block (coalescing missed them)");
            }
            previousFree = free;
            block += size;
        }
        if (block != epilogue() || heap.readInt(block) != pack(0, true)) {
            problems.add("the block walk ended at " + block + ", not at an allocated size-0 epilogue at "
                    + epilogue());
        }
        return problems;
    }

    @Override
    public String toString() {
        return "ImplicitListAllocator[first fit, boundary tags, heap " + heap + "]";
    }

    /** Registry entry {@code implicit}. */
    public static final class Factory implements AllocatorFactory {
        @Override
        public String name() {
            return "implicit";
        }

        @Override
        public String description() {
            return "textbook implicit free list: 4-byte header and footer, first fit, immediate coalescing (the baseline)";
        }

        @Override
        public Allocator create(HeapBytes heap) {
            return new ImplicitListAllocator(heap);
        }
    }
}
