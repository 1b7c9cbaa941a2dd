package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;

/**
 * The requests at the edges of the Allocator contract, which every allocator exercise answers the same way:
 * {@code alloc(0)} is NULL, {@code dealloc(NULL)} does nothing (C's {@code free(NULL)}: a Malloc Lab trace's
 * {@code f -1}), and a request near {@code Integer.MAX_VALUE} is NULL and changes nothing. The grader asks the
 * same; a visible test asks it first.
 */
public final class EdgeRequests {
    private EdgeRequests() {
    }

    /**
     * Asks the three of {@code allocator} (fresh, able to serve two {@code alloc(24)}), {@code setting} naming it in
     * the messages; {@code hugeAdvice} is what to check when the huge request throws.
     */
    public static void check(Allocator allocator, String setting, String hugeAdvice) {
        int block = allocator.alloc(24);
        assertThat(block).as("alloc(24) on %s", setting).isNotEqualTo(Allocator.NULL);
        allocator.heap().writeInt(block, 1995);
        int heapBytes = allocator.heap().size();
        assertThat(allocator.alloc(0)).as("alloc(0) on %s: a request of 0 bytes is NULL (-1)", setting)
                .isEqualTo(Allocator.NULL);
        try {
            allocator.dealloc(Allocator.NULL);
        } catch (NotImplemented notStarted) {
            throw notStarted;
        } catch (RuntimeException e) {
            throw new AssertionError("dealloc(NULL) on " + setting + " threw " + e.getClass().getSimpleName() + ": "
                    + "dealloc(NULL) (-1) does nothing, like C's free(NULL); return at once, before reading any "
                    + "header", e);
        }
        int huge = HugeRequests.alloc(allocator, Integer.MAX_VALUE, "on " + setting, hugeAdvice);
        assertThat(huge).as("alloc(Integer.MAX_VALUE) on %s: no heap holds it, so NULL (-1). %s", setting, hugeAdvice)
                .isEqualTo(Allocator.NULL);
        assertThat(allocator.heap().size()).as("heap().size() after alloc(0), dealloc(NULL) and alloc(Integer.MAX_VALUE)"
                + " on %s: requests answered with NULL, or that free nothing, take and give back no bytes", setting)
                .isEqualTo(heapBytes);
        assertThat(allocator.heap().readInt(block)).as("the int written into the block of alloc(24) on %s, after "
                + "those three requests: none of them touches a block in use", setting).isEqualTo(1995);
        assertThat(allocator.alloc(24)).as("a second alloc(24) on %s: the first block is still in use, so another",
                setting).isNotEqualTo(Allocator.NULL).isNotEqualTo(block);
    }
}
