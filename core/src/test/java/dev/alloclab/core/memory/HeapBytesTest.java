package dev.alloclab.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeapBytesTest {

    @Test
    void a_new_heap_is_empty_and_grows_only_through_sbrk() {
        // GIVEN a heap that may grow to 64 bytes
        HeapBytes heap = HeapBytes.withMax(64);
        assertThat(heap.size()).isZero();
        assertThat(heap.maxSize()).isEqualTo(64);
        // WHEN it grows twice
        int first = heap.sbrk(16);
        int second = heap.sbrk(8);
        // THEN each sbrk returns the old break, and the break moved by the increments
        assertThat(first).isZero();
        assertThat(second).isEqualTo(16);
        assertThat(heap.size()).isEqualTo(24);
        assertThat(heap.sbrk(0)).isEqualTo(24);
    }

    @Test
    void sbrk_past_the_maximum_returns_no_memory_and_leaves_the_heap_unchanged() {
        HeapBytes heap = HeapBytes.withMax(32);
        heap.sbrk(24);
        assertThat(heap.sbrk(16)).isEqualTo(HeapBytes.NO_MEMORY);
        assertThat(heap.size()).isEqualTo(24);
        assertThat(heap.sbrk(8)).isEqualTo(24);
        assertThat(heap.size()).isEqualTo(32);
    }

    @Test
    void the_heap_never_shrinks() {
        HeapBytes heap = HeapBytes.withMax(32);
        assertThatThrownBy(() -> heap.sbrk(-8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never shrinks");
    }

    @Test
    void ints_are_stored_little_endian() {
        HeapBytes heap = HeapBytes.withMax(16);
        heap.sbrk(8);
        heap.writeInt(0, 0x0A0B0C0D);
        assertThat(heap.readByte(0)).isEqualTo((byte) 0x0D);
        assertThat(heap.readByte(3)).isEqualTo((byte) 0x0A);
        assertThat(heap.readInt(0)).isEqualTo(0x0A0B0C0D);
    }

    @Test
    void longs_are_stored_little_endian() {
        HeapBytes heap = HeapBytes.withMax(16);
        heap.sbrk(16);
        heap.writeLong(8, 0x0102030405060708L);
        assertThat(heap.readByte(8)).isEqualTo((byte) 0x08);
        assertThat(heap.readByte(15)).isEqualTo((byte) 0x01);
        assertThat(heap.readLong(8)).isEqualTo(0x0102030405060708L);
    }

    @Test
    void new_bytes_are_zero_even_after_the_backing_array_grows() {
        HeapBytes heap = HeapBytes.withMax(1 << 16);
        heap.sbrk(4096);
        heap.writeByte(4095, 7);
        heap.sbrk(10_000);
        assertThat(heap.readByte(4095)).isEqualTo((byte) 7);
        assertThat(heap.readBytes(4096, 10_000)).containsOnly(0);
    }

    @Test
    void a_read_past_the_break_names_the_index_the_length_and_the_heap_size() {
        HeapBytes heap = HeapBytes.withMax(4096);
        heap.sbrk(16);
        assertThatThrownBy(() -> heap.readInt(14))
                .isInstanceOf(HeapIndexOutOfBoundsException.class)
                .hasMessageContaining("readInt(14)")
                .hasMessageContaining("4 bytes at heap index 14 run past the heap's end")
                .hasMessageContaining("expected: 0 <= index <= 12 for 4 bytes, heap size 16");
    }

    @Test
    void negative_indexes_and_lengths_are_refused_with_a_sentence() {
        HeapBytes heap = HeapBytes.withMax(64);
        heap.sbrk(8);
        HeapIndexOutOfBoundsException negativeIndex =
                org.junit.jupiter.api.Assertions.assertThrows(HeapIndexOutOfBoundsException.class,
                        () -> heap.writeByte(-1, 0));
        assertThat(negativeIndex.getMessage()).contains("heap index -1 is negative", "a step back went too far",
                "NULL (-1) was used as an index").doesNotContain("added twice");
        assertThat(negativeIndex.index()).isEqualTo(-1);
        assertThat(negativeIndex.length()).isEqualTo(1);
        assertThat(negativeIndex.heapSize()).isEqualTo(8);
        assertThatThrownBy(() -> heap.fill(0, -3, 0)).hasMessage("fill(0, length -3): the length must be >= 0 bytes. "
                + "A negative length usually means a size calculation went below zero (end - start with the two swapped).");
        assertThatThrownBy(() -> heap.readLong(8)).hasMessageContaining("past the heap's end");
        assertThatThrownBy(() -> HeapBytes.withMax(4).readBytes(0, 8))
                .hasMessageContaining("the heap is only 0 bytes");
    }

    @Test
    void copy_behaves_like_memmove_when_ranges_overlap() {
        HeapBytes heap = HeapBytes.withMax(16);
        heap.sbrk(16);
        heap.writeBytes(0, new byte[] {1, 2, 3, 4, 5, 6});
        heap.copy(0, 2, 6);
        assertThat(heap.readBytes(0, 8)).containsExactly(1, 2, 1, 2, 3, 4, 5, 6);
        heap.fill(0, 4, 0xFF);
        assertThat(heap.readBytes(0, 5)).containsExactly(-1, -1, -1, -1, 3);
    }

    @Test
    void contains_tells_whether_a_range_lies_inside_the_heap() {
        HeapBytes heap = HeapBytes.withMax(64);
        heap.sbrk(32);
        assertThat(heap.contains(0, 32)).isTrue();
        assertThat(heap.contains(31, 2)).isFalse();
        assertThat(heap.contains(-1, 1)).isFalse();
        assertThat(heap.contains(4, -1)).isFalse();
        assertThat(heap.toString()).isEqualTo("HeapBytes[size=32, max=64]");
        assertThat(HeapBytes.mallocLabSized().maxSize()).isEqualTo(20 * 1024 * 1024);
    }

    @Property(tries = 200)
    void a_written_int_reads_back_at_any_in_heap_index(
            @ForAll @IntRange(min = 0, max = 60) int index, @ForAll int value) {
        HeapBytes heap = HeapBytes.withMax(64);
        heap.sbrk(64);
        heap.writeInt(index, value);
        int manual = (heap.readByte(index) & 0xFF) | (heap.readByte(index + 1) & 0xFF) << 8
                | (heap.readByte(index + 2) & 0xFF) << 16 | (heap.readByte(index + 3) & 0xFF) << 24;
        assertThat(heap.readInt(index)).isEqualTo(value).isEqualTo(manual);
    }

    @Property(tries = 200)
    void accesses_outside_the_break_always_fail_with_the_kit_exception(
            @ForAll @IntRange(min = -100, max = 200) int index, @ForAll @IntRange(min = 0, max = 120) int size) {
        HeapBytes heap = HeapBytes.withMax(128);
        heap.sbrk(size);
        boolean inside = index >= 0 && (long) index + 8 <= size;
        if (inside) {
            heap.writeLong(index, 42L);
            assertThat(heap.readLong(index)).isEqualTo(42L);
        } else {
            assertThatThrownBy(() -> heap.readLong(index)).isInstanceOf(HeapIndexOutOfBoundsException.class);
        }
    }

    @Test
    void reset_empties_the_heap_and_the_next_sbrk_gives_zeros_again() {
        // GIVEN a heap grown to 64 bytes with non-zero bytes in it
        HeapBytes heap = HeapBytes.withMax(1 << 20);
        heap.sbrk(64);
        heap.fill(0, 64, 0x5A);
        heap.writeLong(56, -1L);
        // WHEN it is reset
        heap.reset();
        // THEN it is empty, as a fresh heap is
        assertThat(heap.size()).isZero();
        assertThatThrownBy(() -> heap.readByte(0)).isInstanceOf(HeapIndexOutOfBoundsException.class);
        // AND growing it again hands out zero bytes, as sbrk promises
        assertThat(heap.sbrk(64)).isZero();
        assertThat(heap.readBytes(0, 64)).containsOnly((byte) 0);
        assertThat(heap.maxSize()).isEqualTo(1 << 20);
    }
}
