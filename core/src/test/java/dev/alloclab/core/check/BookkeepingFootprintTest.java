package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BookkeepingFootprintTest {

    /** What the exercises allow: the managed heap and a fixed array of list heads. */
    static final class HeadsInFields {
        final HeapBytes heap;
        final int[] heads = new int[24];
        int end;

        HeadsInFields(HeapBytes heap) {
            this.heap = heap;
        }
    }

    /** What Malloc Lab forbids: a Java map of block sizes (no headers needed, utilization out of reach of the honest). */
    static final class SizesInAMap {
        final HeapBytes heap;
        final Map<Integer, Integer> sizes = new HashMap<>();

        SizesInAMap(HeapBytes heap) {
            this.heap = heap;
        }
    }

    static final class Node {
        Node next;
        int size;
    }

    static final class LinkedBookkeeping {
        Node first;
        BitSet used = new BitSet();
        List<int[]> pages = new ArrayList<>();
    }

    static final class StaticTable {
        static int[] table = new int[10_000];
    }

    static final class Pair {
        Pair other;
        long[] data = new long[100];
    }

    @Test
    void list_heads_in_fields_are_small_and_the_managed_heap_is_not_counted() {
        // GIVEN an allocator-like object over a heap whose backing bytes are 1 MiB
        HeapBytes heap = HeapBytes.withMax(1 << 20);
        heap.sbrk(1 << 20);
        HeadsInFields allocator = new HeadsInFields(heap);
        // WHEN measured THEN only the object and its 24 heads count
        long bytes = BookkeepingFootprint.of(allocator, heap, List.of(HeadsInFields.class), 1 << 20);
        assertThat(bytes).isBetween(16L + 24 * 4, 300L);
    }

    @Test
    void a_map_of_block_sizes_counts_per_entry_and_what_its_boxes_hold() {
        HeapBytes heap = HeapBytes.withMax(4096);
        SizesInAMap allocator = new SizesInAMap(heap);
        for (int i = 0; i < 1000; i++) {
            allocator.sizes.put(i * 16, 16);
        }
        assertThat(BookkeepingFootprint.of(allocator, heap, List.of(), 1 << 20)).isGreaterThanOrEqualTo(48_000);
    }

    @Test
    void linked_nodes_bit_sets_and_lists_of_arrays_are_followed() {
        LinkedBookkeeping bookkeeping = new LinkedBookkeeping();
        for (int i = 0; i < 500; i++) {
            Node node = new Node();
            node.next = bookkeeping.first;
            bookkeeping.first = node;
        }
        bookkeeping.used.set(80_000);
        bookkeeping.pages.add(new int[1000]);
        long bytes = BookkeepingFootprint.of(bookkeeping, null, List.of(), 1 << 20);
        assertThat(bytes).isGreaterThanOrEqualTo(500 * 32 + 80_000 / 8 + 4000);
    }

    @Test
    void static_fields_of_the_classes_given_count_and_objects_reached_twice_count_once() {
        assertThat(BookkeepingFootprint.of(new Object(), null, List.of(StaticTable.class), 1 << 20))
                .isGreaterThanOrEqualTo(40_000);
        Pair a = new Pair();
        Pair b = new Pair();
        a.other = b;
        b.other = a;
        long both = BookkeepingFootprint.of(a, null, List.of(), 1 << 20);
        assertThat(both).isBetween(2 * 800L, 2 * 900L);
    }

    /** A map subclass that lies about its size. */
    static final class QuietMap extends HashMap<Integer, Integer> {
        @Override
        public int size() {
            return 0;
        }
    }

    static final class HidesInLibraryTypes {
        final QuietMap sizes = new QuietMap();
        final java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(64 * 1024);
        final java.nio.IntBuffer ints = java.nio.IntBuffer.allocate(1000);
    }

    @Test
    void a_subclassed_map_that_lies_about_its_size_and_nio_buffers_still_count() {
        HidesInLibraryTypes hider = new HidesInLibraryTypes();
        for (int i = 0; i < 1000; i++) {
            hider.sizes.put(i, i);
        }
        long bytes = BookkeepingFootprint.of(hider, null, List.of(), 1 << 22);
        assertThat(bytes).isGreaterThanOrEqualTo(48_000 + 64 * 1024 + 4000);
    }

    @Test
    void the_walk_stops_once_past_the_limit() {
        SizesInAMap allocator = new SizesInAMap(HeapBytes.withMax(4096));
        for (int i = 0; i < 100_000; i++) {
            allocator.sizes.put(i, i);
        }
        long bytes = BookkeepingFootprint.of(allocator, allocator.heap, List.of(), 10_000);
        assertThat(bytes).isGreaterThan(10_000);
    }

    @Property(tries = 100)
    void arrays_count_at_least_their_elements(@ForAll @Size(max = 20) List<@IntRange(max = 5000) Integer> lengths) {
        List<Object> arrays = new ArrayList<>();
        long expected = 0;
        for (int length : lengths) {
            arrays.add(new long[length]);
            expected += 8L * length;
        }
        assertThat(BookkeepingFootprint.of(arrays, null, List.of(), Long.MAX_VALUE)).isGreaterThanOrEqualTo(expected);
    }
}
