package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestBumpAllocator;
import org.junit.jupiter.api.Test;

/** The default parts of the contract (realloc, regions) and the plain heap, on a tiny bump allocator that never reuses. */
class AllocatorContractTest {

    @Test
    void default_realloc_moves_the_payload_and_keeps_the_prefix() {
        // GIVEN a 16-byte block holding 1..16
        TestBumpAllocator allocator = new TestBumpAllocator(HeapBytes.withMax(256));
        int old = allocator.alloc(16);
        for (int i = 0; i < 16; i++) {
            allocator.heap().writeByte(old + i, i + 1);
        }
        // WHEN it grows to 40 bytes
        int moved = allocator.realloc(old, 40);
        // THEN the new block holds the old 16 bytes and the old block is given back
        assertThat(moved).isNotEqualTo(old);
        assertThat(allocator.heap().readBytes(moved, 16))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(allocator.live()).containsOnlyKeys(moved);
    }

    @Test
    void default_realloc_follows_the_null_and_zero_rules() {
        TestBumpAllocator allocator = new TestBumpAllocator(HeapBytes.withMax(64));
        int fromNull = allocator.realloc(Allocator.NULL, 8);
        assertThat(fromNull).isZero();
        assertThat(allocator.realloc(fromNull, 0)).isEqualTo(Allocator.NULL);
        assertThat(allocator.live()).isEmpty();
        int block = allocator.alloc(8);
        assertThat(allocator.realloc(block, 4096)).as("no room to grow").isEqualTo(Allocator.NULL);
        assertThat(allocator.live()).containsKey(block);
        assertThatThrownBy(() -> allocator.realloc(block, -3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("realloc(" + block + ", -3): size must be >= 0 bytes.");
        assertThat(allocator.regions()).isEmpty();
    }

    @Test
    void request_checks_teach_about_negative_and_huge_sizes() {
        assertThat(AllocationRequests.checkSize("alloc", 24)).isEqualTo(24);
        assertThatThrownBy(() -> AllocationRequests.checkSize("alloc", -3))
                .hasMessage("alloc(-3): size must be >= 0 bytes. A negative size usually means a length "
                        + "calculation went below zero.");
        assertThatThrownBy(() -> AllocationRequests.checkSize("alloc", 1L << 40))
                .hasMessageContaining("at most 2147483647 bytes");
    }

    @Test
    void the_plain_heap_reads_and_writes_straight_through_to_heap_bytes() {
        TestBumpAllocator allocator = new TestBumpAllocator(HeapBytes.withMax(64));
        Heap heap = PlainHeap.over(allocator);
        int a = heap.alloc(24);
        heap.writeInt(a, 1995);
        heap.writeLong(a + 8, 7L);
        heap.writeByte(a + 16, 3);
        heap.copy(a, a + 20, 4);
        assertThat(heap.readInt(a + 20)).isEqualTo(1995);
        assertThat(allocator.heap().readInt(a)).isEqualTo(1995);
        assertThat(heap.readLong(a + 8)).isEqualTo(7L);
        assertThat(heap.readByte(a + 16)).isEqualTo((byte) 3);
        assertThat(heap.allocator()).isSameAs(allocator);
        // a freed block can still be read: the plain heap has no safety net
        heap.dealloc(a);
        assertThat(heap.readInt(a)).isEqualTo(1995);
        int b = heap.realloc(Allocator.NULL, 8);
        assertThat(b).isEqualTo(24);
    }

    @Test
    void heap_regions_describe_a_range_and_refuse_nonsense() {
        HeapRegion region = new HeapRegion(8, 32, HeapRegion.Kind.LIVE);
        assertThat(region.length()).isEqualTo(24);
        assertThat(region).hasToString("live [8, 32)");
        assertThat(HeapRegion.Kind.QUARANTINED.symbol()).isEqualTo('f');
        assertThatThrownBy(() -> new HeapRegion(8, 4, HeapRegion.Kind.FREE)).hasMessageContaining("0 <= from <= to");
        assertThatThrownBy(() -> new HeapRegion(0, 4, null)).hasMessageContaining("kind must not be null");
    }

    @Test
    void an_unknown_allocator_name_lists_the_known_ones() {
        assertThatThrownBy(() -> Allocators.named("no-such-allocator"))
                .isInstanceOf(KitException.class)
                .hasMessageStartingWith("no allocator is called 'no-such-allocator'. Known allocators: ")
                .hasMessageContaining("alloclab list");
        assertThat(Allocators.all().keySet())
                .isEqualTo(Allocators.load(AllocatorContractTest.class.getClassLoader()).keySet());
    }
}
