package dev.alloclab.exercises.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
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
        assertThat(vec.metadata().memoryIndexOfFirstElement()).as("memoryIndexOfFirstElement of a new, empty vec: "
                + "-1, it owns no block until the first push").isEqualTo(-1);
        assertThat(heap.liveBlocks()).as("live blocks before the first push: none, an empty vec allocates nothing")
                .isEmpty();
        // WHEN 1995 is pushed
        vec.push(1995);
        // THEN one block of 4 * 4 bytes holds it
        assertThat(vec.length()).as("length() after one push").isEqualTo(1);
        assertThat(vec.capacity()).as("capacity() after the first push into an empty vec: room for 4 elements, "
                + "VecMetadata.FIRST_CAPACITY").isEqualTo(VecMetadata.FIRST_CAPACITY);
        assertThat(heap.liveBlocks()).as("live blocks (payload index, bytes asked for)")
                .extracting(BlockRecord::from, BlockRecord::requestedSize)
                .containsExactly(tuple(vec.metadata().memoryIndexOfFirstElement(), 16));
        assertThat(vec.get(0)).as("get(0) after push(1995)").isEqualTo(1995);
    }

    @Test
    void a_full_vec_doubles_into_a_new_block_and_frees_the_old_one_after_copying() {
        // GIVEN the five years of the worked example pushed one by one
        int[] years = {1995, 2000, 2005, 2010, 2015};
        for (int year : years) {
            vec.push(year);
        }
        // THEN the fifth push doubled the capacity to 8, in a new 32-byte block
        assertThat(vec.capacity()).as("capacity() after five pushes: the fifth found the 4-element block full and "
                + "doubled it to 8").isEqualTo(8);
        // AND the old block was freed (only one block is live), after its elements were copied
        assertThat(heap.liveBlocks()).as("live blocks (payload index, bytes asked for)")
                .extracting(BlockRecord::from, BlockRecord::requestedSize)
                .containsExactly(tuple(vec.metadata().memoryIndexOfFirstElement(), 32));
        for (int i = 0; i < years.length; i++) {
            assertThat(vec.get(i)).as("get(%d) after the five pushes: elements 0..3 were copied into the new block "
                    + "before the old one was freed", i).isEqualTo(years[i]);
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
        assertThat(vec.metadata()).as("metadata() after free(): length 0, capacity 0 and no block (first element at "
                + "NULL, -1), so nothing keeps the index of the block that was given back").isEqualTo(VecMetadata.empty());
        // AND it can be used again
        vec.push(7);
        assertThat(vec.get(0)).as("get(0) after free() and push(7): the freed vec allocates a new block").isEqualTo(7);
    }

    @Test
    void set_overwrites_and_pop_removes_the_last_element() {
        vec.push(1);
        vec.push(2);
        vec.set(0, 10);
        assertThat(vec.pop()).as("pop() after push(1), push(2), set(0, 10): the last element").isEqualTo(2);
        assertThat(vec.length()).as("length() after two pushes and a pop").isEqualTo(1);
        assertThat(vec.get(0)).as("get(0) after set(0, 10)").isEqualTo(10);
    }

    @Test
    void an_index_outside_the_vec_is_refused_and_so_is_popping_an_empty_vec() {
        vec.push(1);
        assertThatThrownBy(() -> vec.get(1), "get(1) on a vec of length 1 (capacity 4): index 1 is past the length, "
                + "even though the block has room, so IndexOutOfBoundsException")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.set(-1, 0), "set(-1, 0): a negative index, so IndexOutOfBoundsException")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> vec.set(1, 0), "set(1, 0) on a vec of length 1 (capacity 4): set checks against the "
                + "length, as get does, so IndexOutOfBoundsException").isInstanceOf(IndexOutOfBoundsException.class);
        int block = vec.metadata().memoryIndexOfFirstElement();
        vec.pop();
        assertThat(vec.metadata().memoryIndexOfFirstElement()).as("memoryIndexOfFirstElement after popping to empty: "
                + "the same block, which the vec keeps for the next push (only free() gives it back)").isEqualTo(block);
        assertThat(vec.capacity()).as("capacity() after popping to empty: still 4").isEqualTo(VecMetadata.FIRST_CAPACITY);
        assertThatThrownBy(vec::pop, "pop() on an empty vec, so IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        vec.free();
    }

    @Test
    void a_push_that_finds_the_heap_full_throws_instead_of_using_null_as_a_block() {
        // GIVEN a vec on a heap of 128 bytes: a few doublings fit, then alloc has no room and returns NULL (-1)
        CheckedHeap small = ProgramHeaps.checked(128);
        IntVec ints = new IntVec(small);
        // WHEN values are pushed until push refuses
        int pushed = 0;
        RuntimeException refused = null;
        while (refused == null && pushed < 1000) {
            try {
                ints.push(pushed);
                pushed++;
            } catch (ViolationException mistake) {
                if (mistake.violation().kind() != Violation.Kind.NULL_DEREFERENCE) {
                    throw mistake; // another mistake of the vec's (a use-after-free, say): its own report says it
                }
                throw new AssertionError("push(" + pushed + ") on a heap of 128 bytes that has no room for a bigger "
                        + "block: alloc returned NULL (-1), and your vec then used NULL as a block index. Check what "
                        + "alloc returns before you copy or write, and throw an exception (a KitException, say). The "
                        + "checked heap reported: " + mistake.getMessage(), mistake);
            } catch (NotImplemented stub) {
                throw stub; // not started: no refusal to judge
            } catch (RuntimeException e) {
                refused = e;
            }
        }
        // THEN push threw once the heap was full (no vec of 1000 elements fits in 128 bytes)
        assertThat(refused).as("the exception of a push that found the heap full, after %d pushes: when alloc returns "
                + "NULL (-1) there is no block, so push throws", pushed).isNotNull();
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
                assertThat(ints.pop()).as("pop() of a vec holding %s: its last element", model.toString())
                        .isEqualTo(model.remove(model.size() - 1));
            }
            assertThat(ints.length()).as("length() after %s", op >= 0 ? "push(" + op + ")" : "pop()")
                    .isEqualTo(model.size());
            assertThat(ints.capacity()).as("capacity() after %s: at least the length", op >= 0 ? "push(" + op + ")"
                    : "pop()").isGreaterThanOrEqualTo(model.size());
            assertThat(checked.liveBlocks()).as("blocks the vec owns").hasSizeLessThanOrEqualTo(1);
        }
        for (int i = 0; i < model.size(); i++) {
            assertThat(ints.get(i)).as("get(%d) at the end: the pushes and pops made it %s", i, model)
                    .isEqualTo(model.get(i));
        }
        ints.free();
        ProgramHeaps.assertNoLeaks(checked);
        assertThat(ints.metadata().memoryIndexOfFirstElement()).as("the vec's first-element index after free(): NULL "
                + "(-1), not the index of the block it gave back (a stale index invites a use-after-free)")
                .isEqualTo(Allocator.NULL);
    }
}
