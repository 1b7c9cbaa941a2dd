package dev.alloclab.hidden.bump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.bump.BumpAllocator;
import org.junit.jupiter.api.Test;

class BumpHiddenTest {
    @Test
    void blocks_are_carved_end_to_end_behind_an_8_byte_header() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
        assertThat(bump.alloc(5)).as("payload index returned by the first alloc(5) on an empty heap: the block starts "
                + "at 0 and its payload right after the 8-byte header").isEqualTo(8);
        assertThat(bump.heap().readInt(0)).as("header of the first block (readInt(0)) after alloc(5): the block size, "
                + "header included, 8 + 5 rounded up to a multiple of 8").isEqualTo(16);
        assertThat(bump.alloc(16)).as("payload index of the second alloc(16): its block starts where the first block "
                + "(16 bytes at 0) ends, its payload 8 bytes later").isEqualTo(24);
        assertThat(bump.heap().readInt(16)).as("header of the second block (readInt(16)) after alloc(16): the block "
                + "size 8 + 16").isEqualTo(24);
        assertThat(bump.alloc(1)).as("payload index of the third call alloc(1), after alloc(5) and alloc(16): blocks "
                + "are carved end to end (16 + 24 bytes so far), each behind an 8-byte header").isEqualTo(48);
        assertThat(bump.bytesInUse()).as("bytesInUse() after alloc(5), alloc(16), alloc(1): the three block sizes "
                + "16 + 24 + 16, headers and rounding included").isEqualTo(56);
        assertThat(bump.heap().size()).as("heap().size() after alloc(5), alloc(16), alloc(1): the heap grows (sbrk) "
                + "exactly to the end of the last block").isEqualTo(56);
        assertThat(bump.usableSize(24)).as("usableSize(24), the payload of alloc(16): the block size in its header "
                + "(24) minus the 8-byte header").isEqualTo(16);
    }

    @Test
    void zero_negative_and_too_large_requests() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(64));
        assertThat(bump.alloc(0)).as("alloc(0) must return NULL (-1) and take no bytes").isEqualTo(Allocator.NULL);
        assertThatThrownBy(() -> bump.alloc(-1), "alloc(-1): a negative size must throw IllegalArgumentException "
                + "(AllocationRequests.checkSize)").isInstanceOf(IllegalArgumentException.class);
        assertThat(bump.alloc(40)).as("payload index of alloc(40) on an empty heap of at most 64 bytes (alloc(0) "
                + "before it must have taken nothing)").isEqualTo(8);
        assertThat(bump.alloc(40)).as("a second alloc(40) on a heap of at most 64 bytes, 48 already used: it does "
                + "not fit, so alloc returns NULL (-1)").isEqualTo(Allocator.NULL);
        for (int huge : HugeRequests.SIZES) {
            assertThat(HugeRequests.alloc(bump, huge, "after alloc(40) on a heap of at most 64 bytes"))
                    .as("alloc(%d), close to Integer.MAX_VALUE, after alloc(40) on a heap of at most 64 bytes: it "
                            + "cannot fit, so NULL (-1). %s", huge, HugeRequests.ADVICE).isEqualTo(Allocator.NULL);
        }
        assertThat(bump.bytesInUse()).as("bytesInUse() after alloc(40), an alloc(40) that returned NULL and alloc(%d) "
                + "(and other sizes close to Integer.MAX_VALUE) that returned NULL: a failed alloc must change nothing",
                Integer.MAX_VALUE).isEqualTo(48);
        assertThat(bump.heap().size()).as("heap().size() after those failed allocs: a failed alloc must not grow "
                + "the heap").isEqualTo(48);
        assertThat(bump.alloc(8)).as("payload index of alloc(8) after the failed allocs: its 16-byte block "
                + "still fits in the 16 bytes left, at 48").isEqualTo(56);
    }

    @Test
    void dealloc_frees_nothing_and_reset_frees_everything() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
        int a = bump.alloc(8);
        bump.heap().writeLong(a, 0x1122334455667788L);
        int b = bump.alloc(8);
        bump.dealloc(a);
        assertThat(bump.alloc(8)).as("payload index of alloc(8) after dealloc(%d): dealloc gives nothing back, so "
                + "the new block comes after the last one (at %d)", a, b).isNotEqualTo(a).isGreaterThan(b);
        assertThat(bump.heap().readLong(a)).as("the 8 bytes written at %d, read back after dealloc(%d) and another "
                + "alloc(8): dealloc must not touch the block", a, a).isEqualTo(0x1122334455667788L);
        int sizeBefore = bump.heap().size();
        bump.reset();
        assertThat(bump.bytesInUse()).as("bytesInUse() after reset(): every block is given back").isZero();
        assertThat(bump.alloc(8)).as("payload index of alloc(8) after reset(): allocation starts again at 0")
                .isEqualTo(8);
        assertThat(bump.heap().size()).as("heap().size() after reset() and alloc(8): the heap never shrinks, and "
                + "reused bytes need no sbrk").isEqualTo(sizeBefore);
        int straddling = bump.alloc(sizeBefore);
        int blockEnd = 16 + (sizeBefore + 8 + 7) / 8 * 8;
        assertThat(straddling).as("payload index of alloc(%d) after reset() and alloc(8)", sizeBefore).isEqualTo(24);
        assertThat(bump.heap().size()).as("heap().size() after reset(), alloc(8) and alloc(%d): that block runs from 16 "
                + "to %d, past the heap's end (%d), and sbrk grows the heap by exactly the %d bytes missing, not by the "
                + "whole block", sizeBefore, blockEnd, sizeBefore, blockEnd - sizeBefore).isEqualTo(blockEnd);
    }

    @Test
    void random_workout_keeps_payloads_aligned_inside_and_intact() {
        for (long seed = 1; seed <= 3; seed++) {
            BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1 << 22));
            Workout.checked(bump, Workout.random("random-" + seed, seed, 600, 200, false));
        }
    }
}
