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
        assertThat(bump.alloc(5)).isEqualTo(8);
        assertThat(bump.heap().readInt(0)).isEqualTo(16);
        assertThat(bump.alloc(16)).isEqualTo(24);
        assertThat(bump.heap().readInt(16)).isEqualTo(24);
        assertThat(bump.alloc(1)).isEqualTo(48);
        assertThat(bump.bytesInUse()).isEqualTo(56);
        assertThat(bump.heap().size()).isEqualTo(56);
        assertThat(bump.usableSize(24)).isEqualTo(16);
    }

    @Test
    void zero_negative_and_too_large_requests() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(64));
        assertThat(bump.alloc(0)).isEqualTo(Allocator.NULL);
        assertThatThrownBy(() -> bump.alloc(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(bump.alloc(40)).isEqualTo(8);
        assertThat(bump.alloc(40)).isEqualTo(Allocator.NULL);
        assertThat(bump.bytesInUse()).isEqualTo(48);
        assertThat(bump.alloc(8)).isEqualTo(56);
    }

    @Test
    void dealloc_frees_nothing_and_reset_frees_everything() {
        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
        int a = bump.alloc(8);
        bump.heap().writeLong(a, 0x1122334455667788L);
        int b = bump.alloc(8);
        bump.dealloc(a);
        assertThat(bump.alloc(8)).isNotEqualTo(a).isGreaterThan(b);
        assertThat(bump.heap().readLong(a)).isEqualTo(0x1122334455667788L);
        int sizeBefore = bump.heap().size();
        bump.reset();
        assertThat(bump.bytesInUse()).isZero();
        assertThat(bump.alloc(8)).isEqualTo(8);
        assertThat(bump.heap().size()).isEqualTo(sizeBefore);
    }

    @Test
    void random_workout_keeps_payloads_aligned_inside_and_intact() {
        for (long seed = 1; seed <= 3; seed++) {
            BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1 << 22));
            Workout.checked(bump, Workout.random("random-" + seed, seed, 600, 200, false));
        }
    }
}
