package dev.alloclab.exercises.implicitlist;

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

/** An exemplary student test file for the implicit free list. */
class ImplicitFreeListAllocatorStudentTest {
    private final HeapBytes heap = HeapBytes.withMax(1 << 12);
    private final ImplicitFreeListAllocator allocator = new ImplicitFreeListAllocator(heap);

    @Test
    void a_tag_packs_the_size_and_the_allocated_bit_and_unpacks_them_again() {
        int tag = ImplicitFreeListAllocator.pack(48, true);
        assertThat(ImplicitFreeListAllocator.blockSize(tag)).isEqualTo(48);
        assertThat(ImplicitFreeListAllocator.isAllocated(tag)).isTrue();
        assertThat(ImplicitFreeListAllocator.isAllocated(ImplicitFreeListAllocator.pack(48, false))).isFalse();
    }

    @Test
    void a_free_block_too_small_to_split_is_handed_out_whole() {
        // GIVEN a free 24-byte block (from alloc(16)) followed by a live one
        int a = allocator.alloc(16);
        allocator.alloc(8);
        allocator.dealloc(a);
        // WHEN 8 bytes (a 16-byte block) are asked for: the 8 left over could not hold a block
        int x = allocator.alloc(8);
        // THEN the whole 24-byte block is used
        assertThat(x).isEqualTo(a);
        assertThat(allocator.usableSize(x)).isEqualTo(16);
    }

    @Test
    void freeing_a_block_before_a_free_right_neighbour_merges_them() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(b);
        allocator.dealloc(a);
        // a (16) and b (16) are one free 32-byte block now
        assertThat(allocator.alloc(24)).isEqualTo(a);
    }

    @Test
    void the_picture_has_the_padding_word_then_header_payload_footer_per_block() {
        int a = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        assertThat(allocator.regions()).extracting(HeapRegion::kind).containsExactly(
                HeapRegion.Kind.PADDING,
                HeapRegion.Kind.HEADER, HeapRegion.Kind.FREE, HeapRegion.Kind.HEADER,
                HeapRegion.Kind.HEADER, HeapRegion.Kind.LIVE, HeapRegion.Kind.HEADER);
    }

    @Test
    void an_empty_heap_draws_nothing_and_null_frees_nothing() {
        assertThat(allocator.regions()).isEmpty();
        allocator.dealloc(Allocator.NULL);
        assertThat(heap.size()).isZero();
    }

    @Test
    void a_request_too_big_for_any_int_block_is_null() {
        assertThat(allocator.alloc(Integer.MAX_VALUE)).isEqualTo(Allocator.NULL);
    }

    /** Positive numbers allocate, the others free a live block; the validator checks every call. */
    @Property(tries = 100)
    void any_program_keeps_the_malloc_lab_rules(@ForAll @Size(max = 50) List<@IntRange(min = -20, max = 600) Integer> ops) {
        Allocator validated = ValidatingAllocator.wrap(new ImplicitFreeListAllocator(HeapBytes.withMax(1 << 14)));
        List<Integer> live = new ArrayList<>();
        for (int op : ops) {
            if (op > 0) {
                int index = validated.alloc(op);
                if (index != Allocator.NULL) {
                    live.add(index);
                }
            } else if (!live.isEmpty()) {
                validated.dealloc(live.remove(-op % live.size()));
            }
        }
        ((ValidatingAllocator) validated).validator().checkLivePayloads();
    }
}
