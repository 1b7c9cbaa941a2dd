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
            assertThat(block.isOwner()).as("isOwner() of a block just made by allocate(heap, 20)").isTrue();
            assertThat(block.size()).as("size() of a block made by allocate(heap, 20): the bytes asked for")
                    .isEqualTo(20);
            heap.writeInt(index + 16, 5);
            assertThat(heap.isLive(index)).as("is index() the start of a live heap block inside the "
                    + "try-with-resources? It must be what heap.alloc(20) returned").isTrue();
        }
        assertThat(heap.isLive(index)).as("is the block still allocated after its try-with-resources ended? "
                + "close() must dealloc it").isFalse();
        assertThat(heap.deallocs()).as("deallocs done by one allocate and the end of its scope: exactly one")
                .isEqualTo(1);
    }

    @Test
    void a_second_close_does_nothing_and_the_index_is_gone() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock block = OwnedBlock.allocate(heap, 8);
        block.close();
        block.close();
        assertThat(heap.deallocs()).as("deallocs done by close() twice on one owner: the second close must do "
                + "nothing (a second dealloc would be a double free)").isEqualTo(1);
        assertThat(block.isOwner()).as("isOwner() after close(): a closed owner owns nothing").isFalse();
        assertThatThrownBy(block::index, "index() after close(): the block is gone, so it must throw "
                + "IllegalStateException").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_move_transfers_ownership() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock first = OwnedBlock.allocate(heap, 12);
        int index = first.index();
        OwnedBlock second = first.move();
        assertThat(first.isOwner()).as("isOwner() of the moved-from owner after second = first.move(): it owns "
                + "nothing any more").isFalse();
        assertThat(second.isOwner()).as("isOwner() of the owner returned by first.move()").isTrue();
        assertThat(second.index()).as("index() of the owner returned by move(): the same block the first owner had")
                .isEqualTo(index);
        assertThat(second.size()).as("size() of the owner returned by move() of allocate(heap, 12)").isEqualTo(12);
        first.close();
        assertThat(heap.isLive(index)).as("is the block still allocated after close() of the moved-from owner? "
                + "Closing a moved-from owner frees nothing: the new owner still holds the block").isTrue();
        assertThatThrownBy(first::move, "move() of an owner already moved from: it owns nothing, so it must throw "
                + "IllegalStateException").isInstanceOf(IllegalStateException.class);
        second.close();
        assertThat(heap.isLive(index)).as("is the block still allocated after close() of the new owner? That close "
                + "must dealloc it").isFalse();
        assertThatThrownBy(second::move, "move() of a closed owner: it owns nothing (its block was freed), so it must "
                + "throw IllegalStateException; a new owner of a freed block would free it a second time")
                .isInstanceOf(IllegalStateException.class);
        assertThat(heap.deallocs()).as("deallocs done by allocate, move, and close() of both owners: exactly one, "
                + "by the new owner").isEqualTo(1);
    }

    @Test
    void an_exception_in_the_scope_still_frees() {
        TrackingHeap heap = new TrackingHeap();
        OwnedBlock.allocate(heap, 8).close(); // a stub fails here, as "not started"
        assertThatThrownBy(() -> {
            try (OwnedBlock block = OwnedBlock.allocate(heap, 8)) {
                throw new IllegalStateException("boom " + block.index());
            }
        }, "a try-with-resources over allocate(heap, 8) whose body throws: the body's "
                + "exception must be the one that comes out (allocate and index() must not throw first)")
                .hasMessageStartingWith("boom");
        assertThat(heap.liveBlocks()).as("blocks still allocated after a try-with-resources body threw: close() "
                + "runs anyway and must dealloc").isZero();
        assertThat(heap.deallocs()).as("deallocs done by two allocate+close, the second in a scope that threw: "
                + "exactly two").isEqualTo(2);
    }

    @Test
    void out_of_memory_is_a_kit_exception() {
        TrackingHeap heap = new TrackingHeap(64);
        assertThatThrownBy(() -> OwnedBlock.allocate(heap, 1000), "allocate(heap, 1000) on a heap of 64 bytes: "
                + "heap.alloc returns NULL, so allocate must throw a KitException").isInstanceOf(KitException.class);
    }
}
