package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A trace without {@code w} or {@code rd} lines (every Malloc Lab trace) replays on the checked heap with no
 * quarantine ({@link CheckedReplayer#quarantineFor}), so the allocator under it gets the program's allocs and frees
 * when the program makes them: the same calls, with the same answers, as in the plain replay that is timed and
 * graded. (An {@code r} line can differ: the checked heap keeps a realloc that fits the block's usable bytes
 * without asking the allocator, so these programs have none.)
 */
class SameAllocatorCallsPropertiesTest {

    @Property(tries = 60)
    void an_access_free_trace_makes_the_plain_replays_allocator_calls_on_the_checked_heap(
            @ForAll long seed, @ForAll("allocatorNames") String name,
            @ForAll @IntRange(min = 1, max = 3000) int operations) {
        // GIVEN a correct random program of allocs and frees, small and large blocks, ids used again after a free
        Trace trace = program(new Random(seed), operations);
        // WHEN it is replayed plain and on the checked heap, each over an allocator that logs its calls
        List<String> plain = new ArrayList<>();
        Replayer.timedRun(ReplayProgram.decode(trace, HeapBytes.MALLOC_LAB_MAX),
                new Logging(Allocators.create(name, HeapBytes.mallocLabSized()), plain), Replayer.Clock.best());
        List<String> checked = new ArrayList<>();
        CheckedReplayReport report = CheckedReplayer.replay(trace,
                new Logging(Allocators.create(name, HeapBytes.mallocLabSized()), checked), name);
        // THEN the program is clean, and the allocator saw the same calls and gave the same answers
        assertThat(report.violations()).isEmpty();
        assertThat(checked).containsExactlyElementsOf(plain);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> allocatorNames() {
        return net.jqwik.api.Arbitraries.of("segregated", "implicit", "first-fit", "best-fit");
    }

    /** A correct program of {@code operations} lines: an alloc on a free id, or a free of a live one. */
    private static Trace program(Random random, int operations) {
        int ids = 1 + random.nextInt(200);
        boolean[] live = new boolean[ids];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
            int id = random.nextInt(ids);
            if (live[id]) {
                lines.add("f " + id);
            } else {
                int size = 1 + random.nextInt(random.nextInt(4) == 0 ? 20_000 : 64);
                lines.add("a " + id + " " + size);
            }
            live[id] = !live[id];
        }
        String text = "0\n" + ids + "\n" + lines.size() + "\n1\n" + String.join("\n", lines) + "\n";
        return Trace.parse("random.rep", text, ParseMode.LENIENT);
    }

    /** An allocator that logs every call and its answer, then passes it on. */
    private record Logging(Allocator allocator, List<String> log) implements Allocator {
        @Override
        public int alloc(int size) {
            int p = allocator.alloc(size);
            log.add("alloc(" + size + ") = " + p);
            return p;
        }

        @Override
        public void dealloc(int index) {
            log.add("dealloc(" + index + ")");
            allocator.dealloc(index);
        }

        @Override
        public int realloc(int index, int size) {
            int p = allocator.realloc(index, size);
            log.add("realloc(" + index + ", " + size + ") = " + p);
            return p;
        }

        @Override
        public HeapBytes heap() {
            return allocator.heap();
        }

        @Override
        public int usableSize(int index) {
            return allocator.usableSize(index);
        }
    }
}
