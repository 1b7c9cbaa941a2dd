package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.ValidationFailure.Kind;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AllocatorValidatorTest {
    /** Small blocks, frees in the middle, reuse, and a growing realloc: enough to expose each bug. */
    private static final Trace MIXED = Trace.parse("mixed.rep", String.join("\n",
            "0", "6", "13", "1",
            "a 0 24", "a 1 40", "a 2 16", "a 3 2000", "f 1", "a 4 32", "r 0 100", "a 5 8",
            "f 2", "r 0 300", "f 4", "f 0", "f 5", ""), ParseMode.STRICT);

    static Stream<Arguments> knownBugs() {
        return Stream.of(
                bug("misaligned", Kind.MISALIGNED, BuggyAllocators::misaligned),
                bug("overlapping", Kind.OVERLAP, BuggyAllocators::overlapping),
                bug("past the heap end", Kind.OUTSIDE_HEAP, BuggyAllocators::pastTheHeapEnd),
                bug("corrupts its neighbour", Kind.PAYLOAD_CORRUPTED, BuggyAllocators::corruptsItsNeighbour),
                bug("realloc loses the prefix", Kind.REALLOC_LOST_PREFIX, BuggyAllocators::reallocLosesThePrefix),
                bug("throws on big sizes", Kind.ALLOCATOR_THREW, BuggyAllocators::throwsOnBigSizes));
    }

    private static Arguments bug(String name, Kind kind, Function<HeapBytes, Allocator> allocator) {
        return Arguments.of(name, kind, allocator);
    }

    @ParameterizedTest(name = "{0} is caught as {1}")
    @MethodSource("knownBugs")
    void the_validator_catches_every_known_bug(String bug, Kind expected, Function<HeapBytes, Allocator> buggy) {
        // GIVEN an allocator with one bug
        // WHEN the mixed trace is replayed under the validator
        ReplayReport report = Replayer.using(bug, buggy).validate(MIXED);
        // THEN the run is invalid, the first failure is that bug's rule, and it is not timed
        assertThat(report.valid()).isFalse();
        assertThat(report.failure()).get().extracting(ValidationFailure::kind).isEqualTo(expected);
        assertThat(report.timed()).isFalse();
    }

    @Test
    void a_call_that_reaches_a_stub_says_which_method_is_still_to_write_not_to_run_a_debugger() {
        // GIVEN an allocator whose realloc is still the starter's stub
        Function<HeapBytes, Allocator> unfinished = heap -> new BuggyAllocators.Wrapper(heap) {
            @Override
            public int realloc(int index, int size) {
                throw dev.alloclab.core.NotImplemented.yet("MyAllocator.realloc");
            }
        };
        // WHEN the mixed trace (whose seventh operation is a realloc) is validated
        ReplayReport report = Replayer.using("unfinished", unfinished).validate(MIXED);
        // THEN the failure names the stub and asks for the method, with no debugger advice
        assertThat(report.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ALLOCATOR_THREW);
            assertThat(f.sentence()).contains("reached a method that is still the starter's stub", "MyAllocator.realloc");
            assertThat(f.advice()).startsWith("write that method").doesNotContain("debugger");
        });
    }

    @Test
    void an_exception_names_the_allocator_s_own_line_even_when_heap_bytes_threw_it() {
        // GIVEN an allocator whose dealloc reads a word past the heap's end (HeapBytes throws, one frame below it)
        Function<HeapBytes, Allocator> readsPastTheEnd = heap -> new BuggyAllocators.Wrapper(heap) {
            @Override
            public void dealloc(int index) {
                heap.readInt(heap.size() + 64);
            }
        };
        // WHEN the mixed trace is validated
        ReplayReport report = Replayer.using("reads-past-the-end", readsPastTheEnd).validate(MIXED);
        // THEN the sentence says where in the allocator's code the exception came from, not HeapBytes' frame
        assertThat(report.failure()).get().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.ALLOCATOR_THREW);
            assertThat(f.sentence()).containsPattern("The allocator's code was at AllocatorValidatorTest\\$\\d+\\.dealloc "
                    + "\\(AllocatorValidatorTest\\.java:\\d+\\)\\.$").doesNotContain("HeapBytes.");
        });
    }

    @Test
    void a_learners_allocator_behind_a_test_s_wrapper_is_named_by_its_own_line_never_the_wrapper_s() {
        // GIVEN a learner's allocator (outside the kit's packages) that throws, handed to the validator inside a
        // wrapper of the kit's (as the grader's hidden tests wrap it: their file and lines must never show)
        Function<HeapBytes, Allocator> wrapped = heap -> new BuggyAllocators.Wrapper(heap) {
            private final Allocator learner = new dev.alloclab.learnerlike.DeallocReadsPastTheEnd(heap);

            @Override
            public int alloc(int size) {
                return learner.alloc(size);
            }

            @Override
            public void dealloc(int index) {
                learner.dealloc(index);
            }
        };
        // WHEN the mixed trace is validated
        ReplayReport report = Replayer.using("wrapped", wrapped).validate(MIXED);
        // THEN the sentence names the learner's line, not the wrapper's
        assertThat(report.failure()).get().satisfies(f -> assertThat(f.sentence())
                .containsPattern("The allocator's code was at DeallocReadsPastTheEnd\\.dealloc "
                        + "\\(DeallocReadsPastTheEnd\\.java:\\d+\\)\\.$")
                .doesNotContain("AllocatorValidatorTest"));
        // AND the learner's allocator on its own is named the same way
        ReplayReport alone = Replayer.using("alone", dev.alloclab.learnerlike.DeallocReadsPastTheEnd::new).validate(MIXED);
        assertThat(alone.failure()).get().satisfies(f -> assertThat(f.sentence())
                .contains("The allocator's code was at DeallocReadsPastTheEnd.dealloc (DeallocReadsPastTheEnd.java:"));
    }

    @Test
    void calls_the_caller_did_not_name_are_numbered_and_named_by_the_validator() {
        // GIVEN a validator used directly, without at(...), over an allocator whose payloads are misaligned
        AllocatorValidator validator = AllocatorValidator.of(BuggyAllocators.misaligned(HeapBytes.withMax(1024)));
        // WHEN the first call fails THEN the failure names it as call 1 with its text, never "call 0 ()"
        assertThatThrownBy(() -> validator.alloc(24, 0)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.failure().where()).isEqualTo("call 1 (alloc(24))"));
    }

    @Test
    void a_realloc_in_place_that_overwrites_the_payload_is_not_said_to_have_moved_the_block() {
        // GIVEN an allocator whose realloc shrinks in place but writes a link over the payload's first byte
        Allocator scribbles = new BuggyAllocators.Wrapper(HeapBytes.withMax(1024)) {
            @Override
            public int realloc(int index, int size) {
                if (index != NULL && size <= usableSize(index)) {
                    heap().writeByte(index, (byte) 0x5A);
                    return index;
                }
                return super.realloc(index, size);
            }
        };
        AllocatorValidator validator = AllocatorValidator.of(scribbles);
        int p = validator.alloc(40, 0);
        // WHEN it shrinks the block THEN the failure says the block stayed, and what to keep
        assertThatThrownBy(() -> validator.realloc(p, 16, 0)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.failure().kind()).isEqualTo(Kind.REALLOC_LOST_PREFIX);
            assertThat(e.failure().sentence()).contains("resized the block").contains("in place")
                    .contains("must stay as they were").doesNotContain("moved");
            assertThat(e.failure().report()).contains("must not write into the first min(old size, new size) bytes");
        });
    }

    @Test
    void a_correct_allocator_passes_the_mixed_trace() {
        ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).validate(MIXED);
        assertThat(report.failure()).isEmpty();
    }

    @Test
    void the_failure_names_the_operation_its_line_and_both_blocks_of_an_overlap() {
        // GIVEN the allocator that hands out the previous payload on every third alloc
        ReplayReport report = Replayer.using("overlapping", BuggyAllocators::overlapping).validate(MIXED);
        // THEN the third alloc (op 3, line 7) is reported with the block it collides with
        ValidationFailure failure = report.failure().orElseThrow();
        assertThat(failure.opNumber()).isEqualTo(3);
        assertThat(failure.line()).isEqualTo(7);
        assertThat(failure.operation()).isEqualTo("a 2 16");
        assertThat(failure.where()).isEqualTo("op 3 (trace line 7: a 2 16)");
        assertThat(failure.sentence()).contains("alloc(16) returned the payload [24, 40)")
                .contains("overlaps the live payload [24, 64) of block 1 (op 2, trace line 6)")
                .contains("both own heap indexes [24, 40)");
        assertThat(failure.picture()).contains("|").contains("X").contains("^24");
        assertThat(failure.report()).startsWith("overlapping payloads at op 3 (trace line 7: a 2 16)\n")
                .contains("What to do: ");
    }

    @Test
    void a_corrupted_payload_is_reported_at_the_operation_that_finds_it_with_the_byte_that_changed() {
        ReplayReport report = Replayer.using("corrupts", BuggyAllocators::corruptsItsNeighbour).validate(MIXED);
        ValidationFailure failure = report.failure().orElseThrow();
        // block 1 [24, 64) is freed at line 9 and scribbles over block 0's last 8 bytes [16, 24);
        // block 0 is next touched by 'r 0 100' at line 11
        assertThat(failure.line()).isEqualTo(11);
        assertThat(failure.sentence()).contains("block 0").contains("byte 16 (heap index 16)");
        assertThat(failure.from()).isZero();
        assertThat(failure.to()).isEqualTo(24);
    }

    @Test
    void a_null_answer_is_legal_by_the_contract_but_a_failure_when_asked_for() {
        // GIVEN a heap of 64 bytes, full after one 64-byte block
        HeapBytes heap = HeapBytes.withMax(64);
        AllocatorValidator validator = AllocatorValidator.of(new TestFirstFitAllocator(heap));
        validator.at(1, 0, "alloc(64)").alloc(64, 1);
        // WHEN more is asked for THEN null is returned...
        assertThat(validator.at(2, 0, "alloc(8)").alloc(8, 2)).isEqualTo(Allocator.NULL);
        // ...unless null counts as failure, as in Malloc Lab
        validator.nullIsFailure(true);
        assertThatThrownBy(() -> validator.at(3, 0, "alloc(8)").alloc(8, 3))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.failure().kind()).isEqualTo(Kind.OUT_OF_MEMORY))
                .hasMessageContaining("asked for 8 bytes and got null");
    }

    @Test
    void running_out_of_memory_blames_the_trace_only_when_it_keeps_nearly_the_whole_limit_live() {
        // GIVEN a 64-byte heap holding one live 64-byte block, and 1 KiB heaps holding 16 bytes, on an allocator that
        // refuses anything over 16 bytes
        AllocatorValidator full = AllocatorValidator.of(new TestFirstFitAllocator(HeapBytes.withMax(64)));
        full.at(1, 0, "alloc(64)").alloc(64, 1);
        full.nullIsFailure(true);
        AllocatorValidator roomy = refusingOver16();
        AllocatorValidator tight = refusingOver16();
        // WHEN each is asked for more than it gives
        // THEN a request no allocator could answer says so in its headline, one that nearly fills the limit points at
        // the limit, and one the roomy heap could easily hold points at the allocator
        assertThatThrownBy(() -> full.at(2, 0, "alloc(8)").alloc(8, 2)).isInstanceOfSatisfying(ValidationException.class,
                e -> {
                    assertThat(e.failure().sentence()).contains("asked for 8 bytes and got null: the heap's limit of 64 "
                            + "bytes cannot hold them beside the 64 bytes live").doesNotContain("although");
                    assertThat(e.failure().advice()).contains("needs more than the heap's limit", "--heap-max");
                });
        assertThatThrownBy(() -> tight.at(2, 0, "alloc(1000)").alloc(1000, 2)).isInstanceOfSatisfying(
                ValidationException.class, e -> {
                    assertThat(e.failure().sentence()).contains("although the heap may grow to 1024 bytes");
                    assertThat(e.failure().advice()).contains("the trace itself needs nearly all of the heap's limit",
                            "--heap-max");
                });
        assertThatThrownBy(() -> roomy.at(2, 0, "alloc(100)").alloc(100, 2)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.failure().advice()).startsWith("reuse freed blocks")
                        .doesNotContain("--heap-max"));
    }

    /** A validator over a 1 KiB heap holding one 16-byte block, whose allocator answers NULL to anything over 16 bytes. */
    private static AllocatorValidator refusingOver16() {
        HeapBytes heap = HeapBytes.withMax(1024);
        TestFirstFitAllocator firstFit = new TestFirstFitAllocator(heap);
        AllocatorValidator refusing = AllocatorValidator.of(new Allocator() {
            @Override public int alloc(int size) {
                return size > 16 ? NULL : firstFit.alloc(size);
            }
            @Override public void dealloc(int index) {
                firstFit.dealloc(index);
            }
            @Override public HeapBytes heap() {
                return heap;
            }
            @Override public int usableSize(int index) {
                return firstFit.usableSize(index);
            }
        });
        refusing.at(1, 0, "alloc(16)").alloc(16, 1);
        refusing.nullIsFailure(true);
        return refusing;
    }

    @Test
    void a_realloc_that_runs_out_is_judged_by_its_growth_and_the_advice_says_a_move_needs_old_plus_new() {
        // GIVEN 1 KiB heaps, each holding one live block, on an allocator whose realloc always moves
        AllocatorValidator tight = AllocatorValidator.of(new TestFirstFitAllocator(HeapBytes.withMax(1024)));
        int tightBlock = tight.at(1, 0, "alloc(480)").alloc(480, 1);
        tight.nullIsFailure(true);
        AllocatorValidator movable = AllocatorValidator.of(new TestFirstFitAllocator(HeapBytes.withMax(1024)));
        int movableBlock = movable.at(1, 0, "alloc(300)").alloc(300, 1);
        movable.nullIsFailure(true);
        // WHEN the 480-byte block is to grow to 960 (480 more: live + growth is nearly the whole limit)
        // THEN the advice gives the growth, not the new size, and says a move needs old + new at once
        assertThatThrownBy(() -> tight.at(2, 0, "realloc(" + tightBlock + ", 960)").realloc(tightBlock, 960, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.OUT_OF_MEMORY);
                    assertThat(e.failure().sentence()).contains("asked to resize a 480-byte block to 960 bytes");
                    assertThat(e.failure().advice()).contains("480 bytes live, 480 more to grow this block, of 1024")
                            .contains("needs the old and the new payload at once for a moment (480 + 960 bytes)")
                            .contains("--heap-max").doesNotContain("960 more");
                });
        // WHEN the 300-byte block is to grow to 728 (growing in place fits easily, a move barely does not)
        // THEN the advice says that growing in place needs only the growth
        assertThatThrownBy(() -> movable.at(2, 0, "realloc(" + movableBlock + ", 728)").realloc(movableBlock, 728, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.failure().advice())
                        .startsWith("growing the block in place needs only 428 more bytes (728 of 1024 live)")
                        .contains("(300 + 728 bytes)"));
    }

    @Test
    void freeing_what_the_allocator_never_handed_out_is_the_callers_mistake_not_the_allocators() {
        AllocatorValidator validator = AllocatorValidator.of(new TestFirstFitAllocator(HeapBytes.withMax(1024)));
        assertThatThrownBy(() -> validator.at(1, 0, "dealloc(16)").dealloc(16))
                .isInstanceOf(KitException.class).isNotInstanceOf(ValidationException.class)
                .hasMessageContaining("16 is not a live payload this allocator handed out");
    }

    @Test
    void the_live_bytes_follow_allocs_reallocs_and_frees() {
        AllocatorValidator validator = AllocatorValidator.of(new TestFirstFitAllocator(HeapBytes.withMax(4096)));
        int p = validator.at(1, 0, "alloc(24)").alloc(24, 1);
        int q = validator.at(2, 0, "alloc(40)").alloc(40, 2);
        assertThat(validator.liveRequestedBytes()).isEqualTo(64);
        p = validator.at(3, 0, "realloc").realloc(p, 100, 1);
        assertThat(validator.liveRequestedBytes()).isEqualTo(140);
        validator.at(4, 0, "dealloc").dealloc(q);
        assertThat(validator.liveRequestedBytes()).isEqualTo(100);
        assertThat(validator.at(5, 0, "realloc").realloc(p, 0, 1)).isEqualTo(Allocator.NULL);
        assertThat(validator.liveRequestedBytes()).isZero();
        assertThat(validator.liveBlocks()).isZero();
        int r = validator.at(6, 0, "realloc(NULL)").realloc(Allocator.NULL, 16, 7);
        assertThat(r).isNotEqualTo(Allocator.NULL);
        validator.checkLivePayloads();
    }
}
