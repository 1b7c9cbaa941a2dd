package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alloclab.core.KitException;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestBumpAllocator;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import org.junit.jupiter.api.Test;

class ReplayerTest {
    private static Trace trace(String... lines) {
        return Trace.parse("t.rep", String.join("\n", lines) + "\n", ParseMode.LENIENT);
    }

    @Test
    void utilization_is_peak_live_payload_over_the_heaps_high_water_mark() {
        // GIVEN a trace whose live requested bytes go 24, 64, 40, 100 (realloc counts its new
        // size), 108, 8, 0: the peak is 108
        Trace trace = trace("0", "3", "7", "1", "a 0 24", "a 1 40", "f 0", "r 1 100", "a 2 8", "f 1", "f 2");
        // AND the bump allocator, which rounds to 8 and never reuses: 24 + 40 + 104 (realloc moves) + 8 = 176
        // WHEN it is validated
        ReplayReport report = Replayer.using("bump", TestBumpAllocator::new).validate(trace);
        // THEN utilization = 108 / 176
        assertThat(report.valid()).isTrue();
        assertThat(report.peakLiveBytes()).isEqualTo(108);
        assertThat(report.heapBytes()).isEqualTo(176);
        assertThat(report.utilization()).isCloseTo(108.0 / 176.0, within(1e-12));
        assertThat(report.ops()).isEqualTo(7);
    }

    @Test
    void utilization_is_measured_on_the_heap_the_replay_gave_not_on_what_heap_answers_at_the_end() {
        // GIVEN an allocator that, once every block is freed, answers heap() with a fresh empty heap: were the
        // heap's size read from heap() at the end, utilization would be 108 / 0 bytes and look perfect
        Trace trace = trace("0", "3", "7", "1", "a 0 24", "a 1 40", "f 0", "r 1 100", "a 2 8", "f 1", "f 2");
        java.util.function.Function<HeapBytes, dev.alloclab.core.alloc.Allocator> swapper = heap -> new Forwarding(heap) {
            HeapBytes shown = heap;

            @Override
            public void dealloc(int index) {
                super.dealloc(index);
                if (index != NULL && live == 0) {
                    shown = HeapBytes.withMax(4096);
                }
            }

            @Override
            public HeapBytes heap() {
                return shown;
            }
        };
        // WHEN it is validated
        ReplayReport report = Replayer.using("swapper", swapper).validate(trace);
        // THEN the heap it was given counts: the same 176 bytes as the honest bump allocator
        assertThat(report.heapBytes()).isEqualTo(176);
        assertThat(report.utilization()).isCloseTo(108.0 / 176.0, within(1e-12));
    }

    @Test
    void utilization_divides_by_the_heaps_high_water_mark_even_when_the_allocator_resets_it_at_the_end() {
        // GIVEN an allocator that empties its heap (HeapBytes.reset, size 0) once every block is freed: were the
        // heap's size read at the end, utilization would be 108 / 0 bytes
        Trace trace = trace("0", "3", "7", "1", "a 0 24", "a 1 40", "f 0", "r 1 100", "a 2 8", "f 1", "f 2");
        java.util.function.Function<HeapBytes, dev.alloclab.core.alloc.Allocator> resetter = heap -> new Forwarding(heap) {
            @Override
            public void dealloc(int index) {
                super.dealloc(index);
                if (index != NULL && live == 0) {
                    heap.reset();
                }
            }
        };
        // WHEN it is validated
        ReplayReport report = Replayer.using("resetter", resetter).validate(trace);
        // THEN the heap's high-water mark counts: the same 176 bytes as the honest bump allocator
        assertThat(report.heapBytes()).isEqualTo(176);
        assertThat(report.utilization()).isCloseTo(108.0 / 176.0, within(1e-12));
    }

