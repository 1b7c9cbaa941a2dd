package dev.alloclab.exercises.explicitlist;

/** Which free block an explicit-list allocator picks for a request. */
public enum Placement {
    /** The first block in list order that is big enough. */
    FIRST_FIT,
    /** The smallest block that is big enough; on a tie, the one that comes first in the list. */
    BEST_FIT,
    /**
     * Like first fit, but the search starts where the previous allocation's search stopped (a
     * "rover") and wraps around the list once.
     */
    NEXT_FIT
}
