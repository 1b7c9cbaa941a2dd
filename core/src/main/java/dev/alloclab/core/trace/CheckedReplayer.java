package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.BlockRecord;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.check.TaggedIndex;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.memory.HeapBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Replays a trace as a program running on the {@link CheckedHeap}: the question is no longer
 * "does the allocator keep the rules" but "does the program": use-after-free, double free, invalid
 * free, overflow, leaks. Every block's site is its trace line, so reports read
 * {@code allocated by alloc(20) step 1 trace line 8}.
 *
 * <ul>
 *   <li>Block ids keep their last index after a free, like a C pointer, so {@code f 3} twice is a
 *       double free and {@code rd 3 0 4} after {@code f 3} a use-after-free.</li>
 *   <li>{@code w id offset length} writes {@code length} bytes one by one at the block's index plus
 *       {@code offset}; {@code rd} reads them. An op stops at its first mistake, so one bad line
 *       makes one report. A block never allocated has the null index (-1).</li>
 *   <li>The heap records mistakes and goes on ({@link CheckedHeap.OnViolation#RECORD}): the
 *       faulty operation is skipped and the replay continues, so a trace can show several.</li>
 *   <li>A request larger than the heap's maximum returns null without asking, and is noted; it is still a step
 *       ({@link CheckedHeap#refusedRequest()}), so every trace operation is one.</li>
 *   <li>Each access names the block its line names ({@link CheckedHeap#accessesFrom(int, boolean)}), so an offset
 *       that leaves the heap ({@code rd 0 -100000 4}) is still reported against block 0, and says whether its
 *       offset and length leave that block, which the replay knows from the id's size: {@code rd 0 24 1} on a
 *       16-byte block is an overflow even where the byte is a live neighbour's and no tag tells.</li>
 *   <li>A second {@code f} of a freed id is refused ({@link CheckedHeap#deallocFreed(int)}), and so is an {@code r}
 *       of one ({@link CheckedHeap#reallocFreed(int)}), even when a newer block got its address and no tag tells
 *       the indexes apart. A heap over 128 MiB replays untagged, and the
 *       report says once what that still misses: a {@code w} or {@code rd} through a freed id after reuse.</li>
 *   <li>Realloc grows or shrinks in place when the allocator can
 *       ({@link CheckedHeap.Builder#reallocAlwaysMoves(boolean) reallocAlwaysMoves(false)}). Moving
 *       every time, as AddressSanitizer does, catches a stale copy of the old index; a trace has no
 *       such copy (an {@code r} line gives its id the new index), so here moving would catch
 *       nothing and only make a block grown step by step cost the square of its size.</li>
 *   <li>A trace with no {@code w} or {@code rd} line (every Malloc Lab trace) defers the shadow
 *       ({@link CheckedHeap.Builder#deferShadow(boolean) deferShadow(true)}): such a program can only
 *       go wrong in its frees and leaks, which the block table finds, so the shadow is written only if
 *       a report needs it. Its reports are the same; the replay costs about half as much.</li>
 *   <li>Such a trace also runs with no quarantine ({@link #quarantineFor}): with no access to catch, delaying reuse
 *       would only change the allocator's work. The allocator then gets the plain replay's allocs and frees, in
 *       its order, so it is checked on the run the bench times and the grader scores.</li>
 * </ul>
 *
 * <h2>Timing</h2>
 * {@link #nanos(Trace, Function, Supplier, Timing)} times the replay loop the way
 * {@link Replayer} times the unchecked one, so that "checked ÷ unchecked" compares like with
 * like: the trace decoded into flat arrays first, one {@link HeapBytes} for all runs emptied with
 * {@link HeapBytes#reset()}, the checked heap built before the clock starts (its shadow and block
 * table sized for the heap the previous run reached, its block bookkeeping made for as many
 * blocks as the trace creates: the unchecked replay's reused heap does not grow while timed
 * either), warm-up until the JIT has compiled the hot path,
 * the same clock, the median of the runs. The end-of-program leak report is not timed: the
 * unchecked replay has nothing like it, and it is built once, not per operation.
 */
public final class CheckedReplayer {
    private CheckedReplayer() {
    }

    /**
     * Called after each operation of a checked replay, for step-by-step pictures.
     * {@code newViolations} are the mistakes this operation made (usually none).
     */
    @FunctionalInterface
    public interface AfterEachOp {
        void after(TraceOp op, CheckedHeap heap, List<Violation> newViolations);
    }

    /**
     * How a checked replay is timed; the same knobs as {@link Replayer}'s.
     *
     * @param runs timed runs, the median counts (at least 1)
     * @param warmups untimed runs first (0 or more)
     * @param warmupTime ... continued until they took this long on the clock
     * @param clock what the runs are timed with
     * @param warmupLimit warming stops once a run is made and the runs took this long (zero: no bound); see
     *     {@link Replayer#warmupLimit(Duration)}
     */
    public record Timing(int runs, int warmups, Duration warmupTime, Replayer.Clock clock, Duration warmupLimit) {
        public Timing {
            Checks.positive(runs, "runs");
            Checks.notNegative(warmups, "warmups");
            Checks.notNull(warmupTime, "warmupTime");
            Checks.notNull(clock, "clock");
            Checks.notNull(warmupLimit, "warmupLimit");
            if (warmupTime.isNegative()) {
                throw new IllegalArgumentException("warmupTime must be >= 0, but was " + warmupTime);
            }
            if (warmupLimit.isNegative()) {
                throw new IllegalArgumentException("warmupLimit must be >= 0, but was " + warmupLimit);
            }
        }

        /** Timing with no bound on the warm-up's time. */
        public Timing(int runs, int warmups, Duration warmupTime, Replayer.Clock clock) {
            this(runs, warmups, warmupTime, clock, Duration.ZERO);
        }
    }

    /** Replays {@code trace} on a checked heap over {@code allocator} (fresh), named {@code name} in reports. */
    public static CheckedReplayReport replay(Trace trace, Allocator allocator, String name) {
        return replay(trace, allocator, name, null);
    }

    /** As {@link #replay(Trace, Allocator, String)}, calling {@code afterEachOp} after every operation. */
    public static CheckedReplayReport replay(Trace trace, Allocator allocator, String name, AfterEachOp afterEachOp) {
        Checks.notNull(trace, "trace");
        Checks.notNull(allocator, "allocator");
        CheckedReplayProgram program = CheckedReplayProgram.decode(trace, allocator.heap().maxSize());
        CheckedHeap heap = CheckedHeap.builder(allocator).onViolation(CheckedHeap.OnViolation.RECORD)
                .reallocAlwaysMoves(false).taggedIndexes(taggable(allocator.heap()))
                .quarantineBytes(quarantineFor(program)).deferShadow(!program.accessesBlocks).build();
        List<String> notes = new ArrayList<>(program.notes);
        if (!heap.isTagged() && program.accessesBlocks) {
            notes.add(untaggedNote(allocator.heap()));
        }
        long start = System.nanoTime();
        run(program, heap, afterEachOp, notes);
        long nanos = System.nanoTime() - start;
        LeakReport leaks = heap.leakReport();
        return new CheckedReplayReport(trace.name(), name, heap.step(), heap.violations(), leaks, nanos,
                notes, traceIds(program, heap.violations(), leaks));
    }

    /**
     * The trace id of each block the reports name: the id of the {@code a} or {@code r} line that made it (its
     * allocation site is that line). Worked out once, after the replay: the loop itself keeps no names.
     */
    private static Map<Integer, Integer> traceIds(CheckedReplayProgram program, List<Violation> violations,
                                                  LeakReport leaks) {
        Map<Integer, Integer> ids = new HashMap<>();
        List<BlockRecord> named = new ArrayList<>();
        for (Violation v : violations) {
            named.add(v.block());
            named.add(v.otherBlock());
        }
        for (Violation leak : leaks.leaks()) {
            named.add(leak.block());
        }
        for (BlockRecord block : named) {
            if (block == null) {
                continue;
            }
            // ops are in file order, so their lines increase: a binary search finds the line's op
            int op = Arrays.binarySearch(program.line, 0, program.count, block.allocated().site().traceLine());
            if (op >= 0 && program.id[op] != TraceOp.NULL_ID) {
                ids.put(block.id(), program.id[op]);
            }
        }
        return ids;
    }

    /**
     * The median time in nanoseconds of the checked replay loop on {@code trace} (see the class
     * comment), each run on an allocator {@code allocators} makes over the one heap
     * {@code heaps} gives.
     */
    public static double nanos(Trace trace, Function<HeapBytes, Allocator> allocators, Supplier<HeapBytes> heaps,
                               Timing timing) {
        long[] nanos = sortedRunNanos(trace, allocators, heaps, timing);
        int runs = nanos.length;
        return runs % 2 == 1 ? nanos[runs / 2] : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2.0;
    }

    /**
     * How many times longer the checked replay of {@code trace} takes than the unchecked one, measured in
     * <em>alternating</em> runs: after both loops are warm, each round times one unchecked run and one checked run
     * back to back (the order swapped every round), and the answer is the median of the rounds' ratios.
     *
     * <p>Why not the ratio of two medians taken one after the other: each run of a kit trace takes about a
     * millisecond, so a burst of load from another process on a shared two-core machine can cover all five runs
     * of one side and none of the other, and move the ratio 2 to 7 times (26 Nov 2026, docs/performance-log.md).
     * Timed in alternation, a burst slows both runs of a round, and the round's ratio stays what it is.
     */
    public static double slowdown(Trace trace, Function<HeapBytes, Allocator> allocators, Supplier<HeapBytes> heaps,
                                  Timing timing) {
        Checks.notNull(trace, "trace");
        Checks.notNull(allocators, "allocators");
        Checks.notNull(timing, "timing");
        HeapBytes bytes = Checks.notNull(heaps, "heaps").get();
        CheckedReplayProgram checked = CheckedReplayProgram.decode(trace, bytes.maxSize());
        ReplayProgram unchecked = ReplayProgram.decode(trace, bytes.maxSize());
        java.util.function.LongSupplier checkedRun = checkedRuns(checked, bytes, allocators, timing.clock());
        java.util.function.LongSupplier uncheckedRun = () -> {
            bytes.reset();
            return Math.max(1, Replayer.timedRun(unchecked, allocators.apply(bytes), timing.clock()));
        };
        warmUp(uncheckedRun, timing);
        warmUp(checkedRun, timing);
        double[] ratios = new double[timing.runs()];
        for (int i = 0; i < ratios.length; i++) {
            long plain;
            long watched;
            if (i % 2 == 0) {
                plain = uncheckedRun.getAsLong();
                watched = checkedRun.getAsLong();
            } else {
                watched = checkedRun.getAsLong();
                plain = uncheckedRun.getAsLong();
            }
            ratios[i] = (double) watched / plain;
        }
        Arrays.sort(ratios);
        int runs = ratios.length;
        return runs % 2 == 1 ? ratios[runs / 2] : (ratios[runs / 2 - 1] + ratios[runs / 2]) / 2;
    }

    /** Every timed run's nanoseconds, in increasing order (what {@link #nanos} takes the median of). */
    static long[] sortedRunNanos(Trace trace, Function<HeapBytes, Allocator> allocators, Supplier<HeapBytes> heaps,
                                 Timing timing) {
        Checks.notNull(trace, "trace");
        Checks.notNull(allocators, "allocators");
        Checks.notNull(timing, "timing");
        HeapBytes bytes = Checks.notNull(heaps, "heaps").get();
        java.util.function.LongSupplier run = checkedRuns(CheckedReplayProgram.decode(trace, bytes.maxSize()), bytes,
                allocators, timing.clock());
        warmUp(run, timing);
        long[] nanos = new long[timing.runs()];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = run.getAsLong();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /**
     * One timed checked run per call (its nanoseconds, at least 1): a fresh allocator over the emptied {@code bytes},
     * a checked heap sized for the heap the runs so far reached, the notes of the run dropped.
     */
    private static java.util.function.LongSupplier checkedRuns(CheckedReplayProgram program, HeapBytes bytes,
                                                               Function<HeapBytes, Allocator> allocators,
                                                               Replayer.Clock clock) {
        List<String> notes = new ArrayList<>();
        int[] reached = {0};
        return () -> {
            bytes.reset();
            long took = timedRun(program, checkedHeap(allocators.apply(bytes), reached[0], program), clock, notes);
            reached[0] = Math.max(reached[0], bytes.size());
            notes.clear();
            return Math.max(1, took);
        };
    }

    /** The bench's warm-up ({@link WarmUp}) of {@code run}, as {@code timing} asks it. */
    private static void warmUp(java.util.function.LongSupplier run, Timing timing) {
        WarmUp.run(run, WarmUp.jitMillis(), timing.warmups(), timing.warmupTime().toNanos(), Replayer.MAX_WARMUPS,
                timing.warmupLimit().toNanos());
    }

    /** A timed run's checked heap, its bookkeeping sized for the trace and the heap the last run reached. */
    private static CheckedHeap checkedHeap(Allocator allocator, int expectedHeapBytes, CheckedReplayProgram program) {
        return CheckedHeap.builder(allocator)
                .onViolation(CheckedHeap.OnViolation.RECORD)
                .reallocAlwaysMoves(false)
                .taggedIndexes(taggable(allocator.heap()))
                .expectedHeapBytes(expectedHeapBytes)
                .expectedBlocks(program.blocksCreated)
                .quarantineBytes(quarantineFor(program))
                .deferShadow(!program.accessesBlocks)
                .build();
    }

    private static long timedRun(CheckedReplayProgram program, CheckedHeap heap, Replayer.Clock clock,
                                 List<String> notes) {
        long start = clock.now();
        run(program, heap, null, notes);
        return clock.now() - start;
    }

    /**
     * Whether the replay hands out tagged indexes: whenever the heap can be addressed by one (at most 128 MiB). A
     * trace's ids behave like C pointers: after {@code f 0}, id 0 still holds the old index, and once the
     * allocator hands that address to a newer block, {@code w 0 ...} or a second {@code f 0} would hit the newer
     * block unseen. The tag the index carries no longer matches, so the mistake is reported at its own line, with
     * id 0's history, and the newer block stays its owner's.
     */
    private static boolean taggable(HeapBytes heap) {
        return heap.maxSize() <= TaggedIndex.MAX_HEAP_BYTES;
    }

    /**
     * The quarantine a replay of {@code program} gets: the checked heap's default when the trace reads or writes its
     * blocks, none when it does not. A quarantine delays reuse so that an access through a stale index lands on
     * freed bytes rather than on a newer block's; a trace without {@code w} or {@code rd} lines makes no access, and
     * its other mistakes with a freed id (a second {@code f}, an {@code r}) are refused from the id table whether or
     * not the memory was reused. Without a quarantine such a replay also makes exactly the allocator calls the
     * plain replay makes, so the allocator is checked on the run that is timed and graded, and "checked ÷
     * unchecked" times the checks, not a second allocator run in a heap grown by a megabyte of delayed frees.
     */
    static int quarantineFor(CheckedReplayProgram program) {
        return program.accessesBlocks ? CheckedHeap.DEFAULT_QUARANTINE_BYTES : 0;
    }

    /** Why this replay runs without tags, and the one mistake that then goes unseen. */
    private static String untaggedNote(HeapBytes heap) {
        return "this replay is untagged: the heap may grow to " + heap.maxSize() + " bytes, more than the 128 MiB a "
                + "tagged index can hold. Each w and rd line is still checked against its own block's size, and a "
                + "second f of a freed id is still refused, but a w or rd through an id freed earlier, once a newer "
                + "block holds its memory, reads or writes that block unreported (as AddressSanitizer misses it once "
                + "its quarantine has let go). Replay with --heap-max 128MiB or less to catch that too.";
    }

    /** The replay loop; {@code afterEachOp} may be null. */
    private static void run(CheckedReplayProgram program, CheckedHeap heap, AfterEachOp afterEachOp,
                            List<String> notes) {
        final byte[] kind = program.kind;
        final int[] ids = program.id;
        final int[] size = program.size;
        final int[] line = program.line;
        final int[] index = new int[program.slots];
        Arrays.fill(index, Allocator.NULL);
        // what the plain replay's id table knows too: each id's block size, and whether its last f freed it. With
        // them a line is checked against its own block and a second f of an id is refused, tags or no tags
        final int[] blockSize = new int[program.slots];
        final boolean[] freed = new boolean[program.slots];
        for (int i = 0; i < program.count; i++) {
            int violationsBefore = afterEachOp == null ? 0 : heap.violationCount();   // only pictures ask
            heap.atTraceLine(line[i]);
            int id = ids[i];
            switch (kind[i]) {
                case CheckedReplayProgram.ALLOC -> {
                    index[id] = heap.alloc(size[i]);
                    blockSize[id] = size[i];
                    freed[id] = false;
                }
                case CheckedReplayProgram.FREE -> {
                    if (id == TraceOp.NULL_ID) {
                        heap.dealloc(Allocator.NULL);
                    } else if (freed[id]) {
                        heap.deallocFreed(index[id]);
                    } else {
                        heap.dealloc(index[id]);
                        freed[id] = index[id] != Allocator.NULL;
                    }
                }
                case CheckedReplayProgram.REALLOC -> {
                    if (freed[id]) {
                        heap.reallocFreed(index[id]);   // refused: the id keeps its stale index, as after a second f
                    } else {
                        int p = heap.realloc(index[id], size[i]);
                        if (p != Allocator.NULL || size[i] == 0) {
                            index[id] = p;
                            blockSize[id] = size[i];
                            freed[id] = false;
                        }
                    }
                }
                case CheckedReplayProgram.WRITE, CheckedReplayProgram.READ ->
                        access(program, i, heap, index[id], freed[id] ? -1 : blockSize[id], notes);
                // a request no heap can hold is not passed on, but it is a step of the program all the same
                case CheckedReplayProgram.ALLOC_TOO_LARGE -> {
                    index[id] = heap.refusedRequest();
                    freed[id] = false;
                }
                default -> heap.refusedRequest(); // REALLOC_TOO_LARGE: fails, the block keeps its index
            }
            if (afterEachOp != null) {
                List<Violation> all = heap.violations();
                afterEachOp.after(program.trace.ops().get(i), heap, all.size() == violationsBefore ? List.of()
                        : all.subList(violationsBefore, all.size()));
            }
        }
    }

    private static String bytesText(long count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }

    /** One {@code w} or {@code rd} line from {@code base}, the index of a block of {@code blockSize} bytes (-1: freed). */
    private static void access(CheckedReplayProgram program, int i, CheckedHeap heap, int base, int blockSize,
                               List<String> notes) {
        long offset = program.offset[i];
        long length = program.bytes[i];
        int id = program.id[i];
        boolean write = program.kind[i] == CheckedReplayProgram.WRITE;
        // through NULL, any offset is a null dereference (C faults on the zero page), not a read of heap index offset - 1
        // the offset moves the address, never the tag: the index keeps the tag its block was handed out with
        long limit = heap.isTagged() ? TaggedIndex.MAX_HEAP_BYTES : Integer.MAX_VALUE;
        long address = base == Allocator.NULL ? Allocator.NULL : heap.addressOf(base) + offset;
        int first;
        // where the line's index lies beyond any a heap can have, said once with the index it is checked at
        String reached = null;
        if (address >= limit) {
            // past any index a heap can have (a 4 GiB memset into a 16-byte block): still an overflow, shown at the
            // last index there is, so the report names the block it started from when it started inside one
            first = (int) (limit - 1);
            reached = "past any index a heap can have";
        } else if (address < Integer.MIN_VALUE) {
            first = Integer.MIN_VALUE;
            reached = "below any index an int can hold";
        } else {
            first = base != Allocator.NULL && heap.isTagged() && address >= 0
                    ? TaggedIndex.of((int) address, TaggedIndex.tag(base)) : (int) address;
        }
        // a range longer than any heap is cut where indexes end: the first bad byte is all a report names
        long room = first < 0 ? Integer.MAX_VALUE : limit - (address >= limit ? limit - 1 : address);
        int checked = (int) Math.min(length, Math.min(room, Integer.MAX_VALUE));
        // the report's headline gives the checked index and length: say, in one note for the line, that they are not
        // the line's, and why
        String prefix = "line " + program.line[i] + ": '" + program.text(i) + "' ";
        if (reached != null) {
            notes.add(prefix + "reaches heap index " + address + ", " + reached + ": checked as an access at index "
                    + first + (checked == length ? "" : " of " + bytesText(checked) + " (the last index there is), not the"
                    + " line's " + length + " bytes, so its report gives that index and length"));
        } else if (checked < length) {
            notes.add(prefix + (write ? "writes " : "reads ") + length + " bytes, past the last index a heap can have ("
                    + (limit - 1) + "): checked as " + bytesText(checked) + " from index " + address
                    + ", so its report gives that length");
        }
        // one access per line, as AddressSanitizer checks a memset or memcpy: one report for the whole range; an
        // access that lands outside the heap is reported against the line's block all the same
        // the line's own numbers say whether it leaves its block: the shadow cannot always (without tags, bytes of a
        // live neighbour pass as the neighbour's)
        heap.accessesFrom(base, base != Allocator.NULL && blockSize >= 0 && (offset < 0 || offset + length > blockSize));
        if (write) {
            heap.writeRange(first, checked, id + (int) offset);
        } else {
            heap.readRange(first, checked);
        }
    }
}
