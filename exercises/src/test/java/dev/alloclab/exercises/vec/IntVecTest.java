package dev.alloclab.exercises.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.vec.VecMetadata;
import dev.alloclab.exercises.support.ProgramHeaps;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Visible tests of the heap-backed vec, on core's checked heap: a use-after-free, double free or
 * overflow stops the test with a report naming your lines, and a leak fails it with the heap's
 * leak report. Instructions: docs/exercises/vec.md.
 */
class IntVecTest {
    private final CheckedHeap heap = ProgramHeaps.checked();
    private final IntVec vec = new IntVec(heap);

    @Test
    void the_first_push_allocates_room_for_four_elements() {
        // GIVEN an empty vec, which owns no block
        // WHEN 1995 is pushed
        vec.push(1995);
        // THEN one block of 4 * 4 bytes holds it
        assertThat(vec.length()).isEqualTo(1);
        assertThat(vec.capacity()).isEqualTo(VecMetadata.FIRST_CAPACITY);
        assertThat(heap.liveBlocks()).as("live blocks (payload index, bytes asked for)")
                .extracting(BlockRecord::from, BlockRecord::requestedSize)
                .containsExactly(tuple(vec.metadata().memoryIndexOfFirstElement(), 16));
        assertThat(vec.get(0)).isEqualTo(1995);
    }

    @Test
    void a_full_vec_doubles_into_a_new_block_and_frees_the_old_one_after_copying() {
        // GIVEN the five years of the worked example pushed one by one
        int[] years = {1995, 2000, 2005, 2010, 2015};
        for (int year : years) {
            vec.push(year);
        }
        // THEN the fifth push doubled the capacity to 8, in a new 32-byte block
        assertThat(vec.capacity()).isEqualTo(8);
        // AND the old block was freed (only one block is live), after its elements were copied
        assertThat(heap.liveBlocks()).as("live blocks (payload index, bytes asked for)")
                .extracting(BlockRecord::from, BlockRecord::requestedSize)
                .containsExactly(tuple(vec.metadata().memoryIndexOfFirstElement(), 32));
        for (int i = 0; i < years.length; i++) {
            assertThat(vec.get(i)).as("element %d", i).isEqualTo(years[i]);
        }
    }

    @Test
    void free_gives_the_block_back_and_leaves_an_empty_usable_vec() {
        // GIVEN a vec with ten elements
        for (int i = 0; i < 10; i++) {
            vec.push(i);
        }
        // WHEN it is freed
        vec.free();
        // THEN nothing leaks and the vec is empty, owning no block
        ProgramHeaps.assertNoLeaks(heap);
        assertThat(vec.metadata()).isEqualTo(VecMetadata.empty());
        // AND it can be used again
        vec.push(7);
        assertThat(vec.get(0)).isEqualTo(7);
    }

    @Test
    void set_overwrites_and_pop_removes_the_last_element() {
        vec.push(1);
        vec.push(2);
        vec.set(0, 10);
        assertThat(vec.pop()).isEqualTo(2);
        assertThat(vec.length()).isEqualTo(1);
        assertThat(vec.get(0)).isEqualTo(10);
    }

    @Test
    void an_index_outside_the_vec_is_refused_and_so_is_popping_an_empty_vec() {
        vec.push(1);
        assertThatThrownBy(() -> vec.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.set(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        vec.pop();
        assertThatThrownBy(vec::pop).isInstanceOf(IllegalStateException.class);
    }

    /** Non-negative values are pushed, a negative one pops. */
    @Property(tries = 200)
    void the_vec_behaves_like_a_list_and_frees_everything_it_allocated(
            @ForAll @Size(max = 80) List<@IntRange(min = -5, max = 1000) Integer> ops) {
        CheckedHeap checked = ProgramHeaps.checked();
        IntVec ints = new IntVec(checked);
        List<Integer> model = new ArrayList<>();
        for (int op : ops) {
            if (op >= 0) {
                ints.push(op);
                model.add(op);
            } else if (!model.isEmpty()) {
                assertThat(ints.pop()).isEqualTo(model.remove(model.size() - 1));
            }
            assertThat(ints.length()).isEqualTo(model.size());
            assertThat(ints.capacity()).isGreaterThanOrEqualTo(model.size());
            assertThat(checked.liveBlocks()).as("blocks the vec owns").hasSizeLessThanOrEqualTo(1);
        }
        for (int i = 0; i < model.size(); i++) {
            assertThat(ints.get(i)).isEqualTo(model.get(i));
        }
        ints.free();
        ProgramHeaps.assertNoLeaks(checked);
        assertThat(ints.metadata().memoryIndexOfFirstElement()).isEqualTo(Allocator.NULL);
    }
}
