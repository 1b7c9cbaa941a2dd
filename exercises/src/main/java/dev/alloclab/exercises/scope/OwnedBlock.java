package dev.alloclab.exercises.scope;

import dev.alloclab.core.NotImplemented;
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
    // Add your fields: the heap, the block's index and size, and whether this still owns it.

    private OwnedBlock() {
        // Replace with the constructor you need.
    }

    /**
     * Allocates {@code size} bytes on {@code heap} and returns their owner.
     *
     * @throws dev.alloclab.core.KitException when the heap is out of memory (alloc returned NULL)
     */
    public static OwnedBlock allocate(Heap heap, int size) {
        throw NotImplemented.yet("OwnedBlock.allocate: alloc size bytes (KitException if alloc returns NULL) and return "
                + "an owner of that index");
    }

    /** True until this owner is closed or moved from. */
    public boolean isOwner() {
        throw NotImplemented.yet("OwnedBlock.isOwner: true until close() or move()");
    }

    /** The heap index of the owned block. */
    public int index() {
        throw NotImplemented.yet("OwnedBlock.index: the owned index (IllegalStateException once closed or moved from)");
    }

    /**
     * The number of bytes asked for. On an owner that owns nothing (closed or moved from) the
     * contract leaves it open: returning the size or throwing {@link IllegalStateException} as
     * {@link #index()} does are both fine.
     */
    public int size() {
        throw NotImplemented.yet("OwnedBlock.size: the number of bytes allocate was asked for");
    }

    /** Transfers the block to a new owner; this one owns nothing afterwards. */
    public OwnedBlock move() {
        throw NotImplemented.yet("OwnedBlock.move: return a new owner of the same block and stop owning it here "
                + "(IllegalStateException if this does not own it)");
    }

    /** Deallocates the block if this still owns it; a second close, or a close after a move, does nothing. */
    @Override
    public void close() {
        throw NotImplemented.yet("OwnedBlock.close: dealloc the block exactly once, and only if this still owns it");
    }
}
