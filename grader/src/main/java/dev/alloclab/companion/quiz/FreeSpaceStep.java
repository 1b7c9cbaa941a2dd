package dev.alloclab.companion.quiz;

import dev.alloclab.core.alloc.sim.Allocation;
import dev.alloclab.core.alloc.sim.FreeChunk;
import java.util.List;

/**
 * One operation of a free-space quiz with its answer: what the call returned and the free list
 * after it, plus what the explanation of a wrong prediction needs.
 *
 * @param number      0-based position in the operation list
 * @param op          the operation
 * @param pointer     for an allocation, its number (the K of a later {@code -K}); for a free, the
 *                    allocation it frees
 * @param address     for a free, the address it passes (the chunk start the allocation returned, or -1)
 * @param returned    for an allocation the chunk's start address or -1; for a free 0, or -1 when
 *                    nothing was allocated there (the allocation failed or was already freed)
 * @param listBefore  the free list before the operation
 * @param freeList    the free list after the operation, in list order
 * @param allocation  for an allocation, what the simulator did (chosen entry, search count); null for a free
 */
public record FreeSpaceStep(int number, FreeSpaceOp op, int pointer, int address, int returned,
        List<FreeChunk> listBefore, List<FreeChunk> freeList, Allocation allocation) {
    public FreeSpaceStep {
        listBefore = List.copyOf(listBefore);
        freeList = List.copyOf(freeList);
    }

    /** {@code ptr[2] = alloc(5)} or {@code free(ptr[0])}, as OSTEP prints the operation. */
    public String call() {
        return op.allocation() ? "ptr[" + pointer + "] = alloc(" + op.value() + ")" : "free(ptr[" + pointer + "])";
    }
}
