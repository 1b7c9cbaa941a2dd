package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.HeapRegion.Kind;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference allocator on hand-worked cases: layout, growth, header words, mistakes. */
class ReferenceAllocatorTest {

    @Test
    void the_first_payload_follows_an_8_byte_header_at_the_start_of_the_heap() {
        // GIVEN an empty heap
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(heap);
        // WHEN 5 bytes are allocated
        int payload = allocator.alloc(5);
        // THEN the block is 8 (header) + 8 (5 rounded up) bytes, and the heap grew by exactly that
        assertThat(payload).isEqualTo(8);
        assertThat(heap.size()).isEqualTo(16);
        assertThat(allocator.usableSize(payload)).isEqualTo(8);
        // AND the header word holds the block size with the allocated bit
        long header = heap.readLong(0);
        assertThat(header).isEqualTo(16 | 1);
        assertThat(ReferenceAllocator.blockSize(header)).isEqualTo(16);
        assertThat(ReferenceAllocator.isAllocated(header)).isTrue();
    }

    @Test
    void with_coalescing_in_address_order_the_heap_grows_by_exactly_what_the_free_tail_lacks() {
        // GIVEN blocks [0,16) and [16,40), the second freed, so the heap ends with 24 free bytes
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(heap);
        allocator.alloc(8);
        allocator.dealloc(allocator.alloc(16));
        assertThat(heap.size()).isEqualTo(40);
        // WHEN a 40-byte block (32 + header) is needed
        int payload = allocator.alloc(32);
        // THEN the heap grew by 16 and the block starts where the free tail started
        assertThat(heap.size()).isEqualTo(56);
        assertThat(payload).isEqualTo(24);
        assertThat(allocator.freeList()).isEmpty();
    }

    @Test
    void without_address_order_the_heap_grows_by_the_whole_block() {
        // GIVEN the same heap ending with 24 free bytes, but a LIFO list
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.builder(heap).order(ListOrder.INSERT_FRONT).build();
        allocator.alloc(8);
        allocator.dealloc(allocator.alloc(16));
        // WHEN a 40-byte block is needed
        int payload = allocator.alloc(32);
        // THEN the heap grew by 40; the new bytes went to the list head, before the free tail
        // [16,40) they touch, so they were not merged with it and the new block starts at 40
        assertThat(heap.size()).isEqualTo(80);
        assertThat(payload).isEqualTo(48);
        assertThat(allocator.freeList()).containsExactly(new FreeChunk(16, 24));
    }

    @Test
    void freeing_writes_the_cleared_bit_and_merged_sizes_into_the_header_words() {
        // GIVEN three 16-byte blocks
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(heap);
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        int c = allocator.alloc(8);
        // WHEN the first and then the second are freed
        allocator.dealloc(a);
        assertThat(heap.readLong(0)).isEqualTo(16);
        allocator.dealloc(b);
        // THEN the first header now describes the merged 32-byte free block
        assertThat(heap.readLong(0)).isEqualTo(32);
        assertThat(heap.readLong(32)).isEqualTo(16 | 1);
        assertThat(c).isEqualTo(40);
    }

    @Test
    void without_coalescing_a_freed_header_keeps_its_size() {
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.builder(heap).coalescing(false).build();
        int a = allocator.alloc(8);
        allocator.alloc(8);
        allocator.dealloc(a);
        assertThat(heap.readLong(0)).isEqualTo(16);
        assertThat(allocator.toString()).isEqualTo("ReferenceAllocator[first-fit, address order, coalescing off]");
    }

    @Test
    void a_split_writes_the_header_of_the_remainder() {
        // GIVEN a free 48-byte block at the start of the heap
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(heap);
        int big = allocator.alloc(40);
        allocator.alloc(8);
        allocator.dealloc(big);
        // WHEN 8 bytes are taken from it
        assertThat(allocator.alloc(8)).isEqualTo(8);
        // THEN the 32-byte remainder at 16 has a free header
        assertThat(heap.readLong(16)).isEqualTo(32);
    }

