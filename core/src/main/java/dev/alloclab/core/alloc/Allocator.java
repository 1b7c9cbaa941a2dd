package dev.alloclab.core.alloc;

import dev.alloclab.core.memory.HeapBytes;
import java.util.List;

/**
 * The contract every allocator in the kit implements: hand out indexes into {@link HeapBytes},
 * take them back.
 *
 * <h2>The rules</h2>
 * <ul>
 *   <li>{@code alloc(size)} returns the index of a payload of at least {@code size} bytes, a
 *       multiple of {@link #ALIGNMENT} (8), lying inside {@code heap().size()}, overlapping no
 *       other live payload. The allocator grows the heap with {@link HeapBytes#sbrk(int)}.</li>
 *   <li><b>Out of memory</b>: when no block fits and the heap cannot grow, {@code alloc} returns
 *       {@link #NULL}; it never throws for a size it cannot serve. The same for {@code realloc},
 *       which then leaves the old block untouched.</li>
 *   <li><b>{@link #NULL} is -1</b>, the index that plays C's null pointer: it is never a valid
 *       payload index (index 0 may be). {@code dealloc(NULL)} does nothing, like {@code free(NULL)}.</li>
 *   <li>{@code alloc(0)} returns {@link #NULL}; a negative size is a programming error and
 *       throws {@link IllegalArgumentException} with a sentence (see {@link AllocationRequests}).</li>
 *   <li>{@code dealloc(index)} takes an index {@code alloc}/{@code realloc} returned and has not
 *       yet been given back. Anything else (a second dealloc, an index inside a block) is
 *       undefined behaviour, as in C: an allocator may corrupt itself, refuse with an exception,
 *       or silently free somebody else's block. Catching those mistakes is the checked heap's job.</li>
 *   <li>{@code realloc(index, size)} returns a payload of {@code size} bytes holding the first
 *       {@code min(old size, size)} bytes of the old one; {@code realloc(NULL, n)} is
 *       {@code alloc(n)}, {@code realloc(i, 0)} deallocates and returns {@link #NULL}.</li>
 * </ul>
 *
 * <p>Allocators are not thread-safe.
 */
public interface Allocator {
    /** The index that plays the null pointer: returned when memory runs out; never a payload. */
    int NULL = -1;

    /** Every payload index is a multiple of this. */
    int ALIGNMENT = 8;

    /** A payload of at least {@code size} bytes, or {@link #NULL}. */
    int alloc(int size);

    /** Gives back the payload at {@code index}; {@code dealloc(NULL)} does nothing. */
    void dealloc(int index);

    /** The heap this allocator hands out. */
    HeapBytes heap();

    /**
     * How many payload bytes the block at {@code index} may use (at least what was asked for),
     * like C's {@code malloc_usable_size}. The default {@link #realloc} copies this many bytes
     * at most.
     */
    int usableSize(int index);

    /**
     * Resizes the payload at {@code index}. This default allocates a new block, copies the
     * smaller of the two sizes and deallocates the old block; allocators that can grow in place
     * override it.
     */
    default int realloc(int index, int size) {
        AllocationRequests.checkResize(index, size);
        if (index == NULL) {
            return alloc(size);
        }
        if (size == 0) {
            dealloc(index);
            return NULL;
        }
        int kept = usableSize(index); // first: a bad index is refused before a new block is taken (and leaked)
        int moved = alloc(size);
        if (moved == NULL) {
            return NULL;
        }
        heap().copy(index, moved, Math.min(kept, size));
        dealloc(index);
        return moved;
    }

    /**
     * The allocator's view of the heap, for pictures: its blocks with headers, payloads and free
     * space, in address order. Allocators that cannot describe themselves return an empty list
     * and pictures fall back to what the checked heap knows.
     */
    default List<HeapRegion> regions() {
        return List.of();
    }
}
