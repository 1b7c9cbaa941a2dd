package dev.alloclab.hidden.buddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.exercises.buddy.BuddyAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuddyHiddenTest {
    @Test
    void buddies_and_block_sizes() {
        assertThat(BuddyAllocator.buddyOf(0, 16)).isEqualTo(16);
        assertThat(BuddyAllocator.buddyOf(16, 16)).isEqualTo(0);
        assertThat(BuddyAllocator.buddyOf(64, 32)).isEqualTo(96);
        assertThat(BuddyAllocator.buddyOf(96, 32)).isEqualTo(64);
        assertThat(BuddyAllocator.buddyOf(128, 128)).isEqualTo(0);
        assertThat(BuddyAllocator.blockSizeFor(1)).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(8)).isEqualTo(16);
        assertThat(BuddyAllocator.blockSizeFor(9)).isEqualTo(32);
        assertThat(BuddyAllocator.blockSizeFor(120)).isEqualTo(128);
        assertThat(BuddyAllocator.blockSizeFor(121)).isEqualTo(256);
    }

    @Test
    void the_first_alloc_splits_the_arena_down_to_its_size() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        int p = a.alloc(8);
        assertThat(p).isEqualTo(a.arenaStart() + 8);
        assertThat(a.freeBlocksOfSize(16)).containsExactly(16);
        assertThat(a.freeBlocksOfSize(32)).containsExactly(32);
        assertThat(a.freeBlocksOfSize(64)).containsExactly(64);
        assertThat(a.freeBlocksOfSize(128)).containsExactly(128);
        assertThat(a.freeBlocksOfSize(256)).isEmpty();
        assertThat(a.usableSize(p)).isEqualTo(8);
    }

    @Test
    void freeing_merges_buddies_back_into_the_arena() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 256);
        int x = a.alloc(8);
        int y = a.alloc(8);
        int z = a.alloc(40);
        assertThat(y).isEqualTo(a.arenaStart() + 16 + 8);
        assertThat(z).isEqualTo(a.arenaStart() + 64 + 8);
        a.dealloc(y);
        assertThat(a.freeBlocksOfSize(16)).containsExactly(16);
        a.dealloc(x);
        assertThat(a.freeBlocksOfSize(16)).isEmpty();
        assertThat(a.freeBlocksOfSize(64)).containsExactly(0);
        a.dealloc(z);
        assertThat(a.freeBlocksOfSize(256)).containsExactly(0);
        assertThat(a.freeBlocksOfSize(128)).isEmpty();
    }

    @Test
    void lowest_offset_first_and_null_when_full() {
        BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(4096), 128);
        int[] p = new int[8];
        for (int i = 0; i < 8; i++) {
            p[i] = a.alloc(8);
            assertThat(p[i]).isEqualTo(a.arenaStart() + 16 * i + 8);
        }
        assertThat(a.alloc(1)).isEqualTo(Allocator.NULL);
        a.dealloc(p[5]);
        a.dealloc(p[2]);
        assertThat(a.alloc(8)).isEqualTo(p[2]);
        assertThat(a.alloc(200)).isEqualTo(Allocator.NULL);
    }

    @Test
    void random_workout_stays_inside_the_arena_and_merges_fully() {
        for (long seed = 1; seed <= 3; seed++) {
            BuddyAllocator a = new BuddyAllocator(HeapBytes.withMax(1 << 22), 1 << 21);
            Workout.checked(a, Workout.random("random-" + seed, seed, 800, 500, true));
            assertThat(a.freeBlocksOfSize(1 << 21)).as("after every block is freed the arena is whole again")
                    .isEqualTo(List.of(0));
        }
    }
}
