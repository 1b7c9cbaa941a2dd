package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.HeapRegion.Kind;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;

/**
 * The implicit list on hand-worked cases. With an empty heap the pad is [0,4), the prologue
 * [4,12), the first block header at 12 (payload 16) and the epilogue in the heap's last word.
 */
class ImplicitListAllocatorTest {
    private final HeapBytes heap = HeapBytes.withMax(1024);
    private final ImplicitListAllocator allocator = new ImplicitListAllocator(heap);

    @Test
    void a_new_allocator_holds_only_the_pad_the_prologue_and_the_epilogue() {
        assertThat(heap.size()).isEqualTo(16);
        assertThat(heap.readInt(4)).isEqualTo(8 | 1);
        assertThat(heap.readInt(8)).isEqualTo(8 | 1);
        assertThat(heap.readInt(12)).isEqualTo(1);
        assertThat(allocator.regions()).containsExactly(new HeapRegion(0, 12, Kind.HEADER), new HeapRegion(12, 16, Kind.HEADER));
        assertThat(allocator.heapProblems()).isEmpty();
    }

    @Test
    void a_block_is_the_request_plus_header_and_footer_rounded_up_to_8() {
        // WHEN 1 and then 24 bytes are allocated
        int a = allocator.alloc(1);
        int b = allocator.alloc(24);
        // THEN the blocks are 16 (the minimum) and 32 bytes, payloads 8-aligned after 4-byte headers
        assertThat(a).isEqualTo(16);
        assertThat(b).isEqualTo(32);
        assertThat(heap.readInt(12)).isEqualTo(16 | 1);
        assertThat(heap.readInt(24)).isEqualTo(16 | 1);
        assertThat(heap.readInt(28)).isEqualTo(32 | 1);
        assertThat(heap.readInt(56)).isEqualTo(32 | 1);
        assertThat(heap.size()).isEqualTo(64);
        assertThat(heap.readInt(60)).isEqualTo(1);
        assertThat(allocator.usableSize(a)).isEqualTo(8);
        assertThat(allocator.usableSize(b)).isEqualTo(24);
        assertThat(ImplicitListAllocator.blockSize(heap.readInt(28))).isEqualTo(32);
        assertThat(ImplicitListAllocator.isAllocated(heap.readInt(28))).isTrue();
    }

    @Test
    void freeing_merges_with_a_free_next_block_then_with_a_free_previous_block() {
        // GIVEN four 16-byte blocks at 12, 28, 44, 60
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        int c = allocator.alloc(8);
        allocator.alloc(8);
        // WHEN b is freed THEN both neighbours are allocated and it stays 16 bytes
        allocator.dealloc(b);
        assertThat(heap.readInt(28)).isEqualTo(16);
        // WHEN a is freed THEN it absorbs b, the free block after it
        allocator.dealloc(a);
        assertThat(heap.readInt(12)).isEqualTo(32);
        assertThat(heap.readInt(40)).isEqualTo(32);
        // WHEN c is freed THEN the free block before it absorbs it
        allocator.dealloc(c);
        assertThat(heap.readInt(12)).isEqualTo(48);
        assertThat(heap.readInt(56)).isEqualTo(48);
        assertThat(allocator.heapProblems()).isEmpty();
    }

