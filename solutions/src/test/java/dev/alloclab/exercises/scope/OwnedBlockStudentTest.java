package dev.alloclab.exercises.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for scope-based ownership, on the checked heap. */
class OwnedBlockStudentTest {
    private final CheckedHeap heap = checkedHeap();

    @Test
    void nested_scopes_free_their_blocks_innermost_first() {
        try (OwnedBlock outer = OwnedBlock.allocate(heap, 8)) {
            try (OwnedBlock inner = OwnedBlock.allocate(heap, 8)) {
                assertThat(heap.liveBlocks()).hasSize(2);
                assertThat(inner.index()).isNotEqualTo(outer.index());
            }
            assertThat(heap.liveBlocks()).hasSize(1);
            assertThat(outer.isOwner()).isTrue();
        }
        assertNoLeaks(heap);
    }

    @Test
    void a_closed_owner_cannot_move_or_hand_out_its_index_but_remembers_the_size() {
        OwnedBlock block = OwnedBlock.allocate(heap, 12);
        block.close();
        assertThatThrownBy(block::move).isInstanceOf(IllegalStateException.class).hasMessageContaining("move");
        assertThat(block.size()).isEqualTo(12);
    }

    @Test
    void a_block_moved_twice_is_freed_once_by_its_last_owner() {
        // GIVEN a block that travels through two moves, like a value returned up two calls
        OwnedBlock first = OwnedBlock.allocate(heap, 4);
        heap.writeInt(first.index(), 2015);
        OwnedBlock last = first.move().move();
        // WHEN the earlier owners' scopes end
        first.close();
        // THEN the block is still there for the last owner, which frees it
        assertThat(heap.readInt(last.index())).isEqualTo(2015);
        assertThatThrownBy(first::index).isInstanceOf(IllegalStateException.class);
        last.close();
        assertNoLeaks(heap);
    }

    @Test
    void allocating_on_a_full_heap_is_a_clear_error_not_a_null_owner() {
        CheckedHeap tiny = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(16)));
        assertThatThrownBy(() -> OwnedBlock.allocate(tiny, 64)).isInstanceOf(KitException.class)
                .hasMessageContaining("out of memory");
    }

    /** The checked heap: a use-after-free or double free throws a ViolationException naming the lines involved. */
    private static CheckedHeap checkedHeap() {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 20))).captureCallerSites(true).build();
    }

    private static void assertNoLeaks(CheckedHeap heap) {
        LeakReport report = heap.leakReport();
        assertThat(report.hasLeaks()).withFailMessage("%s", report.render()).isFalse();
    }
}