    @Test
    void an_allocator_that_reads_its_payloads_to_tell_checked_runs_from_timed_ones_is_caught() {
        // GIVEN an allocator that looks into the block it handed out last: the validator has written a pattern
        // there, a timed run has not, so it can answer differently (here: wastefully) when nobody checks
        Trace trace = trace("0", "4", "6", "1", "a 0 24", "a 1 40", "a 2 8", "a 3 16", "f 1", "f 3");
        java.util.function.Function<HeapBytes, dev.alloclab.core.alloc.Allocator> peeker = heap -> new Forwarding(heap) {
            int last = NULL;

            @Override
            public int alloc(int size) {
                boolean watched = last != NULL && heap.readByte(last) != 0;
                int p = super.alloc(size);
                if (!watched && last != NULL) {
                    p = super.alloc(size);
                }
                last = p;
                return p;
            }
        };
        // WHEN it is replayed (validated, then timed)
        ReplayReport report = Replayer.using("peeker", peeker).runs(3).warmups(1).replay(trace);
        // THEN the validated run passed, but one timed run, whose answers are kept, gave other answers: no
        // throughput, and a note that says where and why
        assertThat(report.valid()).isTrue();
        assertThat(report.opsPerSecond()).isNaN();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("in one of the timed runs, which write and check no payload, 'a ")
                && n.contains("a fresh allocator must answer every replay of a trace the same way"));
    }

    @Test
    void an_honest_allocator_answers_the_timed_runs_as_it_answered_the_validated_one() {
        Trace trace = trace("0", "4", "6", "1", "a 0 24", "a 1 40", "a 2 8", "a 3 16", "f 1", "f 3");
        ReplayReport report = Replayer.using("bump", TestBumpAllocator::new).runs(3).warmups(1).replay(trace);
        assertThat(report.opsPerSecond()).isPositive();
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void an_allocator_that_does_not_work_in_the_heap_it_was_given_is_refused_with_a_sentence() {
        Trace trace = trace("0", "1", "2", "1", "a 0 24", "f 0");
        // an allocator made over a heap of its own choosing, whatever the replay gave it
        Replayer elsewhere = Replayer.using("elsewhere", given -> new TestBumpAllocator(HeapBytes.withMax(4096)));
        assertThatThrownBy(() -> elsewhere.validate(trace)).isInstanceOf(KitException.class)
                .hasMessageContaining("elsewhere: heap() must return the HeapBytes the allocator was made with");
    }

    /**
     * An allocator that counts its instances: the first (validated) one is honest, every later one answers with
     * overlapping blocks as fast as it can. Without the spot check its timing would count.
     */
    @Test
    void an_allocator_that_cheats_only_after_its_first_instance_is_caught_by_the_spot_check() {
        Trace trace = trace("0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        int[] instances = {0};
        java.util.function.Function<HeapBytes, dev.alloclab.core.alloc.Allocator> cheater = heap -> {
            if (instances[0]++ == 0) {
                return new TestBumpAllocator(heap);
            }
            heap.sbrk(64);
            return new dev.alloclab.core.alloc.Allocator() {
                public int alloc(int size) {
                    return 8; // every block at the same place: overlapping, but fast
                }

                public void dealloc(int index) {
                }

                public HeapBytes heap() {
                    return heap;
                }

                public int usableSize(int index) {
                    return 56;
                }
            };
        };
        // WHEN replayed with one warm-up and three timed runs, several times (the spot check's place is random)
        for (int i = 0; i < 5; i++) {
            instances[0] = 0;
            ReplayReport report = Replayer.using("cheater", cheater).runs(3).warmups(1).replay(trace);
            // THEN it is never reported valid and timed: the spot check found the overlap
            assertThat(report.valid()).isFalse();
            assertThat(report.timed()).isFalse();
            assertThat(report.failure().orElseThrow().kind()).isEqualTo(ValidationFailure.Kind.OVERLAP);
            assertThat(report.notes()).anyMatch(n -> n.contains("placed at random among the timed runs"));
        }
    }

    @Test
    void an_empty_trace_has_zero_utilization_rather_than_a_division_by_zero() {
        ReplayReport report = Replayer.using("bump", TestBumpAllocator::new).validate(trace("0", "0", "0", "1"));
        assertThat(report.utilization()).isZero();
    }

    @Test
    void a_valid_run_is_timed_and_an_invalid_one_is_not() {
        Trace trace = trace("0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        ReplayReport valid = Replayer.using("first-fit", TestFirstFitAllocator::new).runs(3).warmups(1).replay(trace);
        assertThat(valid.timed()).isTrue();
        assertThat(valid.opsPerSecond()).isPositive();
        assertThat(valid.kops()).isCloseTo(valid.opsPerSecond() / 1000, within(1e-9));
        ReplayReport invalid = Replayer.using("tiny", TestBumpAllocator::new).heap(() -> HeapBytes.withMax(48)).replay(trace);
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.timed()).isFalse();
    }

    @Test
    void running_out_of_memory_is_reported_as_a_failure_not_a_crash() {
        // GIVEN a 128-byte heap and three 64-byte blocks
        Trace trace = trace("0", "3", "3", "1", "a 0 64", "a 1 64", "a 2 64");
        ReplayReport report = Replayer.using("bump", TestBumpAllocator::new).heap(() -> HeapBytes.withMax(128)).replay(trace);
        // THEN the third alloc is the failure, named by op and line
        ValidationFailure failure = report.failure().orElseThrow();
        assertThat(failure.kind()).isEqualTo(ValidationFailure.Kind.OUT_OF_MEMORY);
        assertThat(failure.where()).isEqualTo("op 3 (trace line 7: a 2 64)");
        assertThat(failure.picture()).isEmpty();
    }

    @Test
    void a_request_larger_than_the_heap_can_ever_hold_returns_null_and_is_noted() {
        // GIVEN a size no 20 MiB heap can serve, freed and reallocated later
        Trace trace = trace("0", "2", "5", "1", "a 0 30000000000", "a 1 16", "r 1 99999999999", "f 0", "f 1");
        // WHEN replayed (validated and timed)
        ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).runs(1).warmups(0).replay(trace);
        // THEN the allocator is not blamed, the free of the null block does nothing, and both are noted
        assertThat(report.valid()).isTrue();
        assertThat(report.timed()).isTrue();
        assertThat(report.peakLiveBytes()).isEqualTo(16);
        assertThat(report.notes()).hasSize(2);
        assertThat(report.notes().get(0)).startsWith("line 5: 'a 0 30000000000' asks for more than the heap can ever hold");
    }

    @Test
    void a_block_whose_request_was_too_large_is_null_so_it_may_be_allocated_or_freed_again() {
        // GIVEN C's p = malloc(25 MB) on a 20 MiB heap (NULL), then p = malloc(16); and free(NULL) twice
        Trace allocAgain = trace("0", "1", "3", "1", "a 0 25000000", "a 0 16", "f 0");
        Trace freeTwice = trace("0", "1", "4", "1", "a 0 25000000", "f 0", "f 0", "a 0 16");
        Replayer replayer = Replayer.using("first-fit", TestFirstFitAllocator::new);
        // WHEN replayed, THEN both are correct programs: the block is null after the refused request
        assertThat(replayer.validate(allocAgain).valid()).isTrue();
        assertThat(replayer.validate(allocAgain).peakLiveBytes()).isEqualTo(16);
        assertThat(replayer.validate(freeTwice).valid()).isTrue();
    }

    @Test
    void the_command_a_refusal_suggests_can_be_pasted_when_the_trace_name_has_a_space() {
        // GIVEN a double free in a trace from a folder copied off Windows
        Trace trace = Trace.parse("Malloc Lab/t.rep", "0\n1\n3\n1\na 0 8\nf 0\nf 0\n", ParseMode.LENIENT);
        // WHEN replayed THEN the suggested command quotes the name, so that a shell reads it as one word
        assertThatThrownBy(() -> Replayer.using("first-fit", TestFirstFitAllocator::new).validate(trace))
                .hasMessageContaining("(alloclab replay 'Malloc Lab/t.rep' --check)");
    }

    @Test
    void quirks_and_skipped_reads_and_writes_are_reported() {
        Trace trace = trace("0", "1", "4", "1", "f -1", "a 0 16", "w 0 0 16", "f 0");
        ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).validate(trace);
        assertThat(report.skippedAccesses()).isEqualTo(1);
        assertThat(report.ops()).isEqualTo(3);
        assertThat(report.notes()).containsExactly("line 5: 'f -1' frees null: nothing to do");
    }

    @Test
    void a_trace_whose_program_is_wrong_is_refused_with_its_line_and_a_pointer_to_the_checked_heap() {
        Replayer replayer = Replayer.using("first-fit", TestFirstFitAllocator::new);
        assertThatThrownBy(() -> replayer.validate(trace("0", "1", "3", "1", "a 0 8", "f 0", "f 0")))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("t.rep:7:1: 'f 0' frees block 0 again: it was freed at line 6 (a double free)")
                .hasMessageContaining("--check");
        assertThatThrownBy(() -> replayer.validate(trace("0", "1", "3", "1", "a 0 8", "f 0", "r 0 16")))
                .hasMessageStartingWith("t.rep:7:1: 'r 0 16' reallocates block 0, which was freed at line 6");
        assertThatThrownBy(() -> replayer.validate(trace("0", "1", "2", "1", "a 0 8", "a 0 8")))
                .hasMessageStartingWith("t.rep:6:1: 'a 0 8' allocates block 0 again, but it is still allocated (since line 5)");
        assertThatThrownBy(() -> replayer.validate(Trace.bundled("teaching/double-free")))
                .hasMessageContaining("teaching/double-free.rep:13:1:");
    }

    @Test
    void zero_sizes_follow_the_contract_alloc_0_is_null_and_realloc_to_0_frees() {
        Trace trace = trace("0", "2", "5", "1", "a 0 0", "f 0", "a 1 8", "r 1 0", "f 1");
        ReplayReport report = Replayer.using("first-fit", TestFirstFitAllocator::new).runs(1).replay(trace);
        assertThat(report.valid()).isTrue();
        assertThat(report.peakLiveBytes()).isEqualTo(8);
    }

    @Test
    void an_allocator_instance_can_be_validated_once_and_throughput_measured_alone() {
        Trace trace = trace("0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        ReplayReport report = Replayer.validate(trace, new TestFirstFitAllocator(HeapBytes.withMax(1024)), "mine");
        assertThat(report.allocator()).isEqualTo("mine");
        assertThat(report.valid()).isTrue();
        assertThat(Replayer.using("bump", TestBumpAllocator::new).runs(2).warmups(0).throughput(trace)).isPositive();
    }

    @Test
    void bad_settings_and_unknown_allocators_are_sentences() {
        Replayer replayer = Replayer.using("bump", TestBumpAllocator::new);
        assertThatThrownBy(() -> replayer.runs(0)).hasMessage("runs must be > 0, but was 0");
        assertThatThrownBy(() -> replayer.warmups(-1)).hasMessage("warmups must be >= 0, but was -1");
        assertThatThrownBy(() -> Replayer.forAllocator("no-such-allocator")).isInstanceOf(KitException.class)
                .hasMessageContaining("no allocator is called 'no-such-allocator'");
    }

    @Test
    void every_timed_run_starts_from_an_empty_heap_even_though_the_heap_is_reused() {
        // GIVEN a replayer that records the heap's size whenever it creates an allocator
        Trace trace = trace("0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        java.util.List<Integer> sizesAtStart = new java.util.ArrayList<>();
        java.util.Set<HeapBytes> heaps = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Replayer replayer = Replayer.using("bump", heap -> {
            sizesAtStart.add(heap.size());
            heaps.add(heap);
            return new TestBumpAllocator(heap);
        }).runs(3).warmups(2);
        // WHEN it measures throughput (the bump allocator grows the heap in every run)
        replayer.throughput(trace);
        // THEN each of the 5 runs began with size() == 0, on one shared heap
        assertThat(sizesAtStart).hasSize(5).containsOnly(0);
        assertThat(heaps).hasSize(1);
    }

    @Test
    void warm_up_continues_until_the_warm_up_time_is_spent() {
        // GIVEN no warm-up runs asked for, but 30 ms of warm-up time
        Trace trace = trace("0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        int[] created = new int[1];
        Replayer replayer = Replayer.using("bump", heap -> {
            created[0]++;
            return new TestBumpAllocator(heap);
        }).runs(1).warmups(0).warmupTime(java.time.Duration.ofMillis(30)).clock(Replayer.Clock.WALL);
        // WHEN throughput is measured
        long start = System.nanoTime();
        replayer.throughput(trace);
        // THEN the warm-up took at least 30 ms, in more than one run of this tiny trace
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(30_000_000L);
        assertThat(created[0]).isGreaterThan(2);
        assertThat(replayer.clock()).isEqualTo(Replayer.Clock.WALL);
        assertThatThrownBy(() -> replayer.warmupTime(java.time.Duration.ofMillis(-1)))
                .hasMessageContaining("warmupTime must be >= 0");
    }

    @Test
    void the_default_clock_is_the_threads_cpu_time_where_the_jvm_has_it() {
        assertThat(Replayer.using("bump", TestBumpAllocator::new).clock()).isEqualTo(Replayer.Clock.best());
        assertThat(Replayer.Clock.THREAD_CPU.now()).isNotNegative();
        assertThat(Replayer.using("bump", TestBumpAllocator::new).clock(Replayer.Clock.THREAD_CPU).runs(1)
                .throughput(trace("0", "1", "2", "1", "a 0 8", "f 0"))).isPositive();
    }

    /**
     * The honest bump allocator, forwarded call by call, counting its live blocks: each cheat above overrides the
     * one call it bends.
     */
    private static class Forwarding implements dev.alloclab.core.alloc.Allocator {
        final HeapBytes heap;
        final TestBumpAllocator real;
        int live;

        Forwarding(HeapBytes heap) {
            this.heap = heap;
            this.real = new TestBumpAllocator(heap);
        }

        @Override
        public int alloc(int size) {
            int p = real.alloc(size);
            live += p == NULL ? 0 : 1;
            return p;
        }

        @Override
        public void dealloc(int index) {
            real.dealloc(index);
            live -= index == NULL ? 0 : 1;
        }

        @Override
        public int realloc(int index, int size) {
            return real.realloc(index, size);
        }

        @Override
        public HeapBytes heap() {
            return heap;
        }

        @Override
        public int usableSize(int index) {
            return real.usableSize(index);
        }
    }
}
