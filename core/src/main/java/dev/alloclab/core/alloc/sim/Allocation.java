package dev.alloclab.core.alloc.sim;

/**
 * What one {@link FreeListSimulator#allocate(int)} did, so that a quiz can explain it.
 *
 * @param requestedSize what the program asked for
 * @param chunkSize the request rounded up to the alignment, plus the header: what was searched for
 * @param address the start of the chunk handed out, or {@link FreeListSimulator#FAILED} (-1)
 * @param searched how many free-list entries were looked at (OSTEP prints this number)
 * @param position the list position of the chosen entry before the allocation, or -1 on failure
 * @param chosen the chosen free-list entry as it was before the allocation, or null on failure
 */
public record Allocation(int requestedSize, long chunkSize, int address, int searched, int position,
        FreeChunk chosen) {

    /** True if a chunk was handed out. */
    public boolean succeeded() {
        return address != FreeListSimulator.FAILED;
    }

    /** True if the chosen entry was bigger than needed and its remainder stayed in the list. */
    public boolean split() {
        return succeeded() && chosen.size() > chunkSize;
    }
}
