package dev.alloclab.exercises.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.exercises.support.ProgramHeaps;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Visible tests of scope-based deallocation, on core's checked heap: a double free or a use after
 * free stops the test with a report naming your lines, and a leak fails it with the heap's leak
 * report. Instructions: docs/exercises/scope.md.
 */
class OwnedBlockTest {
    private final CheckedHeap heap = ProgramHeaps.checked();

    @Test
    void the_block_is_freed_when_the_scope_ends() {
        // GIVEN a block owned by a try-with-resources scope
        int index;
        try (OwnedBlock years = OwnedBlock.allocate(heap, 20)) {
            index = years.index();
            assertThat(years.size()).as("size() of an owner of a block allocated for 20 bytes: the bytes asked for")
                    .isEqualTo(20);
            heap.writeInt(index, 1995);
            assertThat(heap.liveBlocks()).as("the heap's live blocks inside the scope: the block the owner allocated")
                    .extracting(BlockRecord::from).contains(index);
        }
        // THEN when the scope ends it is given back: nothing leaks
        ProgramHeaps.assertNoLeaks(heap);
    }

    @Test
    void the_block_is_freed_even_when_the_scope_ends_with_an_exception() {
        OwnedBlock owner = OwnedBlock.allocate(heap, 8);
        assertThatThrownBy(() -> {
            try (OwnedBlock block = owner) {
                heap.writeInt(block.index(), 1);
                throw new IllegalStateException("the work failed");
            }
        }).hasMessage("the work failed");
        ProgramHeaps.assertNoLeaks(heap);
    }

    @Test
    void closing_twice_deallocates_once() {
        OwnedBlock block = OwnedBlock.allocate(heap, 8);
        block.close();
        block.close();   // a double free here would fail this test
        assertThat(block.isOwner()).as("isOwner() after close(): the block was given back").isFalse();
        assertThatThrownBy(block::move, "move() of a closed owner: it owns nothing, so IllegalStateException (a new "
                + "owner of the freed block would free it again)").isInstanceOf(IllegalStateException.class);
        ProgramHeaps.assertNoLeaks(heap);
    }

    @Test
    void a_moved_block_is_freed_by_its_new_owner_only() {
        // GIVEN a block moved out of the scope that allocated it (like a function returning it)
        OwnedBlock returned;
        try (OwnedBlock local = OwnedBlock.allocate(heap, 16)) {
            heap.writeInt(local.index(), 2015);
            returned = local.move();
            assertThat(local.isOwner()).as("isOwner() of the owner the block was moved out of").isFalse();
            assertThat(returned.size()).as("size() of the new owner after move(): the 16 bytes the block was allocated "
                    + "for move with it").isEqualTo(16);
        }
        // THEN the first scope's end freed nothing: the new owner still reads the data
        assertThat(heap.readInt(returned.index())).as("the int the first owner wrote, read through the new owner after "
                + "the first scope ended: the move handed the block over, so that scope's end freed nothing")
                .isEqualTo(2015);
        // AND the new owner frees it, once
        returned.close();
        ProgramHeaps.assertNoLeaks(heap);
    }

    @Test
    void an_owner_that_gave_its_block_away_cannot_be_used() {
        OwnedBlock first = OwnedBlock.allocate(heap, 8);
        OwnedBlock second = first.move();
        assertThatThrownBy(first::index, "index() of an owner that gave its block away by move(): an "
                + "IllegalStateException").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(first::move, "move() of an owner that gave its block away by move(): an "
                + "IllegalStateException").isInstanceOf(IllegalStateException.class);
        second.close();
        assertThatThrownBy(second::index, "index() of an owner after close(): an IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        // (what size() does on an owner that owns nothing is left open: returning 8 or throwing are both fine)
    }

    @Test
    void a_heap_with_no_room_makes_allocate_throw_a_kit_exception() {
        CheckedHeap small = ProgramHeaps.checked(64);
        assertThatThrownBy(() -> OwnedBlock.allocate(small, 1000), "OwnedBlock.allocate(heap, 1000) on a heap of at "
                + "most 64 bytes: alloc returns NULL (-1), so allocate throws a KitException instead of owning NULL")
                .isInstanceOf(KitException.class);
    }

    /** true = move the newest owner on to a new one, false = close the newest owner (again). */
    @Property(tries = 200)
    void any_chain_of_moves_and_closes_frees_the_block_exactly_once(@ForAll @Size(max = 12) List<Boolean> steps) {
        CheckedHeap checked = ProgramHeaps.checked();
        OwnedBlock owner = OwnedBlock.allocate(checked, 24);
        for (boolean move : steps) {
            if (move && owner.isOwner()) {
                owner = owner.move();
            } else {
                owner.close();
            }
        }
        owner.close();
        ProgramHeaps.assertNoLeaks(checked);
    }
}
