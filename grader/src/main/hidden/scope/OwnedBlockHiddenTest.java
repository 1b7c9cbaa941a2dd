package dev.alloclab.hidden.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.exercises.scope.OwnedBlock;
import org.junit.jupiter.api.Test;

class OwnedBlockHiddenTest {
    @Test
    void the_scope_end_deallocates_exactly_once() {
        TrackingHeap heap = new TrackingHeap();
        int index;
        try (OwnedBlock block = OwnedBlock.allocate(heap, 20)) {
            index = block.index();
            assertThat(block.isOwner()).isTrue();
            assertThat(block.size()).isEqualTo(20);
            heap.writeInt(index + 16, 5);
            assertThat(heap.isLive(index)).isTrue();
        }
        assertThat(heap.isLive(index)).isFalse();
        assertThat(heap.deallocs()).isEqualTo(1);
    }

    @Test
    void a_second_close_does_nothing_and_the_index_is_gone() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock block = OwnedBlock.allocate(heap, 8);
        block.close();
        block.close();
        assertThat(heap.deallocs()).isEqualTo(1);
        assertThat(block.isOwner()).isFalse();
        assertThatThrownBy(block::index).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_move_transfers_ownership() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock first = OwnedBlock.allocate(heap, 12);
        int index = first.index();
        OwnedBlock second = first.move();
        assertThat(first.isOwner()).isFalse();
        assertThat(second.isOwner()).isTrue();
        assertThat(second.index()).isEqualTo(index);
        assertThat(second.size()).isEqualTo(12);
        first.close();
        assertThat(heap.isLive(index)).as("closing a moved-from owner frees nothing").isTrue();
        assertThatThrownBy(first::move).isInstanceOf(IllegalStateException.class);
        second.close();
        assertThat(heap.isLive(index)).isFalse();
        assertThat(heap.deallocs()).isEqualTo(1);
    }

    @Test
    void an_exception_in_the_scope_still_frees() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock.allocate(heap, 8).close(); // a stub fails here, as "not started"
        assertThatThrownBy(() -> {
            try (OwnedBlock block = OwnedBlock.allocate(heap, 8)) {
                throw new IllegalStateException("boom " + block.index());
            }
        }).hasMessageStartingWith("boom");
        assertThat(heap.liveBlocks()).isZero();
        assertThat(heap.deallocs()).isEqualTo(2);
    }

    @Test
    void out_of_memory_is_a_kit_exception() {
        TrackingHeap heap = new TrackingHeap(64);
        assertThatThrownBy(() -> OwnedBlock.allocate(heap, 1000)).isInstanceOf(KitException.class);
    }
}
