package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Realloc with {@code reallocAlwaysMoves(false)}, what trace replays use: in place when the block
 * has room or the allocator keeps it, and still every byte checked. The reference first fit
 * rounds requests to 8 (alloc(20) has 24 usable bytes) and its realloc always moves; the
 * {@code segregated} allocator grows a block at the heap's end where it is.
 */
class CheckedHeapReallocInPlaceTest {

    private static CheckedHeap inPlace(Allocator allocator) {
        return CheckedHeap.builder(allocator).reallocAlwaysMoves(false).build();
    }

    @Test
    void a_realloc_that_fits_the_usable_size_keeps_the_index_and_moves_the_payload_end() {
        // GIVEN alloc(20): 24 usable bytes, [20, 24) padding
        CheckedHeap heap = inPlace(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        int block = heap.alloc(20);
        heap.writeInt(block, 42);
        // WHEN it grows to 24, then shrinks to 8
        assertThat(heap.realloc(block, 24)).isEqualTo(block);
        heap.writeInt(block + 20, 7);
        assertThat(heap.realloc(block, 8)).isEqualTo(block);
        // THEN the prefix is kept, nothing went to quarantine, and the bytes past the new end are padding
        assertThat(heap.readInt(block)).isEqualTo(42);
        assertThat(heap.quarantinedBytes()).isZero();
        Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 8)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
        assertThat(heap.liveBlocks()).singleElement().satisfies(b -> {
            assertThat(b.requestedSize()).isEqualTo(8);
            assertThat(b.allocatedBy()).isEqualTo("realloc(" + block + ", 8)");
        });
    }

    @Test
    void a_block_the_allocator_grows_where_it_is_keeps_its_index_and_its_tag() {
        // GIVEN the last block of a segregated heap, with a tagged index
        CheckedHeap heap = CheckedHeap.builder(Allocators.create("segregated", HeapBytes.withMax(1 << 20)))
                .reallocAlwaysMoves(false).taggedIndexes(true).build();
        int block = heap.alloc(5000);
        heap.writeLong(block, 0x0102030405060708L);
        // WHEN it grows far past its usable size
        int grown = heap.realloc(block, 20000);
        // THEN the allocator kept it at the heap's end: same index, the new bytes usable, the old ones kept
        assertThat(grown).isEqualTo(block);
        heap.writeByte(grown + 19999, 1);
        assertThat(heap.readLong(grown)).isEqualTo(0x0102030405060708L);
        assertThat(heap.quarantinedBytes()).isZero();
        assertThrows(ViolationException.class, () -> heap.readByte(grown + 20000));
    }

    @ParameterizedTest(name = "deferred shadow: {0}")
    @ValueSource(booleans = {true, false})
    void an_allocator_that_grows_a_block_in_place_over_a_live_one_is_refused_with_a_sentence(boolean deferShadow) {
        // GIVEN an allocator whose realloc always answers "kept where it was", and two blocks side by side
        Allocator growsOverNeighbours = new BumpForTests(HeapBytes.withMax(4096)) {
            @Override
            public int realloc(int index, int size) {
                return index;
            }
        };
        CheckedHeap heap = CheckedHeap.builder(growsOverNeighbours).reallocAlwaysMoves(false)
                .deferShadow(deferShadow).build();
        int first = heap.alloc(8);
        int second = heap.alloc(40);
        // WHEN the first grows into the second's bytes (a start two granules in: [8, 48) holds it)
        // THEN the checked heap refuses the allocator's answer and says which block it overlapped
        assertThat(second).isEqualTo(first + 8);
        assertThatThrownBy(() -> heap.realloc(first, 24)).isInstanceOf(KitException.class)
                .hasMessageContaining("the allocator broke its contract")
                .hasMessageContaining("grew the block in place to [" + first + ", " + (first + 24) + ")");
    }

    @Test
    void a_block_the_allocator_moves_is_not_quarantined_but_its_stale_index_is_still_reported() {
        // GIVEN a block the reference first fit must move to grow
        CheckedHeap heap = inPlace(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        int old = heap.alloc(8);
        heap.writeLong(old, 0x1122334455667788L);
        int neighbour = heap.alloc(8);
        // WHEN it grows
        int moved = heap.realloc(old, 64);
        // THEN the prefix moved with it; the old bytes went straight back to the allocator
        assertThat(moved).isNotEqualTo(old);
        assertThat(heap.readLong(moved)).isEqualTo(0x1122334455667788L);
        assertThat(heap.quarantinedBytes()).isZero();
        // AND a stale index to the old block is a use-after-free naming the realloc
        Violation v = assertThrows(ViolationException.class, () -> heap.readLong(old)).violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
        assertThat(v.block().freedBy()).isEqualTo("realloc(" + old + ", 64)");
        heap.dealloc(neighbour);
        heap.dealloc(moved);
        assertThat(heap.leaks()).isEmpty();
    }

    @Test
    void the_summary_counts_a_realloc_as_one_allocation_and_one_free_in_either_mode() {
        for (boolean alwaysMoves : new boolean[] {true, false}) {
            // GIVEN the same program on a heap that moves every realloc and on one that does not
            CheckedHeap heap = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                    .reallocAlwaysMoves(alwaysMoves).build();
            int block = heap.alloc(20);
            block = heap.realloc(block, 22);
            block = heap.realloc(block, 100);
            // THEN both summaries read the same
            LeakReport report = heap.leakReport();
            assertThat(report.allocations()).as("allocations, alwaysMoves=%s", alwaysMoves).isEqualTo(3);
            assertThat(report.frees()).as("frees, alwaysMoves=%s", alwaysMoves).isEqualTo(2);
            assertThat(report.bytesAllocated()).isEqualTo(142);
            assertThat(report.bytesInUse()).isEqualTo(100);
            heap.dealloc(block);
        }
    }

    @Test
    void sizing_hints_change_nothing_a_program_sees() {
        // GIVEN a heap told to expect a large heap and many blocks, and one told nothing
        for (CheckedHeap heap : new CheckedHeap[] {
            CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096))).build(),
            CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                    .expectedHeapBytes(1 << 20).expectedBlocks(100).build()}) {
            // WHEN the program reads past a block's end
            int block = heap.alloc(20);
            Violation v = assertThrows(ViolationException.class, () -> heap.readInt(block + 24)).violation();
            // THEN the report is the same: the heap's size is its real size, not the hint
            assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
            assertThat(v.report()).contains("heap index " + (block + 24));
            assertThat(heap.regions()).last().satisfies(r -> assertThat(r.to()).isEqualTo(
                    heap.allocator().heap().size()));
        }
    }
}
