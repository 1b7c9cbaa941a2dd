package dev.alloclab.core.check;

/**
 * The "What to do" line of a report: one concrete step, written from the violation's facts.
 * A worked example may replace it with advice about its own code ({@link Violation#withAdvice}).
 */
final class Advice {
    private Advice() {
    }

    static String defaultFor(Violation.Kind kind, Violation.Access access, int address, BlockRecord block, BlockRecord other) {
        if (access == Violation.Access.REALLOC) {
            return forRealloc(kind, address, block, other);
        }
        return switch (kind) {
            case USE_AFTER_FREE -> block == null
                    ? "this index's block was freed long ago. Stop using an index once its block is freed; "
                            + "keep the index only as long as the block lives."
                    : block.freed().operation() == HeapEvent.Operation.REALLOC ? afterRealloc(block, null)
                    : block.freed().site().through().isPresent() ? afterHelper(block)
                    : "the block was still used after " + block.freedBy() + " gave it back at step "
                            + block.freed().step() + ". Move " + block.freedBy() + " after the last use of the block, "
                            + "or stop using this index once the block is freed.";
            case DOUBLE_FREE -> block == null ? forgottenFree(access, CheckedHeap.DEFAULT_HISTORY_BLOCKS)
                    : block.freed().operation() == HeapEvent.Operation.REALLOC && block.freed().size() > 0
                    ? block.freedBy() + " moved the block at step " + block.freed().step() + " and gave the old one "
                            + "back: dealloc the index realloc returned, and drop every copy of the old one at that call."
                    : "this block was already given back by " + block.freedBy() + " at step "
                    + block.freed().step() + ". Free each block exactly once: remove the second dealloc, "
                    + "or forget the index (set it to NULL) right after freeing.";
            case DOUBLE_FREE_AFTER_REUSE -> "this index is stale: " + (block == null ? "its block" : "block #" + block.id())
                    + " was freed already and block #" + other.id() + " now lives at " + address
                    + ". Remove the second dealloc; performed, it would free block #" + other.id()
                    + " while its owner still uses it.";
            case INVALID_FREE -> block == null
                    ? "pass dealloc only an index that alloc or realloc returned."
                    : "pass dealloc the index alloc returned for the block, " + block.from()
                            + ", not an index " + (address < block.from() ? "before" : "inside") + " it.";
            case NULL_DEREFERENCE -> "check alloc's and realloc's result for NULL (-1) before using it; an index that"
                    + " realloc(p, 0) turned into NULL no longer names a block.";
            case OUT_OF_BOUNDS -> block == null
                    ? "use only an index alloc returned, plus an offset inside its block."
                    : "the block holds " + block.requestedSize() + " bytes, so an access of n bytes at index i needs "
                            + block.from() + " <= i and i + n <= " + block.to()
                            + (address < block.from()
                                    ? ". The access starts before the block: check the offset calculation (an index"
                                            + " minus too much, a loop that counts down past 0)."
                                    : ". Check the offset or length calculation, or allocate a larger block.");
            case LEAK -> "call dealloc(" + block.from() + ") once the program no longer needs the block, "
                    + "at the latest before it ends.";
        };
    }

    /**
     * A use of the old index after realloc moved {@code block} (to {@code movedTo}, when the heap still knows that
     * block) or freed it ({@code realloc(p, 0)}): the fix is to use what realloc returned, not to move the realloc.
     */
    static String afterRealloc(BlockRecord block, BlockRecord movedTo) {
        HeapEvent realloc = block.freed();
        if (realloc.size() == 0) {
            return realloc.call() + " freed the block at step " + realloc.step() + " and returned NULL (-1), as "
                    + "realloc to 0 bytes does. Stop using the old index after that call: keep what realloc returned "
                    + "in its place, and alloc a new block if the program still needs memory.";
        }
        return realloc.call() + " moved the block at step " + realloc.step()
                + (movedTo == null ? "" : " to " + movedTo.from() + " (block #" + movedTo.id() + ")")
                + ": use the index realloc returned, and drop every copy of the old one (a copy of a vec's "
                + "metadata, say) at that call.";
    }

    /**
     * A use of an index whose block a kit helper the program called gave back ({@code VecMetadata.push} moving a
     * full vec to a bigger block): the program wrote no dealloc to move, so the fix is to use what the helper
     * returned.
     */
    static String afterHelper(BlockRecord block) {
        String helper = block.freed().site().through().orElseThrow();
        return helper + " gave the block back at step " + block.freed().step() + " (" + block.freedBy()
                + (helper.endsWith(".push") ? ": a push on a full vec moves the elements to a bigger block and frees "
                        + "the old one" : "") + "). Use what " + helper + " returned, and drop every copy of the old "
                + "index or metadata (a saved memoryIndexOfFirstElement, say) at that call.";
    }

    /**
     * A second free (or a realloc) of a block freed so long ago that the checked heap no longer remembers it
     * ({@code historyBlocks}: how many freed blocks it keeps), so the first free cannot be named.
     */
    static String forgottenFree(Violation.Access access, int historyBlocks) {
        String forgotten = "this block was freed long ago: the checked heap remembers only the last " + historyBlocks
                + " freed blocks, so it cannot name the first free (search the program for an earlier free of this "
                + "index). ";
        return forgotten + (access == Violation.Access.REALLOC
                ? "A freed block has nothing left to resize: call realloc before that free, or alloc a new block."
                : "Free each block exactly once: remove the second dealloc, or forget the index (set it to NULL) "
                        + "right after freeing.");
    }

    /** A realloc of an index that is no live block's start: the block cannot be resized, say what to call instead. */
    private static String forRealloc(Violation.Kind kind, int address, BlockRecord block, BlockRecord other) {
        return switch (kind) {
            case DOUBLE_FREE -> block == null ? forgottenFree(Violation.Access.REALLOC, CheckedHeap.DEFAULT_HISTORY_BLOCKS)
                    : "this block was given back by " + block.freedBy() + " at step " + block.freed().step()
                    + ", so there is nothing left to resize. Call realloc before that dealloc, or alloc a new block.";
            case DOUBLE_FREE_AFTER_REUSE -> "this index is stale: " + (block == null ? "its block" : "block #" + block.id())
                    + " was freed already and block #" + other.id() + " now lives at " + address
                    + ". Performed, this realloc would resize (and maybe move) block #" + other.id()
                    + " behind its owner's back. Call realloc before the dealloc, or alloc a new block.";
            case INVALID_FREE -> block == null
                    ? "pass realloc only an index that alloc or realloc returned (or NULL, -1, to allocate)."
                    : "pass realloc the index alloc returned for the block, " + block.from()
                            + ", not an index " + (address < block.from() ? "before" : "inside") + " it.";
            default -> defaultFor(kind, Violation.Access.FREE, address, block, other);
        };
    }
}
