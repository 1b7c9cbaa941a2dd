package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rows of block facts give back the records they were filled with, and a reused row forgets the block
 * that had it before: its freeing call and sites.
 */
class BlockSlotsTest {

    @Test
    void a_row_gives_back_the_record_it_was_filled_with() {
        // GIVEN a block allocated at a labelled site and freed at a trace line
        BlockSlots slots = new BlockSlots(1);
        int s = slots.make();
        slots.start(s, 3, 64, 20, 24, 5);
        slots.allocated(s, HeapEvent.Operation.ALLOC, -1, 20, 7, Site.label("Examples.getYears"), -1);
        slots.freed(s, HeapEvent.Operation.DEALLOC, 64, -1, 9, null, 12);
        // WHEN the heap makes its record
        BlockRecord record = slots.record(s);
        // THEN every fact is there, the trace line as a site
        assertThat(record).isEqualTo(new BlockRecord(3, 64, 20, 24, 5,
                new HeapEvent(HeapEvent.Operation.ALLOC, -1, 20, 7, Site.label("Examples.getYears")),
                new HeapEvent(HeapEvent.Operation.DEALLOC, 64, -1, 9, Site.traceLine(12))));
        assertThat(slots.spanEnd(s)).isEqualTo(88);
        assertThat(slots.to(s)).isEqualTo(84);
        assertThat(slots.isFreed(s)).isTrue();
    }

    @Test
    void a_reused_row_forgets_the_last_blocks_free_and_sites() {
        // GIVEN a slot whose block was allocated and freed at labelled sites
        BlockSlots slots = new BlockSlots(1);
        int s = slots.make();
        slots.start(s, 1, 64, 20, 24, 5);
        slots.allocated(s, HeapEvent.Operation.ALLOC, -1, 20, 1, Site.label("old alloc"), -1);
        slots.freed(s, HeapEvent.Operation.DEALLOC, 64, -1, 2, Site.label("old free"), -1);
        // WHEN the history forgets it and a trace replay's block takes the slot
        slots.start(s, 2, 128, 8, 8, 6);
        slots.allocated(s, HeapEvent.Operation.REALLOC, 96, 8, 3, null, 40);
        // THEN the record is the new block's alone: live, allocated at its trace line
        BlockRecord record = slots.record(s);
        assertThat(record.freed()).isNull();
        assertThat(slots.isFreed(s)).isFalse();
        assertThat(record.allocated()).isEqualTo(new HeapEvent(HeapEvent.Operation.REALLOC, 96, 8, 3, Site.traceLine(40)));
    }

    @Test
    void rows_grow_past_the_expected_count_and_keep_what_they_hold() {
        // GIVEN room for one block
        BlockSlots slots = new BlockSlots(1);
        // WHEN a hundred are made
        for (int i = 0; i < 100; i++) {
            int s = slots.make();
            slots.start(s, i + 1, i * 8, 8, 8, 1 + i % TaggedIndex.MAX_TAG);
            slots.allocated(s, HeapEvent.Operation.ALLOC, -1, 8, i + 1, i % 2 == 0 ? Site.label("site " + i) : null, i);
        }
        // THEN each row is still its own block
        assertThat(slots.count()).isEqualTo(100);
        for (int s = 0; s < 100; s++) {
            BlockRecord record = slots.record(s);
            assertThat(record.id()).isEqualTo(s + 1);
            assertThat(record.from()).isEqualTo(s * 8);
            assertThat(record.allocated().site()).isEqualTo(s % 2 == 0 ? Site.label("site " + s) : Site.traceLine(s));
        }
    }
}
