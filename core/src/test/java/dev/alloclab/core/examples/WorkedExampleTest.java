package dev.alloclab.core.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkedExampleTest {
    private static final String RIGHT_ROUND = "the highest year is 2015, countdown 5 4 3 2 1";

    private static ExampleRun plainRun(DeallocStrategy strategy) {
        return WorkedExample.run(strategy, PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096))));
    }

    private static CheckedHeap checkedHeap() {
        return CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
    }

    private static ExampleRun checkedRun(DeallocStrategy strategy, CheckedHeap heap) {
        return WorkedExample.run(strategy, heap, function -> heap.at("WorkedExample." + function));
    }

    private static Violation violationOf(ExampleRun run) {
        assertThat(run.stoppedBy()).as("the checked heap stops the program").isPresent();
        assertThat(run.stoppedBy().get()).isInstanceOf(ViolationException.class);
        return ((ViolationException) run.stoppedBy().get()).violation();
    }

    @Test
    void get_years_puts_five_years_on_the_heap_and_find_highest_year_reads_them() {
        PlainHeap heap = PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(256)));
        var years = WorkedExample.getYears(heap);
        assertThat(years.length()).isEqualTo(5);
        assertThat(heap.readInt(years.memoryIndexOfFirstElement())).isEqualTo(1995);
        assertThat(heap.readInt(years.memoryIndexOfFirstElement() + 16)).isEqualTo(2015);
        assertThat(WorkedExample.findHighestYear(heap, years)).isEqualTo(2015);
        assertThat(WorkedExample.getCountdown(heap).toArray(heap)).containsExactly(5, 4, 3, 2, 1);
    }

    @Test
    void deallocating_at_the_end_is_correct_but_memory_only_grows_while_the_program_runs() {
        // WHEN the program frees nothing until its end
        ExampleRun run = plainRun(DeallocStrategy.AT_END);
        // THEN it prints the right answers, holds 40 more bytes each round, and ends holding nothing
        assertThat(run.output()).containsExactly("round 1: " + RIGHT_ROUND, "round 2: " + RIGHT_ROUND,
                "round 3: " + RIGHT_ROUND, WorkedExample.ALL_DONE);
        assertThat(run.events()).extracting(HeapCall::liveBytes).startsWith(20, 40, 60, 80, 100, 120);
        assertThat(run.peakLiveBytes()).isEqualTo(WorkedExample.ROUNDS * 40);
        assertThat(run.finalLiveBytes()).isZero();
        assertThat(run.finished()).isTrue();
    }

    @Test
    void deallocating_after_the_last_use_never_holds_more_than_one_round() {
        ExampleRun run = plainRun(DeallocStrategy.AFTER_LAST_USE);
        assertThat(run.output()).hasSize(4).allMatch(line -> line.contains(RIGHT_ROUND) || line.equals("All done!"));
        assertThat(run.peakLiveBytes()).isEqualTo(40);
        assertThat(run.finalLiveBytes()).isZero();
        CheckedHeap heap = checkedHeap();
        assertThat(checkedRun(DeallocStrategy.AFTER_LAST_USE, heap).stoppedBy()).isEmpty();
        assertThat(heap.leakReport().hasLeaks()).isFalse();
    }

    @Test
    void deallocating_too_early_prints_someone_elses_bytes_on_a_plain_heap() {
        // WHEN years is freed before findHighestYear reads it
        ExampleRun run = plainRun(DeallocStrategy.TOO_EARLY);
        // THEN getCountdown is handed the same index and its 5 4 3 2 1 is what gets read
        assertThat(run.events().get(0).index()).isEqualTo(run.events().get(2).index());
        assertThat(run.output().get(0)).isEqualTo("round 1: the highest year is 5, countdown 5 4 3 2 1");
        assertThat(run.finished()).isTrue();
    }

    @Test
    void deallocating_too_early_is_a_use_after_free_report_on_the_checked_heap() {
        CheckedHeap heap = checkedHeap();
        ExampleRun run = checkedRun(DeallocStrategy.TOO_EARLY, heap);
        Violation v = violationOf(run);
        assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
        assertThat(v.access()).isEqualTo(Violation.Access.READ);
        assertThat(v.length()).isEqualTo(4);
        assertThat(v.block().from()).isEqualTo(run.events().get(0).index());
        assertThat(v.block().requestedSize()).isEqualTo(20);
        assertThat(v.block().allocatedBy()).isEqualTo("alloc(20)");
        assertThat(v.block().allocated().site()).hasToString("WorkedExample.getYears");
        assertThat(v.block().freedBy()).isEqualTo("dealloc(" + v.block().from() + ")");
        assertThat(v.block().freed().site()).hasToString("WorkedExample.main (too early)");
        assertThat(v.site()).hasToString("WorkedExample.findHighestYear");
        assertThat(v.report()).startsWith("use-after-free: READ of 4 bytes at heap index " + v.index())
                .contains("Lesson: docs/mistakes.md#use-after-free");
        assertThat(run.output()).isEmpty();
    }

    @Test
    void deallocating_twice_after_reuse_frees_the_newer_block_on_a_plain_heap() {
        // WHEN the stray second dealloc of round 1's years runs after round 2's years got its index
        ExampleRun run = plainRun(DeallocStrategy.TWICE);
        List<HeapCall> calls = run.events();
        assertThat(calls.get(4).operation()).isEqualTo("alloc(20)");
        assertThat(calls.get(4).index()).as("round 2's years reuses round 1's index").isEqualTo(calls.get(0).index());
        // THEN round 2 reads the countdown that took over its freed block, and the program later crashes
        assertThat(run.output()).containsExactly("round 1: " + RIGHT_ROUND,
                "round 2: the highest year is 5, countdown 5 4 3 2 1");
        assertThat(run.stoppedBy()).get().isInstanceOf(KitException.class)
                .extracting(Throwable::getMessage).asString().contains("double free");
        assertThat(run.finished()).isFalse();
    }

    @Test
    void deallocating_twice_is_a_double_free_report_while_the_block_is_in_quarantine() {
        CheckedHeap heap = checkedHeap();
        Violation v = violationOf(checkedRun(DeallocStrategy.TWICE, heap));
        assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE);
        assertThat(v.access()).isEqualTo(Violation.Access.FREE);
        assertThat(v.block().allocated().site()).hasToString("WorkedExample.getYears");
        assertThat(v.block().freed().site()).hasToString("WorkedExample.main");
        assertThat(v.site()).hasToString("WorkedExample.main (stray cleanup)");
    }

    @Test
    void with_tagged_indexes_the_second_dealloc_is_caught_after_reuse_and_names_both_blocks() {
        CheckedHeap heap = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                .quarantineBytes(0).taggedIndexes(true).build();
        Violation v = violationOf(checkedRun(DeallocStrategy.TWICE, heap));
        assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
        assertThat(v.otherBlock()).as("the newer block that got the index").isNotNull();
        assertThat(v.otherBlock().from()).isEqualTo(v.block().from());
        assertThat(v.otherBlock().isFreed()).isFalse();
        assertThat(v.block().isFreed()).isTrue();
        assertThat(v.report()).contains(v.block().name().substring(0, 8)).contains("#" + v.otherBlock().id());
    }

    @Test
    void strategies_have_command_line_names_and_bad_names_get_a_sentence() {
        assertThat(DeallocStrategy.fromCliName("too-early")).isEqualTo(DeallocStrategy.TOO_EARLY);
        assertThat(DeallocStrategy.fromCliName("AT-END")).isEqualTo(DeallocStrategy.AT_END);
        assertThatThrownBy(() -> DeallocStrategy.fromCliName("never"))
                .isInstanceOf(KitException.class)
                .hasMessage("there is no strategy 'never'. Choose one of: at-end, after-last-use, too-early, twice.");
    }

    @Test
    void the_worked_example_never_reallocates() {
        RecordingHeap recording = new RecordingHeap(PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(64))),
                f -> { });
        assertThatThrownBy(() -> recording.realloc(0, 8)).isInstanceOf(UnsupportedOperationException.class);
        int index = recording.alloc(16);
        recording.writeByte(index, 1);
        recording.writeLong(index + 8, 2L);
        recording.copy(index, index + 1, 1);
        assertThat(recording.readByte(index + 1)).isEqualTo((byte) 1);
        assertThat(recording.readLong(index + 8)).isEqualTo(2L);
        assertThat(recording.allocator()).isInstanceOf(ReferenceAllocator.class);
    }
}