    @Test
    void freeing_between_two_free_blocks_merges_all_three() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        int c = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        allocator.dealloc(c);
        allocator.dealloc(b);
        assertThat(heap.readInt(12)).isEqualTo(48);
        assertThat(allocator.regions()).contains(new HeapRegion(16, 56, Kind.FREE));
    }

    @Test
    void a_block_too_small_to_split_is_handed_out_whole() {
        // GIVEN a free 32-byte block
        int big = allocator.alloc(24);
        allocator.alloc(8);
        allocator.dealloc(big);
        // WHEN 16 bytes (a 24-byte block) are asked for THEN the 8 spare bytes cannot form a block
        assertThat(allocator.alloc(16)).isEqualTo(big);
        assertThat(allocator.usableSize(big)).isEqualTo(24);
        // AND a 16-byte request from a 48-byte block leaves a 24-byte free block
        ImplicitListAllocator other = new ImplicitListAllocator(HeapBytes.withMax(1024));
        int wide = other.alloc(40);
        other.alloc(8);
        other.dealloc(wide);
        assertThat(other.alloc(16)).isEqualTo(wide);
        assertThat(other.heap().readInt(12 + 24)).isEqualTo(24);
    }

    @Test
    void the_heap_grows_by_what_a_free_last_block_lacks() {
        // GIVEN blocks [12,28) live and [28,44) free at the end of a 48-byte heap
        allocator.alloc(8);
        allocator.dealloc(allocator.alloc(8));
        assertThat(heap.size()).isEqualTo(48);
        // WHEN a 32-byte block is needed
        int payload = allocator.alloc(24);
        // THEN the heap grew by 16 and the block starts where the free one did
        assertThat(heap.size()).isEqualTo(64);
        assertThat(payload).isEqualTo(32);
        assertThat(allocator.heapProblems()).isEmpty();
    }

    @Test
    void an_overflow_into_the_footer_is_found_by_the_heap_checker() {
        // GIVEN an 8-byte payload whose program writes one int past its end
        int a = allocator.alloc(8);
        allocator.alloc(8);
        heap.writeInt(a + 8, 0);
        // THEN the checker names the block whose footer no longer matches
        assertThat(allocator.heapProblems()).containsExactly("block [12, 28): footer 0 differs from header 17");
        // AND dealloc refuses the damaged block
        assertThatThrownBy(() -> allocator.dealloc(a)).isInstanceOf(KitException.class)
                .hasMessageContaining("does not describe an allocated block with a matching footer");
    }

    @Test
    void the_heap_checker_finds_adjacent_free_blocks_a_bad_prologue_and_a_lost_epilogue() {
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        allocator.alloc(8);
        // a and b marked free without coalescing, as a buggy dealloc would leave them
        heap.writeInt(a - 4, 16);
        heap.writeInt(a + 8, 16);
        heap.writeInt(b - 4, 16);
        heap.writeInt(b + 8, 16);
        heap.writeInt(4, 0);
        heap.writeInt(heap.size() - 4, 0);
        assertThat(allocator.heapProblems()).containsExactly(
                "prologue at 4 is not an allocated 8-byte block",
                "block [28, 44): free and next to another free block (coalescing missed them)",
                "the block walk ended at 60, not at an allocated size-0 epilogue at 60");
    }

    @Test
    void the_heap_checker_stops_at_a_size_that_cannot_be_a_block() {
        int a = allocator.alloc(8);
        heap.writeInt(a - 4, 8 | 1);
        assertThat(allocator.heapProblems()).containsExactly("block [12, 20): size 8 is below 16 or runs past the epilogue");
    }

    @Test
    void a_double_free_and_indexes_that_are_no_payload_are_refused_with_a_sentence() {
        int a = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        assertThatThrownBy(() -> allocator.dealloc(a)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(16): index 16 is not the payload of a live block of the implicit list:"
                        + " the header word before it, at 12, says the block is free.")
                .hasMessageContaining("checked heap");
        assertThatThrownBy(() -> allocator.dealloc(20)).hasMessageContaining("not an 8-aligned index");
        assertThatThrownBy(() -> allocator.dealloc(8)).hasMessageContaining("not an 8-aligned index inside this allocator's blocks [16, 44)");
        assertThatThrownBy(() -> allocator.usableSize(400)).isInstanceOf(KitException.class);
    }

    @Test
    void bad_sizes_and_null_follow_the_contract() {
        allocator.dealloc(Allocator.NULL);
        assertThat(allocator.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(allocator.alloc(Integer.MAX_VALUE)).isEqualTo(Allocator.NULL);
        assertThat(allocator.alloc(1017)).isEqualTo(Allocator.NULL);
        assertThat(heap.size()).isEqualTo(16);
        assertThatThrownBy(() -> allocator.alloc(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("alloc(-1): size must be >= 0 bytes.");
        assertThat(allocator.alloc(1000)).isEqualTo(16);
    }

    @Test
    void a_heap_too_small_for_the_prologue_is_refused() {
        assertThatThrownBy(() -> new ImplicitListAllocator(HeapBytes.withMax(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 free bytes");
    }

    @Test
    void a_heap_that_already_holds_bytes_is_padded_to_8_first() {
        HeapBytes used = HeapBytes.withMax(1024);
        used.sbrk(3);
        ImplicitListAllocator late = new ImplicitListAllocator(used);
        assertThat(late.alloc(8)).isEqualTo(24);
        assertThat(late.heapProblems()).isEmpty();
        assertThat(late.toString()).startsWith("ImplicitListAllocator[first fit");
    }

    @Test
    void the_registry_calls_it_implicit() {
        assertThat(Allocators.create("implicit", HeapBytes.withMax(1024))).isInstanceOf(ImplicitListAllocator.class);
        assertThat(Allocators.named("implicit").description()).contains("implicit free list");
    }
}
