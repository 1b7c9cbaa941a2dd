package dev.alloclab.core.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackFrame;
import dev.alloclab.core.memory.StackMemory;
import dev.alloclab.core.testing.TestBumpAllocator;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class VecMetadataTest {

    private static TestBumpAllocator allocator() {
        return new TestBumpAllocator(HeapBytes.withMax(1 << 16));
    }

    @Test
    void a_vec_of_five_years_is_twenty_heap_bytes_pointed_at_by_its_metadata() {
        // GIVEN a heap
        Heap heap = PlainHeap.over(allocator());
        // WHEN a vec of five years is made
        VecMetadata years = VecMetadata.of(heap, 1995, 2000, 2005, 2010, 2015);
        // THEN its metadata points at five consecutive i32 on the heap
        assertThat(years.length()).isEqualTo(5);
        assertThat(years.capacity()).isEqualTo(5);
        int first = years.memoryIndexOfFirstElement();
        assertThat(heap.readInt(first)).isEqualTo(1995);
        assertThat(heap.readInt(first + 16)).isEqualTo(2015);
        assertThat(years.indexOfElement(2)).isEqualTo(first + 8);
        assertThat(years.get(heap, 4)).isEqualTo(2015);
        assertThat(years.toArray(heap)).containsExactly(1995, 2000, 2005, 2010, 2015);
    }

    @Test
    void push_doubles_the_capacity_by_moving_to_a_new_block_and_freeing_the_old_one() {
        TestBumpAllocator allocator = allocator();
        Heap heap = PlainHeap.over(allocator);
        VecMetadata vec = VecMetadata.empty();
        List<Integer> capacities = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            vec = vec.push(heap, i * 10);
            capacities.add(vec.capacity());
        }
        assertThat(capacities).containsExactly(4, 4, 4, 4, 8, 8, 8, 8, 16);
        assertThat(vec.toArray(heap)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80);
        // only the current block is still held: the two old ones were given back
        assertThat(allocator.live()).containsOnlyKeys(vec.memoryIndexOfFirstElement());
        vec.set(heap, 0, 7);
        assertThat(vec.get(heap, 0)).isEqualTo(7);
        vec.free(heap);
        assertThat(allocator.live()).isEmpty();
    }

    @Test
    void an_empty_vec_owns_no_block() {
        TestBumpAllocator allocator = allocator();
        Heap heap = PlainHeap.over(allocator);
        VecMetadata empty = VecMetadata.of(heap);
        assertThat(empty).isEqualTo(VecMetadata.empty());
        assertThat(empty.memoryIndexOfFirstElement()).isEqualTo(Allocator.NULL);
        empty.free(heap);
        VecMetadata shrunk = VecMetadata.of(heap, 1).withCapacity(heap, 1);
        assertThat(shrunk.toArray(heap)).containsExactly(1);
        assertThat(VecMetadata.empty().withCapacity(heap, 0)).isEqualTo(VecMetadata.empty());
        assertThat(empty).hasToString("VecMetadata{memoryIndexOfFirstElement=-1, length=0, capacity=0}");
    }

    @Test
    void bad_metadata_and_indexes_are_refused_with_a_sentence() {
        Heap heap = PlainHeap.over(allocator());
        VecMetadata vec = VecMetadata.of(heap, 1, 2);
        assertThatThrownBy(() -> vec.get(heap, 2)).hasMessage("element 2 of a vec of length 2 (expected: 0 <= i < 2)");
        assertThatThrownBy(() -> new VecMetadata(8, 3, 2)).hasMessageContaining("0 <= length <= capacity");
        assertThatThrownBy(() -> new VecMetadata(8, 0, 0)).hasMessageContaining("must be NULL (-1)");
        assertThatThrownBy(() -> new VecMetadata(Allocator.NULL, 0, 4)).hasMessageContaining("capacity 4 owns a heap block")
                .hasMessageContaining("but was NULL (-1)");
        assertThatThrownBy(() -> new VecMetadata(-8, 1, 1)).hasMessageContaining("but was -8");
        assertThatThrownBy(() -> vec.withCapacity(heap, 1)).hasMessageContaining("cannot hold the vec's 2 elements");
    }

    @Test
    void a_vec_that_does_not_fit_says_out_of_memory() {
        Heap heap = PlainHeap.over(new TestBumpAllocator(HeapBytes.withMax(16)));
        assertThatThrownBy(() -> VecMetadata.of(heap, 1, 2, 3, 4, 5))
                .isInstanceOf(KitException.class)
                .hasMessageStartingWith("out of memory: alloc(20) for a vec of 5 elements returned NULL.");
    }

    @Test
    void the_metadata_lives_in_a_stack_frame_and_the_elements_on_the_heap() {
        Heap heap = PlainHeap.over(allocator());
        StackMemory stack = StackMemory.withCapacity(64);
        StackFrame main = stack.push("main", Local.bytes("years", VecMetadata.BYTES));
        VecMetadata years = VecMetadata.of(heap, 1995, 2000);
        years.storeIn(main, "years");
        assertThat(stack.stackLength()).isEqualTo(16);
        assertThat(main.readInt("years", 0)).isEqualTo(years.memoryIndexOfFirstElement());
        assertThat(VecMetadata.loadFrom(main, "years")).isEqualTo(years);
        StackFrame small = stack.push("small", Local.i32("tooSmall"));
        assertThatThrownBy(() -> years.storeIn(small, "tooSmall"))
                .hasMessageStartingWith("storeIn(tooSmall): a vec's metadata takes 12 bytes")
                .hasMessageContaining("Local.bytes(\"tooSmall\", VecMetadata.BYTES)");
        assertThat(small.readInt("tooSmall")).as("nothing was half-written").isZero();
    }

    @Property(tries = 200)
    void pushing_keeps_every_element_and_capacity_is_a_power_of_two_times_four(
            @ForAll @Size(max = 100) List<@IntRange(min = -1000, max = 1000) Integer> values) {
        TestBumpAllocator allocator = allocator();
        Heap heap = PlainHeap.over(allocator);
        VecMetadata vec = VecMetadata.empty();
        for (int value : values) {
            vec = vec.push(heap, value);
        }
        assertThat(vec.toArray(heap)).containsExactly(values.stream().mapToInt(Integer::intValue).toArray());
        if (!values.isEmpty()) {
            assertThat(Integer.bitCount(vec.capacity() / VecMetadata.FIRST_CAPACITY)).isEqualTo(1);
            assertThat(vec.capacity()).isLessThan(Math.max(2 * values.size(), VecMetadata.FIRST_CAPACITY + 1));
            assertThat(allocator.live()).hasSize(1);
        }
    }
}
