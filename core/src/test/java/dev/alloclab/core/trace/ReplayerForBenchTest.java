package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.memory.HeapBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code alloclab bench} asks of the replay: its phases, a bounded warm-up, and what a trace's reading changed. */
class ReplayerForBenchTest {
    private static final String PAIR = "0\n2\n4\n1\na 0 200\na 1 300\nf 0\nf 1\n";

    @Test
    void a_replay_announces_its_phases_in_order() {
        // GIVEN a replayer that records the phases it is told
        List<Replayer.Phase> seen = new ArrayList<>();
        Replayer replayer = Replayer.forAllocator("first-fit").runs(1).warmups(1).onPhase(seen::add);
        // WHEN it replays a valid trace
        ReplayReport report = replayer.replay(Trace.parse("pair.rep", PAIR, ParseMode.STRICT));
        // THEN it validated, warmed up and timed, in that order
        assertThat(report.timed()).isTrue();
        assertThat(seen).containsExactly(Replayer.Phase.VALIDATING, Replayer.Phase.WARMING_UP, Replayer.Phase.TIMING);
    }

    @Test
    void a_validated_run_tells_how_far_it_has_got_every_4096_operations() {
        // GIVEN a trace of 10,000 allocations and frees, and a replayer that records its progress calls
        StringBuilder text = new StringBuilder("0\n5000\n10000\n1\n");
        for (int i = 0; i < 5000; i++) {
            text.append("a ").append(i).append(" 8\n");
        }
        for (int i = 0; i < 5000; i++) {
            text.append("f ").append(i).append('\n');
        }
        List<String> seen = new ArrayList<>();
        Replayer replayer = Replayer.forAllocator("first-fit").runs(1).warmups(0)
                .onProgress((done, total) -> seen.add(done + "/" + total));
        // WHEN it replays
        replayer.replay(Trace.parse("many.rep", text.toString(), ParseMode.STRICT));
        // THEN the validated run reported at 4096 and 8192 of 10,000 (the spot check among the timed runs does not:
        // its count from 0 would read as going backwards)
        assertThat(seen).containsExactly("4096/10000", "8192/10000");
    }

    @Test
    void an_invalid_replay_stops_after_validating() {
        // GIVEN a trace that needs more than the heap's 4 KiB
        List<Replayer.Phase> seen = new ArrayList<>();
        Replayer replayer = Replayer.forAllocator("first-fit").heap(() -> HeapBytes.withMax(4096)).runs(1)
                .onPhase(seen::add);
        // WHEN it is replayed
        ReplayReport report = replayer.replay(Trace.parse("big.rep", "0\n2\n2\n1\na 0 3000\na 1 3000\n", ParseMode.STRICT));
        // THEN the run is invalid and never timed
        assertThat(report.valid()).isFalse();
        assertThat(seen).containsExactly(Replayer.Phase.VALIDATING);
    }

    @Test
    void a_warm_up_limit_of_a_nanosecond_makes_one_warm_up_run_where_a_thousand_were_asked() {
        // GIVEN a replayer asked for 1,000 warm-up runs, bounded by 1 ns, counting the allocators it makes
        int[] made = {0};
        Replayer replayer = Replayer.using("counted", heap -> {
            made[0]++;
            return dev.alloclab.core.alloc.Allocators.create("first-fit", heap);
        }).runs(1).warmups(1000).warmupLimit(Duration.ofNanos(1));
        // WHEN it replays
        replayer.replay(Trace.parse("pair.rep", PAIR, ParseMode.STRICT));
        // THEN it made the validated run, one warm-up run, the spot check and the timed run: 4 allocators
        assertThat(made[0]).isEqualTo(4);
        assertThatThrownBy(() -> replayer.warmupLimit(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckedReplayer.Timing(1, 1, Duration.ZERO, Replayer.Clock.WALL, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requests_larger_than_the_heap_are_counted_as_replayed_as_null() {
        // GIVEN a trace with an alloc and a realloc larger than a 4 KiB heap, and one that fits
        Trace trace = Trace.parse("large.rep", "0\n2\n4\n1\na 0 5000\na 1 16\nr 1 9000\nf 1\n", ParseMode.STRICT);
        // THEN two requests are replayed as null on a 4 KiB heap, none on the 20 MiB one
        assertThat(Replayer.requestsReplayedAsNull(trace, 4096)).isEqualTo(2);
        assertThat(Replayer.requestsReplayedAsNull(trace, HeapBytes.MALLOC_LAB_MAX)).isZero();
    }

    @Test
    void the_lenient_readings_that_change_the_program_are_told_apart_from_layout_quirks() {
        // GIVEN a two-number header, an f -1, a free of a never-allocated block, an alloc without a size and a tail
        Trace trace = Trace.parse("quirks.rep", "3\n4\na 0 16\nf -1\nf 2\na 1\nnotes of the course\n", ParseMode.LENIENT);
        // THEN only the last three change which operations are replayed
        assertThat(trace.quirks()).filteredOn(TraceQuirk::changesProgram).extracting(TraceQuirk::line)
                .containsExactly(5, 6, 7);
        assertThat(trace.quirks()).filteredOn(q -> !q.changesProgram()).extracting(TraceQuirk::line)
                .containsExactly(1, 4);
    }

    @Test
    void a_double_free_names_the_replay_command_that_shows_it() {
        // GIVEN a trace that frees block 0 twice
        Trace trace = Trace.parse("df.rep", "0\n1\n3\n1\na 0 16\nf 0\nf 0\n", ParseMode.STRICT);
        // THEN the refusal gives the whole command, usable from bench --check too
        assertThatThrownBy(() -> Replayer.checkProgram(trace, 4096)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("alloclab replay df.rep --check");
    }
}
