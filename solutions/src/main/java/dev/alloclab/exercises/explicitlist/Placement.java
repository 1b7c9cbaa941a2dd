package dev.alloclab.exercises.explicitlist;

/** Which free block an explicit-list allocator picks for a request. */
public enum Placement {
    /** The first block in list order that is big enough. */
    FIRST_FIT,
    /** The smallest block that is big enough; on a tie, the one that comes first in the list. */
    BEST_FIT,
    /**
     * Like first fit, but the search starts at the <em>rover</em>, a free-list entry, runs to the end
     * of the list and wraps to the head, looking at each entry once. The rover, as core's reference
     * ({@code FreeListSimulator}) moves it:
     * <ul>
     *   <li>after a successful alloc it names the entry that follows the chosen one in the list (after
     *       a split, the entry after the remainder; after an exact fit, the entry that took the chosen
     *       one's place). When there is none, it names the entry that is the head at that moment (not
     *       whichever entry heads the list at the next search); when the list is empty, nothing;</li>
     *   <li>it stays with its entry when a dealloc inserts entries before it or sorts the list, and
     *       moves to the merged entry when coalescing merges its entry into the one before it;</li>
     *   <li>a search that finds nothing (also the one before the heap grows) does not move it; when it
     *       names nothing, the search starts at the head.</li>
     * </ul>
     */
    NEXT_FIT
}