    @Test
    void regions_show_headers_payloads_padding_and_free_space_in_address_order() {
        // GIVEN a freed 5-byte block followed by a live 20-byte block
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(1024));
        int a = allocator.alloc(5);
        allocator.alloc(20);
        allocator.dealloc(a);
        // THEN the picture is header, free, header, live, padding
        assertThat(allocator.regions()).containsExactly(
                new HeapRegion(0, 8, Kind.HEADER), new HeapRegion(8, 16, Kind.FREE),
                new HeapRegion(16, 24, Kind.HEADER), new HeapRegion(24, 44, Kind.LIVE),
                new HeapRegion(44, 48, Kind.PADDING));
    }

    @Test
    void an_exact_request_has_no_padding_region() {
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(1024));
        allocator.alloc(8);
        assertThat(allocator.regions()).containsExactly(new HeapRegion(0, 8, Kind.HEADER), new HeapRegion(8, 16, Kind.LIVE));
    }

    @Test
    void a_heap_that_already_holds_bytes_is_aligned_before_the_first_block() {
        // GIVEN a heap whose break is at 3
        HeapBytes heap = HeapBytes.withMax(1024);
        heap.sbrk(3);
        // WHEN an allocator starts on it
        ReferenceAllocator allocator = ReferenceAllocator.bestFit(heap);
        // THEN its first block starts at 8 and the payload at 16
        assertThat(allocator.alloc(1)).isEqualTo(16);
    }

    @Test
    void a_heap_without_room_to_align_is_refused() {
        HeapBytes heap = HeapBytes.withMax(4);
        heap.sbrk(3);
        assertThatThrownBy(() -> ReferenceAllocator.firstFit(heap)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no room to align");
    }

    @Test
    void a_negative_size_is_refused_with_a_sentence() {
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(1024));
        assertThatThrownBy(() -> allocator.alloc(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alloc(-3): size must be >= 0 bytes. A negative size usually means a length"
                        + " calculation went below zero.");
    }

    @Test
    void a_size_of_zero_and_sizes_the_heap_cannot_hold_return_null_and_leave_the_heap_alone() {
        // GIVEN a heap of at most 1024 bytes with one block in it
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.worstFit(heap);
        allocator.alloc(8);
        // WHEN sizes of 0, 1017 (a 1032-byte block) and Integer.MAX_VALUE are asked for
        // THEN each returns NULL and the heap did not grow
        assertThat(allocator.alloc(0)).isEqualTo(Allocator.NULL);
        assertThat(allocator.alloc(1017)).isEqualTo(Allocator.NULL);
        assertThat(allocator.alloc(Integer.MAX_VALUE)).isEqualTo(Allocator.NULL);
        assertThat(heap.size()).isEqualTo(16);
        // AND the largest block that still fits is served
        assertThat(allocator.alloc(1000)).isEqualTo(24);
        assertThat(heap.size()).isEqualTo(1024);
    }

    @Test
    void dealloc_of_null_does_nothing() {
        ReferenceAllocator allocator = ReferenceAllocator.nextFit(HeapBytes.withMax(1024));
        int a = allocator.alloc(8);
        allocator.dealloc(Allocator.NULL);
        assertThat(allocator.usableSize(a)).isEqualTo(8);
        assertThat(allocator.freeList()).isEmpty();
    }

    @Test
    void a_double_free_is_stopped_with_a_message_that_points_to_the_checked_heap() {
        // GIVEN a block that was already freed, next to a live one
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(1024));
        int a = allocator.alloc(8);
        int b = allocator.alloc(8);
        allocator.dealloc(a);
        List<FreeChunk> before = allocator.freeList();
        // WHEN it is freed again
        // THEN the message says what went wrong, why this allocator cannot say more, and what to do
        assertThatThrownBy(() -> allocator.dealloc(a)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(8): index 8 is not the payload of a live block of this first-fit allocator.")
                .hasMessageContaining("double free")
                .hasMessageContaining("checked heap");
        // AND nothing changed
        assertThat(allocator.freeList()).isEqualTo(before);
        assertThat(allocator.usableSize(b)).isEqualTo(8);
    }

    @Test
    void an_index_inside_a_block_cannot_be_freed_or_measured() {
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(HeapBytes.withMax(1024));
        int a = allocator.alloc(32);
        assertThatThrownBy(() -> allocator.dealloc(a + 8)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(16): index 16 is not the payload");
        assertThatThrownBy(() -> allocator.usableSize(a + 8)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("usableSize(16): index 16 is not the payload");
    }

    @Test
    void realloc_keeps_the_prefix_of_the_old_payload() {
        // GIVEN an 8-byte payload holding a long, with a neighbour after it
        HeapBytes heap = HeapBytes.withMax(1024);
        ReferenceAllocator allocator = ReferenceAllocator.firstFit(heap);
        int a = allocator.alloc(8);
        allocator.alloc(8);
        heap.writeLong(a, 0x1122334455667788L);
        // WHEN it grows to 64 bytes
        int moved = allocator.realloc(a, 64);
        // THEN the new payload starts with the old bytes
        assertThat(moved).isNotEqualTo(a);
        assertThat(heap.readLong(moved)).isEqualTo(0x1122334455667788L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"first-fit, FIRST", "best-fit, BEST", "worst-fit, WORST", "next-fit, NEXT"})
    void the_registry_names_each_policy_with_address_order_and_coalescing(String name, FitPolicy policy) {
        // WHEN the registry creates the allocator by name
        Allocator allocator = Allocators.create(name, HeapBytes.withMax(1024));
        // THEN it is the reference allocator with that policy, address order and coalescing
        assertThat(allocator).isInstanceOf(ReferenceAllocator.class);
        ReferenceAllocator reference = (ReferenceAllocator) allocator;
        assertThat(reference.config().policy()).isEqualTo(policy);
        assertThat(reference.config().order()).isEqualTo(ListOrder.ADDRESS);
        assertThat(reference.config().coalescing()).isTrue();
        assertThat(reference.name()).isEqualTo(name);
        assertThat(Allocators.named(name).name()).isEqualTo(name);
        assertThat(Allocators.named(name).description()).contains(policy.kitName() + " fit");
    }
}
