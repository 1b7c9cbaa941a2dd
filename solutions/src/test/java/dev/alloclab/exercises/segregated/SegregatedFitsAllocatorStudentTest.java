package dev.alloclab.exercises.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.check.ValidatingAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** An exemplary student test file for segregated fits: size classes, coalescing and every realloc path. */
class SegregatedFitsAllocatorStudentTest {
    private final HeapBytes heap = HeapBytes.withMax(1 << 14);
    private final SegregatedFitsAllocator allocator = new SegregatedFitsAllocator(heap);

    @Test
    void size_classes_double_from_16_bytes_and_the_last_class_takes_everything_bigger() {
        assertThat(SegregatedFitsAllocator.sizeClassOf(16)).isZero();
        assertThat(SegregatedFitsAllocator.sizeClassOf(31)).isZero();
        assertThat(SegregatedFitsAllocator.sizeClassOf(32)).isEqualTo(1);
        assertThat(SegregatedFitsAllocator.sizeClassOf(Integer.MAX_VALUE)).isEqualTo(SegregatedFitsAllocator.CLASSES - 1);
        assertThat(SegregatedFitsAllocator.blockSizeFor(1)).isEqualTo(SegregatedFitsAllocator.MIN_BLOCK);
        assertThat(SegregatedFitsAllocator.blockSizeFor(9)).isEqualTo(24);
    }

    @Test
    void a_block_from_a_bigger_class_is_split_and_its_rest_reused() {
        // GIVEN a free 208-byte block (alloc(200)) boxed in by a live one
        int big = allocator.alloc(200);
        allocator.alloc(8);
        allocator.dealloc(big);
        int grown = heap.size();
        // WHEN two small blocks are asked for
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        // THEN both come out of the big block and the heap does not grow
        assertThat(a).isEqualTo(big);
        assertThat(b).isEqualTo(big + 16);
        assertThat(heap.size()).isEqualTo(grown);
    }

    @Test
    void freeing_three_neighbours_in_any_order_leaves_one_free_block() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        int c = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        allocator.dealloc(c);
        allocator.dealloc(b);
        assertThat(allocator.regions()).filteredOn(r -> r.kind() == HeapRegion.Kind.FREE).hasSize(1);
        assertThat(allocator.alloc(40)).isEqualTo(a);
    }

    @Test
    void realloc_grows_into_a_free_right_neighbour_without_moving() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(40);
        allocator.alloc(8);
        allocator.dealloc(b);
        heap.writeInt(a, 1995);
        assertThat(allocator.realloc(a, 40)).isEqualTo(a);
        assertThat(heap.readInt(a)).isEqualTo(1995);
    }

    @Test
    void realloc_of_a_block_before_a_free_last_block_grows_the_heap_under_both() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        allocator.dealloc(b);
        assertThat(allocator.realloc(a, 200)).isEqualTo(a);
        assertThat(allocator.usableSize(a)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void shrinking_a_big_block_frees_its_tail_for_others() {
        int a = allocator.alloc(400);
        allocator.alloc(8);
        assertThat(allocator.realloc(a, 8)).isEqualTo(a);
        // the freed tail serves the next request without growing the heap
        int grown = heap.size();
        allocator.alloc(100);
        assertThat(heap.size()).isEqualTo(grown);
    }

    @Test
    void out_of_memory_in_alloc_and_realloc_is_null_and_keeps_the_block() {
        SegregatedFitsAllocator small = new SegregatedFitsAllocator(HeapBytes.withMax(64));
        int a = small.alloc(16);
        small.alloc(8);
        assertThat(small.alloc(100)).isEqualTo(Allocator.NULL);
        assertThat(small.realloc(a, 100)).isEqualTo(Allocator.NULL);
        assertThat(small.alloc(Integer.MAX_VALUE)).isEqualTo(Allocator.NULL);
        assertThat(small.realloc(a, Integer.MAX_VALUE)).isEqualTo(Allocator.NULL);
        assertThat(small.usableSize(a)).isEqualTo(16);
        SegregatedFitsAllocator full = new SegregatedFitsAllocator(HeapBytes.withMax(32));
        int last = full.alloc(8);
        assertThat(full.realloc(last, 100)).isEqualTo(Allocator.NULL);
        assertThat(new SegregatedFitsAllocator(HeapBytes.withMax(2)).alloc(1)).isEqualTo(Allocator.NULL);
    }

    /** Positive numbers allocate; odd negatives realloc, even ones free; the validator checks every call. */
    @Property(tries = 150)
    void any_program_with_realloc_keeps_the_malloc_lab_rules(
            @ForAll @Size(max = 60) List<@IntRange(min = -41, max = 900) Integer> ops) {
        ValidatingAllocator validated = ValidatingAllocator.wrap(new SegregatedFitsAllocator(HeapBytes.withMax(1 << 16)));
        List<Integer> live = new ArrayList<>();
        for (int op : ops) {
            if (op > 0) {
                int index = validated.alloc(op);
                if (index != Allocator.NULL) {
                    live.add(index);
                }
            } else if (!live.isEmpty()) {
                int n = -op % live.size();
                if (op % 2 != 0) {
                    int moved = validated.realloc(live.get(n), (-op * 53) % 900 + 1);
                    if (moved != Allocator.NULL) {
                        live.set(n, moved);
                    }
                } else {
                    validated.dealloc(live.remove(n));
                }
            }
        }
        validated.validator().checkLivePayloads();
    }
}
