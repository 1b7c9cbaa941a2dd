package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckedReplayerTest {
    private static CheckedReplayReport replay(Trace trace) {
        return CheckedReplayer.replay(trace, new TestFirstFitAllocator(HeapBytes.mallocLabSized()), "first-fit");
    }

    @Test
    void each_teaching_trace_shows_its_one_mistake_at_its_line() {
        // GIVEN the four teaching traces WHEN replayed on the checked heap
        // THEN each reports exactly its mistake, with the trace line as the site
        CheckedReplayReport useAfterFree = replay(Trace.bundled("teaching/use-after-free"));
        assertThat(useAfterFree.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
            assertThat(v.site().traceLine()).isEqualTo(14);
        });
        assertThat(useAfterFree.leaks().hasLeaks()).isFalse();

        CheckedReplayReport doubleFree = replay(Trace.bundled("teaching/double-free"));
        assertThat(doubleFree.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.DOUBLE_FREE);
        assertThat(doubleFree.violations().get(0).site().traceLine()).isEqualTo(13);

        CheckedReplayReport overflow = replay(Trace.bundled("teaching/overflow"));
        assertThat(overflow.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
            assertThat(v.site().traceLine()).isEqualTo(10);
        });

        CheckedReplayReport leak = replay(Trace.bundled("teaching/leak"));
        assertThat(leak.violations()).isEmpty();
        assertThat(leak.leaks().bytesInUse()).isEqualTo(64);
        assertThat(leak.clean()).isFalse();
    }

    @Test
    void reports_of_a_trace_name_each_block_with_its_trace_id_as_well_as_its_number() {
        // GIVEN ids 0..2 allocated, id 1 read past its end, id 2 never freed
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "3", "6", "1", "a 0 8", "a 1 16", "a 2 24",
                "rd 1 0 20", "f 0", "f 1", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN block #2 is id 1 and block #3 is id 2, in the reports and the leak summary
        assertThat(report.report(report.violations().get(0))).contains("16-byte block #2 (trace id 1) [");
        assertThat(report.leakReport()).contains("24 bytes in block #3 (trace id 2) [");
        assertThat(report.traceIds()).containsEntry(2, 1).containsEntry(3, 2);
    }

    @Test
    void a_correct_program_is_clean_and_huge_requests_are_noted_not_fatal() {
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "2", "6", "1", "a 0 16", "w 0 0 16",
                "rd 0 0 16", "a 1 99999999999", "r 0 99999999999", "f 0", ""), ParseMode.STRICT);
        CheckedReplayReport report = replay(trace);
        assertThat(report.violations()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.notes()).hasSize(2);
        assertThat(report.nanos()).isPositive();
    }

    @Test
    void every_trace_operation_is_one_step_a_request_too_large_for_the_heap_and_a_0_byte_one_too() {
        // GIVEN two programs that write through the NULL of a failed alloc: one of 0 bytes, one larger than any heap;
        // and a third whose realloc asks for more than any heap before a read past the block's end
        Trace zero = Trace.parse("t.rep", String.join("\n", "0", "1", "3", "1", "a 0 0", "w 0 0 1", "f 0", ""),
                ParseMode.STRICT);
        Trace huge = Trace.parse("t.rep", String.join("\n", "0", "1", "3", "1", "a 0 100000000", "w 0 0 4", "f 0", ""),
                ParseMode.STRICT);
        Trace hugeRealloc = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 16", "r 0 100000000",
                "rd 0 16 1", "f 0", ""), ParseMode.STRICT);
        // WHEN each is replayed on the checked heap
        for (Trace trace : List.of(zero, huge)) {
            CheckedReplayReport report = replay(trace);
            // THEN the write is step 2 in both, and each program has 3 steps, one per line
            assertThat(report.violations()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo(Violation.Kind.NULL_DEREFERENCE);
                assertThat(v.step()).isEqualTo(2);
            });
            assertThat(report.steps()).isEqualTo(3);
        }
        // AND the failed realloc is a step too: the read past the end is step 3; alloc(0) is an allocation, the
        // refused request is not (Valgrind counts malloc(0), not a malloc that failed)
        CheckedReplayReport realloc = replay(hugeRealloc);
        assertThat(realloc.violations()).singleElement().extracting(Violation::step).isEqualTo(3);
        assertThat(replay(zero).leaks().allocations()).isEqualTo(1);
        assertThat(replay(huge).leaks().allocations()).isZero();
    }

    @Test
    void an_access_that_reaches_past_any_heap_index_is_an_overflow_of_its_block_not_a_skipped_line() {
        // GIVEN a 4 GiB memset into a 16-byte block, and a read 10 GB past it
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 16", "w 0 0 4294967296",
                "rd 0 9999999999 4", "f 0", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN both are out-of-bounds accesses at their lines; the memset's report starts at block 0's end
        assertThat(report.violations()).extracting(Violation::kind)
                .containsExactly(Violation.Kind.OUT_OF_BOUNDS, Violation.Kind.OUT_OF_BOUNDS);
        assertThat(report.violations()).extracting(v -> v.site().traceLine()).containsExactly(6, 7);
        assertThat(report.violations().get(0).toString()).contains("WRITE");
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).contains("line 7", "past any index a heap can have"));
    }

    @Test
    void an_access_whose_offset_leaves_the_heap_is_reported_against_the_block_its_line_names() {
        // GIVEN block 0, read 100,000 bytes before its start and written 4 GiB past it
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 16", "rd 0 -100000 4",
                "w 0 4294967296 4", "f 0", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN both reports name block 0 by its trace id, as the lines do, and draw no map of an unrelated stretch
        assertThat(report.violations()).hasSize(2).allSatisfy(v -> {
            assertThat(v.block()).isNotNull();
            assertThat(report.report(v)).contains("the 16-byte block #1 (trace id 0) [", "allocated by  alloc(16)")
                    .doesNotContain("  heap  ");
        });
        assertThat(report.report(report.violations().get(0))).contains("is 100000 bytes before the 16-byte block #1",
                "the access runs before the heap's start");
    }

    @Test
    void a_write_longer_than_any_heap_is_cut_with_a_note_that_gives_the_lines_length_and_the_checked_one() {
        // GIVEN a 4 GiB memset into a 16-byte block, and a 4-byte write 4 GiB past it
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 16", "w 0 0 4294967296",
                "w 0 4294967296 4", "f 0", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN each report's headline length comes with a note that says it is not the line's, and why
        Violation memset = report.violations().get(0);
        Violation far = report.violations().get(1);
        assertThat(memset.toString()).startsWith("heap-buffer-overflow: WRITE of " + memset.length() + " bytes");
        assertThat(far.toString()).isEqualTo("heap-buffer-overflow: WRITE of 1 byte at heap index 134217727");
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).isEqualTo(
                "line 6: 'w 0 0 4294967296' writes 4294967296 bytes, past the last index a heap can have (134217727): "
                        + "checked as " + memset.length() + " bytes from index " + memset.address()
                        + ", so its report gives that length"));
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).isEqualTo(
                "line 7: 'w 0 4294967296 4' reaches heap index " + (4294967296L + memset.address()) + ", past any "
                        + "index a heap can have: checked as an access at index 134217727 of 1 byte (the last index "
                        + "there is), not the line's 4 bytes, so its report gives that index and length"));
    }

    @Test
    void a_line_whose_index_and_length_both_lie_beyond_any_heap_gets_one_note_not_two() {
        // GIVEN a 4-byte write 4 GiB past block 0, and a read 10 GB before it (below any int index)
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 16", "w 0 4294967296 4",
                "rd 0 -9999999999 4", "f 0", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN each line has exactly one note, which gives the index and the length its report was checked with
        assertThat(report.notes()).hasSize(2);
        assertThat(report.notes().get(0)).startsWith("line 6: ").contains("at index 134217727 of 1 byte");
        Violation read = report.violations().get(1);
        assertThat(report.notes().get(1)).isEqualTo("line 7: 'rd 0 -9999999999 4' reaches heap index "
                + (read.block().from() - 9999999999L) + ", below any index an int can hold: checked as an access at "
                + "index -2147483648");
        // AND the read's report counts the bytes to block 0 without overflowing
        assertThat(report.report(read)).contains("-2147483648 is " + (2147483648L + read.block().from())
                + " bytes before the 16-byte block #1 (trace id 0) [");
    }

    @Test
    void a_stale_id_whose_address_went_to_a_newer_block_is_caught_and_the_newer_block_keeps_its_owner() {
        // GIVEN block 0 freed, its address handed to block 1 (a heap of 4,048 bytes leaves no other room), then a write
        // and a second free through the stale id 0, and block 1 never freed by the program
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "2", "5", "1", "a 0 16", "f 0", "a 1 4040",
                "w 0 0 8", "f 0", ""), ParseMode.STRICT);
        CheckedReplayReport report = CheckedReplayer.replay(trace,
                new TestFirstFitAllocator(HeapBytes.withMax(4048)), "first-fit");
        // THEN the write is a use-after-free and the free a double free, each at its own line
        assertThat(report.violations()).extracting(Violation::kind)
                .containsExactly(Violation.Kind.USE_AFTER_FREE, Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
        assertThat(report.violations()).extracting(v -> v.site().traceLine()).containsExactly(8, 9);
        // AND block 1 was not freed by the stale id: it leaks, as the program left it
        assertThat(report.leaks().bytesInUse()).isEqualTo(4040);
    }

    @Test
    void an_alloc_over_an_id_whose_block_was_never_freed_is_noted_with_the_line_that_lost_it() {
        // GIVEN id 0 allocated at line 5 and again at line 6 with no free between, then freed once; id 1 freed,
        // then allocated again (no note), and reallocated (still one live block)
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "2", "8", "1", "a 0 16", "a 0 32", "f 0",
                "a 1 8", "f 1", "a 1 8", "r 1 24", "f 1", ""), ParseMode.LENIENT);
        CheckedReplayReport report = replay(trace);
        // THEN the leak of line 5's block is reported, and a note names the line that lost it
        assertThat(report.leaks().bytesInUse()).isEqualTo(16);
        assertThat(report.notes()).containsExactly("line 6: 'a 0 32' gives id 0 a new block while the block it got at"
                + " line 5 was never freed: nothing can free that block any more, so the leak report lists it (if line"
                + " 5's request got one)");
    }

    @Test
    void a_program_that_never_frees_an_id_it_reuses_gets_five_such_notes_and_a_count() {
        // GIVEN id 0 allocated 20 times and never freed
        List<String> lines = new ArrayList<>(List.of("0", "1", "20", "1"));
        for (int i = 0; i < 20; i++) {
            lines.add("a 0 8");
        }
        CheckedReplayReport report = replay(Trace.parse("t.rep", String.join("\n", lines) + "\n", ParseMode.STRICT));
        // THEN five lines are noted one by one and the other fourteen counted
        assertThat(report.notes()).hasSize(6);
        assertThat(report.notes().get(4)).startsWith("line 10: 'a 0 8' gives id 0 a new block");
        assertThat(report.notes().get(5)).isEqualTo("... and 14 more 'a' lines give an id a new block while its last"
                + " one was never freed");
        assertThat(report.leaks().leaks()).hasSize(20);
    }

    @Test
    void the_slowdown_is_measured_in_alternating_rounds_and_is_a_plain_ratio() {
        // GIVEN a bundled performance trace on the first-fit test allocator, three rounds after one warm-up run
        Trace trace = TraceSuite.performanceTraces().get(0);
        CheckedReplayer.Timing timing = new CheckedReplayer.Timing(3, 1, java.time.Duration.ZERO, Replayer.Clock.WALL);
        // WHEN the checked heap's slowdown is measured
        double slowdown = CheckedReplayer.slowdown(trace, TestFirstFitAllocator::new, HeapBytes::mallocLabSized, timing);
        // THEN it is a finite, positive ratio of checked to unchecked time (a checked run does more, rarely 100x more)
        assertThat(slowdown).isFinite().isGreaterThan(0.05).isLessThan(100);
    }

    @Test
    void a_realloc_keeps_the_block_and_a_free_of_null_does_nothing() {
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "5", "1", "f -1", "a 0 8", "r 0 64",
                "w 0 0 64", "f 0", ""), ParseMode.LENIENT);
        CheckedReplayReport report = replay(trace);
        assertThat(report.clean()).isTrue();
        assertThat(report.notes()).containsExactly("line 5: 'f -1' frees null: nothing to do");
    }

    @Test
    void reading_through_an_id_that_realloc_or_alloc_made_null_is_a_null_dereference_at_any_offset() {
        // GIVEN block 0 turned into NULL by realloc(p, 0), and block 1 asked for 0 bytes
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "3", "7", "1", "a 2 16", "a 0 8", "r 0 0",
                "rd 0 4 1", "a 1 0", "w 1 0 1", "f 2", ""), ParseMode.STRICT);
        // WHEN replayed on the checked heap
        CheckedReplayReport report = replay(trace);
        // THEN both accesses are null dereferences at their lines, whatever the offset (never a read of heap index 3)
        assertThat(report.violations()).extracting(Violation::kind)
                .containsExactly(Violation.Kind.NULL_DEREFERENCE, Violation.Kind.NULL_DEREFERENCE);
        assertThat(report.violations()).extracting(v -> v.site().traceLine()).containsExactly(8, 10);
    }

    @Test
    void timing_a_checked_replay_reuses_one_heap_and_checks_its_arguments() {
        // GIVEN a trace that grows one block step by step, and a heap the runs share
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "2", "6", "1", "a 0 8", "a 1 16", "r 0 4000",
                "r 0 9000", "f 1", "f 0", ""), ParseMode.STRICT);
        HeapBytes shared = HeapBytes.withMax(1 << 20);
        int[] heapsMade = {0};
        // WHEN it is timed: 2 warm-ups, 3 runs
        double nanos = CheckedReplayer.nanos(trace, heap -> new TestFirstFitAllocator(heap),
                () -> { heapsMade[0]++; return shared; },
                new CheckedReplayer.Timing(3, 2, java.time.Duration.ZERO, Replayer.Clock.WALL));
        // THEN the median is a positive time, and every run used the one heap, emptied first
        assertThat(nanos).isPositive();
        assertThat(heapsMade[0]).isEqualTo(1);
        assertThat(shared.size()).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CheckedReplayer.Timing(0, 2,
                java.time.Duration.ZERO, Replayer.Clock.WALL)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CheckedReplayer.Timing(1, 0,
                java.time.Duration.ofMillis(-1), Replayer.Clock.WALL)).hasMessageContaining("warmupTime");
    }
    @Test
    void a_read_9_bytes_before_the_first_block_is_an_overflow_of_that_block_not_a_null_dereference() {
        // GIVEN a 20-byte block at 8 (the reference first fit's header takes [0, 8)), tagged and untagged
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "1", "4", "1", "a 0 20", "rd 0 -9 1", "rd 0 -100 1",
                "f 0", ""), ParseMode.STRICT);
        for (HeapBytes heap : List.of(HeapBytes.mallocLabSized(), HeapBytes.withMax(256 << 20))) {
            // WHEN the trace reads base - 9, which is heap index -1, the number NULL also is
            CheckedReplayReport report = CheckedReplayer.replay(trace, ReferenceAllocator.firstFit(heap), "first-fit");
            // THEN the line's block is named, as for any other offset before it (ASan: "9 bytes to the left of")
            assertThat(report.violations()).extracting(Violation::kind)
                    .containsExactly(Violation.Kind.OUT_OF_BOUNDS, Violation.Kind.OUT_OF_BOUNDS);
            assertThat(report.report(report.violations().get(0)))
                    .contains("-1 is 9 bytes before the 20-byte block #1 (trace id 0) [8, 28)")
                    .doesNotContain("NULL");
        }
    }
    /** A heap too big for a tagged index (over 128 MiB): its checked replay runs untagged. */
    private static CheckedReplayReport replayUntagged(Trace trace) {
        return CheckedReplayer.replay(trace, ReferenceAllocator.firstFit(HeapBytes.withMax(256 << 20)), "first-fit");
    }

    @Test
    void untagged_a_read_past_its_block_that_lands_in_the_live_neighbour_is_still_an_overflow_of_its_block() {
        // GIVEN two 16-byte blocks, [8, 24) and [32, 48), and a line that reads offset 24 of the first: the second
        // block's first byte, whose shadow says "live"
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "2", "5", "1", "a 0 16", "a 1 16", "rd 0 24 1",
                "f 0", "f 1", ""), ParseMode.STRICT);
        for (CheckedReplayReport report : List.of(replayUntagged(trace),
                CheckedReplayer.replay(trace, ReferenceAllocator.firstFit(HeapBytes.mallocLabSized()), "first-fit"))) {
            // WHEN replayed untagged (and tagged) THEN the line's own numbers say it: offset 24 of a 16-byte block
            assertThat(report.violations()).singleElement().satisfies(v -> {
                assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
                assertThat(v.site().traceLine()).isEqualTo(7);
                assertThat(report.report(v)).contains("32 is 8 bytes after the 16-byte block #1 (trace id 0) [8, 24)")
                        .contains("the 16-byte block #2 (trace id 1) [32, 48), which is live");
            });
        }
    }

    @Test
    void untagged_a_second_free_of_an_id_whose_address_was_reused_is_refused_and_spares_the_newer_block() {
        // GIVEN id 0 freed at line 6, a big block through the quarantine, id 1 given id 0's address at line 9
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "3", "7", "1", "a 0 16", "f 0", "a 2 2000000", "f 2",
                "a 1 16", "f 0", "w 1 0 1", ""), ParseMode.STRICT);
        // WHEN replayed untagged, where id 0's stale index equals id 1's
        CheckedReplayReport report = replayUntagged(trace);
        // THEN line 10 is the double free the plain replay names, not performed: id 1's write at line 11 is fine
        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
            assertThat(v.site().traceLine()).isEqualTo(10);
            assertThat(report.report(v)).contains("this dealloc was not performed: it would have freed block #3");
        });
        assertThat(report.leaks().bytesInUse()).isEqualTo(16);
        // and the report says once what an untagged replay still cannot see
        assertThat(report.notes()).anySatisfy(note -> assertThat(note).startsWith("this replay is untagged"));
        assertThat(replay(trace).notes()).noneSatisfy(note -> assertThat(note).contains("untagged"));
    }

    @Test
    void untagged_a_realloc_of_an_id_whose_address_was_reused_is_refused_and_spares_the_newer_block() {
        // GIVEN id 0 freed at line 6, a big block through the quarantine, id 1 given id 0's address at line 9, then
        // an r of the freed id 0 at line 10
        Trace trace = Trace.parse("t.rep", String.join("\n", "0", "3", "7", "1", "a 0 16", "f 0", "a 2 2000000", "f 2",
                "a 1 16", "r 0 32", "w 1 0 16", ""), ParseMode.STRICT);
        // WHEN replayed untagged, where id 0's stale index equals id 1's, and tagged
        for (CheckedReplayReport report : List.of(replayUntagged(trace),
                CheckedReplayer.replay(trace, ReferenceAllocator.firstFit(HeapBytes.mallocLabSized()), "first-fit"))) {
            // THEN line 10 is refused as the realloc of a freed block it is: block #3 (id 1) is neither moved nor
            // resized under its owner, whose write of its 16 bytes at line 11 is fine
            assertThat(report.violations()).singleElement().satisfies(v -> {
                assertThat(v.site().traceLine()).isEqualTo(10);
                assertThat(v.access()).isEqualTo(Violation.Access.REALLOC);
            });
            assertThat(report.leaks().bytesInUse()).isEqualTo(16);
        }
        assertThat(replayUntagged(trace).report(replayUntagged(trace).violations().get(0)))
                .contains("this realloc was not performed: it would have resized block #3");
    }

    @Test
    void a_trace_without_reads_or_writes_replays_with_no_quarantine_and_one_with_them_keeps_it() {
        // GIVEN a freed 16-byte block and a new one of the same size, once without and once with a read
        Trace noAccess = Trace.parse("t.rep", String.join("\n", "0", "2", "4", "1", "a 0 16", "f 0", "a 1 16",
                "f 1", ""), ParseMode.STRICT);
        Trace withRead = Trace.parse("t.rep", String.join("\n", "0", "2", "5", "1", "a 0 16", "f 0", "a 1 16",
                "rd 1 0 16", "f 1", ""), ParseMode.STRICT);
        // THEN the first program's second block reuses the first's address, as in the plain replay; the second
        // program's waits behind the quarantine, so a stale id 0 would still read freed bytes
        assertThat(CheckedReplayer.quarantineFor(CheckedReplayProgram.decode(noAccess, 1 << 20))).isZero();
        assertThat(CheckedReplayer.quarantineFor(CheckedReplayProgram.decode(withRead, 1 << 20)))
                .isEqualTo(dev.alloclab.core.check.CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        List<Integer> addresses = new ArrayList<>();
        CheckedReplayer.replay(noAccess, new TestFirstFitAllocator(HeapBytes.mallocLabSized()), "first-fit",
                (op, heap, mistakes) -> addresses.addAll(heap.liveBlocks().stream().map(b -> b.from()).toList()));
        assertThat(addresses).hasSize(2);
        assertThat(addresses.get(1)).isEqualTo(addresses.get(0));
        List<Integer> later = new ArrayList<>();
        CheckedReplayer.replay(withRead, new TestFirstFitAllocator(HeapBytes.mallocLabSized()), "first-fit",
                (op, heap, mistakes) -> later.addAll(heap.liveBlocks().stream().map(b -> b.from()).toList()));
        assertThat(later).hasSize(3);
        assertThat(later.get(1)).isNotEqualTo(later.get(0));
    }
}
