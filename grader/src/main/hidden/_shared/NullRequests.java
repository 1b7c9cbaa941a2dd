package dev.alloclab.hidden.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;

/**
 * The two requests that ask for nothing, which the allocator contract answers without touching the heap:
 * {@code alloc(0)} returns NULL, and {@code dealloc(NULL)} does nothing, like C's {@code free(NULL)}. A program
 * frees NULL whenever it frees a pointer that may never have been set (a Malloc Lab trace's {@code f -1}); an
 * allocator without the guard reads a "header" before the heap (and throws) or, with its blocks away from index 0,
 * rewrites bytes that are not a header at all. The implicit-list, explicit-list, segregated-fits and buddy suites
 * ask both (QA teeth pass, session 22: none did); bump's asks alloc(0) itself, and its dealloc frees nothing.
 */
final class NullRequests {
    private NullRequests() {
    }

    /** Checks both requests on {@code allocator}, which must be able to serve {@code alloc(24)} twice. */
    static void check(Allocator allocator, String setting) {
        int sizeBefore = allocator.heap().size();
        int zero;
        try {
            zero = allocator.alloc(0);
        } catch (RuntimeException e) {
            throw new AssertionError("alloc(0) " + setting + " threw " + e.getClass().getSimpleName() + ": a request "
                    + "of 0 bytes returns NULL (-1), as the Allocator contract says", e);
        }
        assertThat(zero).as("alloc(0) %s: a request of 0 bytes returns NULL (-1), as the Allocator contract says", setting)
                .isEqualTo(Allocator.NULL);
        assertThat(allocator.heap().size()).as("heap().size() after alloc(0) %s: a NULL answer takes no bytes", setting)
                .isEqualTo(sizeBefore);
        int block = allocator.alloc(24);
        assertThat(block).as("alloc(24) %s", setting).isNotEqualTo(Allocator.NULL);
        allocator.heap().writeLong(block, 0x1122334455667788L);
        int sizeWithBlock = allocator.heap().size();
        try {
            allocator.dealloc(Allocator.NULL);
        } catch (RuntimeException e) {
            throw new AssertionError("dealloc(NULL) (-1) " + setting + " threw " + e.getClass().getSimpleName()
                    + ": dealloc(NULL) does nothing, like C's free(NULL). Return at once when the index is NULL, "
                    + "before reading any header", e);
        }
        assertThat(allocator.heap().readLong(block)).as("the first 8 payload bytes of the block of alloc(24) after "
                + "dealloc(NULL) %s: dealloc(NULL) does nothing, like C's free(NULL)", setting)
                .isEqualTo(0x1122334455667788L);
        assertThat(allocator.heap().size()).as("heap().size() after dealloc(NULL) %s", setting).isEqualTo(sizeWithBlock);
        int next = allocator.alloc(24);
        assertThat(next).as("alloc(24) after alloc(24) and dealloc(NULL) %s: dealloc(NULL) freed nothing, so the "
                + "first block is still in use and the new one lies elsewhere", setting)
                .isNotEqualTo(Allocator.NULL).isNotEqualTo(block);
        // (no dealloc of the two blocks: freeing real blocks is the other tests' business)
    }
}
