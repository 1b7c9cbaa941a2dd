package dev.alloclab.exercises.explicitlist;

/** Where a freed block goes in the free list. */
public enum FreeListOrder {
    /** At the front: the block freed last is found first (last in, first out). */
    LIFO,
    /** Sorted by address, so neighbours in memory are neighbours in the list. */
    ADDRESS
}
