package dev.alloclab.exercises.scope;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;

/**
 * Scope-based deallocation: an owner of one heap block that gives it back exactly once, when the
 * scope that owns it ends. Java's {@code try}-with-resources plays the closing brace:
 *
 * <pre>{@code
 * try (OwnedBlock years = OwnedBlock.allocate(heap, 20)) {
 *     heap.writeInt(years.index(), 1995);
 *     ...
 * }   // years.close() runs here: dealloc(index), once, even if the body threw
 * }</pre>
 *
 * <p>{@link #move()} hands the block to a new owner (the way returning a value moves it out of a
 * function): the old owner no longer owns anything, so closing it does nothing and using it is an
 * error, and the block is freed once, when the new owner closes.
 *
 * <pre>
 *   owner A --owns--> [block 24..44)          A.move() returns B
 *   owner A (moved)   [block 24..44) <--owns-- owner B   ;  A.close(): nothing,  B.close(): dealloc(24)
 * </pre>
 */
public final class OwnedBlock implements AutoCloseable {
    private final Heap heap;
    private final int size;
    private final int index;
    /** The one fact that makes dealloc happen exactly once: only an owner frees, and only once. */
    private boolean owns;

    private OwnedBlock(Heap heap, int index, int size) {
        this.heap = heap;
        this.index = index;
        this.size = size;
        this.owns = true;
    }

    /**
     * Allocates {@code size} bytes on {@code heap} and returns their owner.
     *
     * @throws KitException when the heap is out of memory (alloc returned NULL)
     */
    public static OwnedBlock allocate(Heap heap, int size) {
        Checks.notNull(heap, "heap");
        Checks.positive(size, "size");
        int index = heap.alloc(size);
        if (index == Allocator.NULL) {
            throw new KitException("OwnedBlock.allocate(" + size + "): the heap is out of memory (alloc returned NULL).");
        }
        return new OwnedBlock(heap, index, size);
    }

    /** True until this owner is closed or moved from. */
    public boolean isOwner() {
        return owns;
    }

    /** The heap index of the owned block. */
    public int index() {
        checkOwner("index");
        return index;
    }

    /**
     * The number of bytes asked for. On an owner that owns nothing (closed or moved from) the
     * contract leaves it open: returning the size or throwing {@link IllegalStateException} as
     * {@link #index()} does are both fine.
     */
    public int size() {
        return size;
    }

    /** Transfers the block to a new owner; this one owns nothing afterwards. */
    public OwnedBlock move() {
        checkOwner("move");
        owns = false;
        return new OwnedBlock(heap, index, size);
    }

    /** Deallocates the block if this still owns it; a second close, or a close after a move, does nothing. */
    @Override
    public void close() {
        if (!owns) {
            return;
        }
        owns = false;
        heap.dealloc(index);
    }

    private void checkOwner(String operation) {
        if (!owns) {
            throw new IllegalStateException(operation + "(): this owner no longer owns a block: it was closed (the "
                    + "block is freed) or moved from (another owner has it). Use the owner that move() returned.");
        }
    }
}
