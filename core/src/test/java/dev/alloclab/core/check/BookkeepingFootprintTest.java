package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.math.RoundingMode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntUnaryOperator;
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

    private static Map<Integer, Integer> sizesOf(int blocks) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < blocks; i++) {
            sizes.put(i * 16, 16);
        }
        return sizes;
    }

    /** Block sizes in maps, each behind a JDK object that holds references (QA session 18, hostile 3). */
    static final class MapsInHolders {
        final AtomicReference<Map<Integer, Integer>> atomic = new AtomicReference<>(sizesOf(1000));
        final Optional<Map<Integer, Integer>> optional = Optional.of(sizesOf(1000));
        final WeakReference<Map<Integer, Integer>> weak;
        final ThreadLocal<Map<Integer, Integer>> local = ThreadLocal.withInitial(() -> sizesOf(1000));
        final AtomicReferenceArray<Map<Integer, Integer>> array = new AtomicReferenceArray<>(1);
        final Map.Entry<String, Map<Integer, Integer>> entry = new AbstractMap.SimpleEntry<>("sizes", sizesOf(1000));
        final IntUnaryOperator sizeOf;
        final Map<Integer, Integer> strongForWeak = sizesOf(1);

        MapsInHolders() {
            weak = new WeakReference<>(strongForWeak);
            array.set(0, sizesOf(1000));
            Map<Integer, Integer> captured = sizesOf(1000);
            sizeOf = captured::get;
        }
    }

    @Test
    void maps_behind_atomic_references_optionals_thread_locals_entries_and_lambdas_count_per_entry() {
        // GIVEN maps of 1000 block sizes, each held only through one JDK holder or a lambda
        MapsInHolders holders = new MapsInHolders();
        // WHEN measured THEN every one of the six maps of 1000 entries counts (48 bytes an entry at least)
        assertThat(BookkeepingFootprint.of(holders, null, List.of(), Long.MAX_VALUE)).isGreaterThanOrEqualTo(6 * 48_000);
        // AND each holder alone counts its map
        for (Object holder : List.of(holders.atomic, holders.optional, holders.local, holders.array, holders.entry,
                holders.sizeOf)) {
            assertThat(BookkeepingFootprint.of(List.of(holder), null, List.of(), Long.MAX_VALUE)).as("%s", holder)
                    .isGreaterThanOrEqualTo(48_000);
        }
    }

    /** An allocator that is itself an AtomicReference to its map of sizes. */
    static final class IsAnAtomicReference extends AtomicReference<Map<Integer, Integer>> {
        int top;

        IsAnAtomicReference() {
            super(sizesOf(1000));
        }
    }

    /** A weak reference whose get() says it holds nothing, and a TreeMap subclass whose size() lies. */
    static final class LyingReference extends WeakReference<Map<Integer, Integer>> {
        final Map<Integer, Integer> strong;

        LyingReference(Map<Integer, Integer> sizes) {
            super(sizes);
            strong = null;
        }

        @Override
        public Map<Integer, Integer> get() {
            return null;
        }
    }

    static class QuietTreeMap extends TreeMap<Integer, Integer> {
        @Override
        public int size() {
            return 0;
        }
    }

    /** An intermediate class that overrides size() too: the JDK's own size() is still the one called. */
    static final class QuieterTreeMap extends QuietTreeMap {
    }

    @Test
    void a_class_that_extends_a_jdk_holder_counts_what_the_jdk_part_holds_whatever_its_overrides_say() {
        // GIVEN an allocator class extending AtomicReference<Map>, a WeakReference whose get() returns null (its map
        // kept alive by the test), and a TreeMap two levels below a size() that returns 0
        Map<Integer, Integer> kept = sizesOf(1000);
        QuieterTreeMap quiet = new QuieterTreeMap();
        quiet.putAll(sizesOf(1000));
        // WHEN measured THEN each counts its 1000 entries
        assertThat(BookkeepingFootprint.of(new IsAnAtomicReference(), null, List.of(), Long.MAX_VALUE))
                .isGreaterThanOrEqualTo(48_000);
        assertThat(BookkeepingFootprint.of(new LyingReference(kept), null, List.of(), Long.MAX_VALUE))
                .isGreaterThanOrEqualTo(48_000);
        assertThat(BookkeepingFootprint.of(quiet, null, List.of(), Long.MAX_VALUE)).isGreaterThanOrEqualTo(48_000);
    }

    /** A JDK object the walk cannot look into, holding the map. */
    static final class SizesInAFuture {
        final int[] heads = new int[4];
        final CompletableFuture<Map<Integer, Integer>> sizes = CompletableFuture.completedFuture(sizesOf(1000));
    }

    /** An allocator that is a CompletableFuture of its map. */
    static final class IsAFuture extends CompletableFuture<Map<Integer, Integer>> {
        IsAFuture() {
            complete(sizesOf(1000));
        }
    }

    @Test
    void a_jdk_object_whose_contents_cannot_be_read_is_not_guessed_at_and_the_failure_names_where_it_is() {
        // GIVEN a map held in a CompletableFuture field, and a class that extends CompletableFuture
        // WHEN measured THEN the walk refuses, naming the field, the class and what to do
        assertThatThrownBy(() -> BookkeepingFootprint.of(new SizesInAFuture(), null, List.of(), Long.MAX_VALUE))
                .isInstanceOf(BookkeepingFootprint.Unmeasurable.class)
                .hasMessageContaining("java.util.concurrent.CompletableFuture at SizesInAFuture.sizes:")
                .hasMessageContaining("Keep block bookkeeping (sizes, free lists) in the heap");
        assertThatThrownBy(() -> BookkeepingFootprint.of(new IsAFuture(), null, List.of(), Long.MAX_VALUE))
                .isInstanceOf(BookkeepingFootprint.Unmeasurable.class)
                .hasMessageContaining("java.util.concurrent.CompletableFuture at IsAFuture:");
    }

    enum Fit { FIRST, BEST }

    /** What an honest allocator may hold besides the heap: values, enums, locks, a seeded Random, a comparator. */
    static final class ValuesInFields {
        final String name = "segregated";
        final Integer boxed = 42;
        final Fit fit = Fit.BEST;
        final RoundingMode rounding = RoundingMode.HALF_UP;
        final Object lock = new Object();
        final Random random = new Random(7);
        final AtomicInteger calls = new AtomicInteger();
        final Comparator<Integer> order = Comparator.reverseOrder();
        final Comparator<Integer> natural = Comparator.naturalOrder();
        final java.util.concurrent.locks.ReentrantLock guard = new java.util.concurrent.locks.ReentrantLock();
        final int[] heads = new int[24];
    }

    @Test
    void values_enums_and_jdk_objects_without_state_are_measured_and_small() {
        assertThat(BookkeepingFootprint.of(new ValuesInFields(), null, List.of(ValuesInFields.class), Long.MAX_VALUE))
                .isBetween(100L, 600L);
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
