package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.check.AllocatorValidator;
import dev.alloclab.core.check.ValidationException;
import dev.alloclab.core.memory.HeapBytes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Replays a trace on an allocator the way the Malloc Lab driver does: once under the
 * {@link AllocatorValidator} (validity and utilization), then several times without checks, timed
 * (throughput). Every run starts from an empty heap ({@code size() == 0}) and a fresh allocator.
 *
 * <pre>{@code
 * ReplayReport report = Replayer.forAllocator("segregated").runs(5).replay(Trace.bundled("random-1"));
 * report.valid(); report.utilization(); report.kops();
 * }</pre>
 *
 * <h2>How it measures</h2>
 * <ul>
 *   <li><b>Utilization</b> = peak (over the trace) of the requested bytes of live blocks, a realloc
 *       counting its new size, divided by the heap's high-water mark ({@code heap.size()} after each
 *       operation, at its largest: {@code sbrk} never shrinks the heap, but an allocator could call the
 *       public {@code HeapBytes.reset()} once its blocks are freed). Computed in the validated run.</li>
 *   <li><b>Throughput</b> = operations per second of a run without validation: {@link #warmups(int)}
 *       untimed runs first, continued until they have taken {@link #warmupTime(Duration)} and, with a
 *       warm-up time, until the JIT has stopped compiling ({@link WarmUp}: so that it has compiled the
 *       allocator with C2, not just C1), then {@link #runs(int)} timed runs; the
 *       median is reported. Only the replay loop is timed: decoding the trace, creating the
 *       allocator and emptying the heap happen before the clock starts. An invalid run is not timed.
 *       One more validated run, untimed, is slipped in at a random place among the timed runs (see
 *       {@link #replay(Trace)}), so an allocator cannot be honest in the first run only.</li>
 *   <li><b>Which clock</b>: {@link Clock#THREAD_CPU} by default, the CPU time of the replaying
 *       thread, so that a run is not charged for the milliseconds another process held the core
 *       (on a shared machine those dwarf a one-millisecond loop); {@link Clock#WALL} for elapsed time.
 *       The C replayer of {@code alloclab bench --versus-libc} uses the same kind of clock.</li>
 * </ul>
 *
 * <h2>What counts as failing</h2>
 * Any broken rule (see {@link AllocatorValidator}), an exception from the allocator, and, as in
 * Malloc Lab, a null answer to a request the heap could hold. A request larger than the heap's
 * maximum is not the allocator's fault: it is replayed as a request that returns null without
 * asking the allocator, and noted. A trace whose program is itself wrong (double free, realloc of
 * a freed block) cannot judge an allocator: it is rejected with a {@link TraceFormatException}.
 *
 * <h2>The timed path</h2>
 * The trace is decoded once into flat arrays ({@code ReplayProgram}); the loop is a switch over
 * a byte per operation, with block indexes kept in an {@code int[]}. No allocation, boxing or
 * virtual dispatch beyond the allocator's own calls. All runs of one trace share one
 * {@link HeapBytes}, {@link HeapBytes#reset() reset} before each run: a new heap per run would
 * grow its backing array again by copying, inside the timed loop, and hand the old arrays to the
 * garbage collector, so the clock would measure {@code Arrays.copyOf} and GC rather than the
 * allocator (that made throughput look ten times lower than it is).
 */
public final class Replayer {
    /** Timed runs by default. */
    public static final int DEFAULT_RUNS = 5;
    /**
     * The most timed runs a command accepts: a median of that many is as steady as this machine allows, and a
     * mistyped count (a billion) would otherwise end in the JVM running out of memory for the runs' times.
     */
    public static final int MAX_RUNS = 10_000;
    /** Untimed warm-up runs by default. */
    public static final int DEFAULT_WARMUPS = 2;
    /** Warm-up never runs longer than this many runs, whatever {@link #warmupTime(Duration)} says. */
    static final int MAX_WARMUPS = 100_000;

    /** What the timed runs are measured with. */
    public enum Clock {
        /** CPU time of the replaying thread: what the allocator cost, even on a busy machine. */
        THREAD_CPU,
        /** Elapsed (wall-clock) time: includes time the thread waited for a core. */
        WALL;

        /** THREAD_CPU if this JVM can read a thread's CPU time, else WALL. */
        public static Clock best() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return threads.isCurrentThreadCpuTimeSupported() ? THREAD_CPU : WALL;
        }

        long now() {
            return this == THREAD_CPU ? ThreadClock.BEAN.getCurrentThreadCpuTime() : System.nanoTime();
        }
    }

    /**
     * The thread bean, looked up once: {@link ManagementFactory#getThreadMXBean()} searches the platform's
     * beans on every call (microseconds, a stream pipeline), which on a trace of a few thousand operations
     * added several percent to each timed run.
     */
    private static final class ThreadClock {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    private final String allocatorName;
    private final Function<HeapBytes, Allocator> allocators;
    private final Supplier<HeapBytes> heaps;
    private final int runs;
    private final int warmups;
    private final Duration warmupTime;
    private final Clock clock;
    private final Duration warmupLimit;
    private final Consumer<Phase> phases;
    private final Progress progress;

    /** What a replay is doing, for a caller that shows progress on a long trace ({@link #onPhase}). */
    public enum Phase {
        /** The validated run: validity and utilization. */
        VALIDATING,
        /** The untimed warm-up runs. */
        WARMING_UP,
        /** The timed runs (with the spot check among them). */
        TIMING
    }

    /**
     * How far a validated run has got, for a caller that shows progress on a long trace ({@link #onProgress}):
     * the validator is slow (it writes and checks every payload byte), and {@code implicit} on 120,000 operations
     * validates for seconds, a million operations for minutes.
     */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of the run's {@code total} operations have been replayed (called every {@value #EVERY}). */
        void validated(int done, int total);

        /** How many operations pass between two calls. */
        int EVERY = 4096;
    }

    private Replayer(String allocatorName, Function<HeapBytes, Allocator> allocators, Supplier<HeapBytes> heaps,
                     int runs, int warmups, Duration warmupTime, Clock clock) {
        this(allocatorName, allocators, heaps, runs, warmups, warmupTime, clock, Duration.ZERO, phase -> { },
                (done, total) -> { });
    }

    private Replayer(String allocatorName, Function<HeapBytes, Allocator> allocators, Supplier<HeapBytes> heaps,
                     int runs, int warmups, Duration warmupTime, Clock clock, Duration warmupLimit,
                     Consumer<Phase> phases, Progress progress) {
        this.allocatorName = allocatorName;
        this.allocators = allocators;
        this.heaps = heaps;
        this.runs = runs;
        this.warmups = warmups;
        this.warmupTime = warmupTime;
        this.clock = clock;
        this.warmupLimit = warmupLimit;
        this.phases = phases;
        this.progress = progress;
    }

    /** Replays on the registered allocator {@code name} (see {@link Allocators}). */
    public static Replayer forAllocator(String name) {
        Allocators.named(name); // fail now, with the list of names, if there is no such allocator
        return using(name, heap -> Allocators.create(name, heap));
    }

    /** Replays on allocators {@code factory} creates, one per run, called {@code name} in reports. */
    public static Replayer using(String name, Function<HeapBytes, Allocator> factory) {
        return new Replayer(Checks.notBlank(name, "name"), Checks.notNull(factory, "factory"),
                HeapBytes::mallocLabSized, DEFAULT_RUNS, DEFAULT_WARMUPS, Duration.ZERO, Clock.best());
    }

    /** Where each run's empty heap comes from; {@link HeapBytes#mallocLabSized()} (20 MiB) by default. */
    public Replayer heap(Supplier<HeapBytes> heapSupplier) {
        return new Replayer(allocatorName, allocators, Checks.notNull(heapSupplier, "heapSupplier"), runs, warmups,
                warmupTime, clock, warmupLimit, phases, progress);
    }

    /** How many timed runs the median is taken over (at least 1). */
    public Replayer runs(int timedRuns) {
        return new Replayer(allocatorName, allocators, heaps, Checks.positive(timedRuns, "runs"), warmups, warmupTime,
                clock, warmupLimit, phases, progress);
    }

    /** How many untimed runs come first (0 or more). */
    public Replayer warmups(int warmupRuns) {
        return new Replayer(allocatorName, allocators, heaps, runs, Checks.notNegative(warmupRuns, "warmups"),
                warmupTime, clock, warmupLimit, phases, progress);
    }

    /**
     * Keeps warming up (after the {@link #warmups(int)} runs) until the warm-up runs together took
     * at least {@code time} on the {@link #clock(Clock) clock}, and then until the JIT has been idle for a
     * short window ({@link WarmUp}); zero by default (no wait for the JIT). A few runs of a short trace are
     * not enough for the JIT's second compiler, least of all on a busy machine.
     */
    public Replayer warmupTime(Duration time) {
        Checks.notNull(time, "time");
        if (time.isNegative()) {
            throw new IllegalArgumentException("warmupTime must be >= 0, but was " + time);
        }
        return new Replayer(allocatorName, allocators, heaps, runs, warmups, time, clock, warmupLimit, phases, progress);
    }

    /**
     * Bounds the warm-up by time: once at least one warm-up run is made and the warm-up runs took {@code limit}
     * together, warming stops, even before {@link #warmups(int)} runs. Zero (the default) sets no bound. Meant for
     * long traces, where one run takes seconds and has warmed the JIT by itself.
     */
    public Replayer warmupLimit(Duration limit) {
        Checks.notNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("warmupLimit must be >= 0, but was " + limit);
        }
        return new Replayer(allocatorName, allocators, heaps, runs, warmups, warmupTime, clock, limit, phases, progress);
    }

    /** Tells {@code listener} each phase of {@link #replay(Trace)} as it starts (on the replaying thread). */
    public Replayer onPhase(Consumer<Phase> listener) {
        return new Replayer(allocatorName, allocators, heaps, runs, warmups, warmupTime, clock, warmupLimit,
                Checks.notNull(listener, "listener"), progress);
    }

    /**
     * Tells {@code listener} how far the validated run has got, every {@value Progress#EVERY} operations (not the
     * spot check among the timed runs).
     */
    public Replayer onProgress(Progress listener) {
        return new Replayer(allocatorName, allocators, heaps, runs, warmups, warmupTime, clock, warmupLimit, phases,
                Checks.notNull(listener, "listener"));
    }

    /** The clock of the timed runs; {@link Clock#best()} by default. */
    public Replayer clock(Clock timedWith) {
        return new Replayer(allocatorName, allocators, heaps, runs, warmups, warmupTime,
                Checks.notNull(timedWith, "clock"), warmupLimit, phases, progress);
    }

    /** The clock the timed runs use. */
    public Clock clock() {
        return clock;
    }

    /**
     * The validated run, then the timed runs if it was valid, with a second validated run (the spot check) at
     * a random place among the timed ones.
     *
     * <p>Why the spot check: the timed runs are not validated, and each run gets a fresh allocator, so an
     * allocator that counted its instances could tell the first (validated) run from the timed ones and answer
     * those with anything fast. The spot check is made exactly like a timed run (a fresh allocator over the
     * same, emptied heap) at a place drawn from a {@link SecureRandom}, so the allocator cannot tell which run
     * is checked; its timing is not counted. An allocator that cheats in enough timed runs to move the median
     * is caught on a trace with probability at least one half, and a suite has many traces.
     *
     * <p>The validator writes a pattern into every payload and the timed loop writes nothing, so an allocator
     * that reads its own blocks could still tell a validated run from a timed one. So one timed run, also at a
     * random place, keeps its answers, and they must equal the validated run's: a fresh allocator over the same
     * empty heap answers a trace the same way every time. A difference costs the throughput (NaN) with a note
     * naming the first operation that differed.
     */
    public ReplayReport replay(Trace trace) {
        HeapBytes heap = freshHeap();
        ReplayProgram program = decode(trace, heap);
        int[] answers = new int[program.length];
        phases.accept(Phase.VALIDATING);
        // the spot check among the timed runs is not reported: a second count from 0 would read as going backwards
        ReplayReport report = validated(program, allocatorOver(heap), heap, answers, progress);
        if (!report.valid()) {
            return report;
        }
        ReplayReport[] spotCheck = new ReplayReport[1];
        int[] silent = new int[program.length];
        double opsPerSecond;
        try {
            opsPerSecond = throughput(program, heap, SPOT_CHECKS.nextInt(runs + 1), () -> {
                heap.reset();
                spotCheck[0] = validated(program, allocatorOver(heap), heap);
                return spotCheck[0].valid();
            }, SPOT_CHECKS.nextInt(runs), silent);
        } catch (RuntimeException | StackOverflowError e) {
            return report.withThroughput(Double.NaN, List.of("the allocator threw " + e.getClass().getSimpleName()
                    + " in a timed run although the validated run passed: is it deterministic?"));
        }
        String mismatch = Double.isNaN(opsPerSecond) ? null : firstDifference(program, answers, silent);
        if (mismatch != null) {
            return report.withThroughput(Double.NaN, List.of(mismatch));
        }
        if (spotCheck[0] != null && !spotCheck[0].valid()) {
            return spotCheck[0].withThroughput(Double.NaN, List.of("it broke this rule in a run placed at random "
                    + "among the timed runs, after passing the first validated run: an allocator must answer every run "
                    + "the same way"));
        }
        return report.withThroughput(opsPerSecond, List.of());
    }

    /** Where the spot check goes among the timed runs: unpredictable to the allocator under test. */
    private static final SecureRandom SPOT_CHECKS = new SecureRandom();

    /**
     * Checks that {@code trace} is a program a replay can run on a heap of at most {@code maxHeapBytes}:
     * no block allocated twice, freed twice, or reallocated after its free. A bench over a folder uses it to
     * leave such a trace out with its reason before measuring anything, rather than stop half-way.
     *
     * @throws TraceFormatException naming the line that misuses a block
     */
    public static void checkProgram(Trace trace, int maxHeapBytes) {
        ReplayProgram.decode(Checks.notNull(trace, "trace"), maxHeapBytes);
    }

    /**
     * How many of {@code trace}'s requests a replay on a heap of at most {@code maxHeapBytes} answers with null
     * without asking the allocator, because they ask for more than that heap can ever hold. A bench marks such
     * a trace: its figures describe a different program from the one the file records.
     *
     * @throws TraceFormatException as {@link #checkProgram} does
     */
    public static int requestsReplayedAsNull(Trace trace, int maxHeapBytes) {
        ReplayProgram program = ReplayProgram.decode(Checks.notNull(trace, "trace"), maxHeapBytes);
        int count = 0;
        for (int i = 0; i < program.length; i++) {
            if (program.kind[i] == ReplayProgram.ALLOC_TOO_LARGE || program.kind[i] == ReplayProgram.REALLOC_TOO_LARGE) {
                count++;
            }
        }
        return count;
    }

    /** The validated run only (no timing): validity and utilization. */
    public ReplayReport validate(Trace trace) {
        HeapBytes heap = freshHeap();
        return validated(decode(trace, heap), allocatorOver(heap), heap);
    }

    /** Validates {@code trace} on one fresh {@code allocator} instance (which it uses up). */
    public static ReplayReport validate(Trace trace, Allocator allocator, String name) {
        HeapBytes heap = Checks.notNull(Checks.notNull(allocator, "allocator").heap(), "the allocator's heap()");
        ReplayProgram program = decode(trace, heap);
        return using(name, given -> allocator).validated(program, allocator, heap);
    }

    /**
     * The median throughput in operations per second over the timed runs, without validation. The
     * caller should know the allocator is valid on this trace; a null answer is not checked here.
     */
    public double throughput(Trace trace) {
        HeapBytes heap = freshHeap();
        return throughput(decode(trace, heap), heap, -1, () -> true, -1, null);
    }

    /** The trace as the replay loop reads it, for a heap as large as {@code heap} may grow. */
    private static ReplayProgram decode(Trace trace, HeapBytes heap) {
        return ReplayProgram.decode(Checks.notNull(trace, "trace"), heap.maxSize());
    }

    /** A new allocator over {@code heap} from the factory given to {@link #using}, which must not answer null. */
    private Allocator allocatorOver(HeapBytes heap) {
        Allocator allocator = allocators.apply(heap);
        if (allocator == null) {
            throw new IllegalArgumentException("the allocator factory for " + allocatorName + " returned null: it must"
                    + " return a new allocator over the heap it is given");
        }
        return allocator;
    }

    /** A new empty heap from the supplier given to {@link #heap}, which must not answer null. */
    private HeapBytes freshHeap() {
        HeapBytes heap = heaps.get();
        if (heap == null) {
            throw new IllegalArgumentException("the heap supplier returned null: it must return a new empty heap on"
                    + " every call, e.g. heap(() -> HeapBytes.withMax(1 << 20))");
        }
        return heap;
    }

    /**
     * Where a silent run's answers first differ from the validated run's, as a sentence, or null. A fresh
     * allocator replaying the same trace over the same empty heap must answer every request the same way; one
     * that does not behaves differently when its payloads are not checked.
     */
    private static String firstDifference(ReplayProgram program, int[] validated, int[] silent) {
        for (int i = 0; i < program.length; i++) {
            byte kind = program.kind[i];
            if ((kind == ReplayProgram.ALLOC || kind == ReplayProgram.REALLOC) && validated[i] != silent[i]) {
                TraceOp op = program.op(i);
                return "in one of the timed runs, which write and check no payload, '"
                        + op.text() + "' (trace line " + op.line() + ") got " + silent[i] + " where the validated run "
                        + "got " + validated[i] + ": a fresh allocator must answer every replay of a trace the same "
                        + "way, so the timed runs measure the allocator that was checked";
            }
        }
        return null;
    }

    /**
     * Warm-ups, then the timed runs over {@code heap}; before timed run {@code spotBefore} (or after the last, when
     * it equals {@link #runs}) {@code spotCheck} runs untimed, and if it answers false the answer is NaN.
     */
    private double throughput(ReplayProgram program, HeapBytes heap, int spotBefore, BooleanSupplier spotCheck,
                              int silentRun, int[] silentAnswers) {
        // every other warm-up run keeps its answers, as the silent timed run will: the JIT then compiles the loop
        // with that branch taken, where a branch never seen in warm-up is compiled as a trap, and the silent run,
        // placed at random, sent the runs after it back to the interpreter (one bench in four timed a trace 10x slow)
        int[] scratch = silentAnswers == null ? null : new int[program.length];
        int[] warmupRun = {0};
        phases.accept(Phase.WARMING_UP);
        WarmUp.run(() -> {
            heap.reset();
            return timedRun(program, allocatorOver(heap), clock, warmupRun[0]++ % 2 == 0 ? null : scratch);
        }, WarmUp.jitMillis(), warmups, warmupTime.toNanos(), MAX_WARMUPS, warmupLimit.toNanos());
        phases.accept(Phase.TIMING);
        long[] nanos = new long[runs];
        for (int i = 0; i <= runs; i++) {
            if (i == spotBefore && !spotCheck.getAsBoolean()) {
                return Double.NaN;
            }
            if (i < runs) {
                heap.reset();
                // one timed run, at a random place, keeps its answers for the caller to compare: the same loop
                nanos[i] = Math.max(1, timedRun(program, allocatorOver(heap), clock, i == silentRun ? silentAnswers : null));
            }
        }
        Arrays.sort(nanos);
        double median = runs % 2 == 1 ? nanos[runs / 2] : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2.0;
        return program.length / (median / 1e9);
    }

    /** One unchecked replay; returns the nanoseconds the loop took on {@code clock}. */
    static long timedRun(ReplayProgram program, Allocator allocator, Clock clock) {
        return timedRun(program, allocator, clock, null);
    }

    /**
     * One unchecked replay; when {@code answers} is not null, each alloc's and realloc's answer is kept there
     * (the silent spot check: the same loop, so the allocator cannot tell it from a timed run).
     */
    static long timedRun(ReplayProgram program, Allocator allocator, Clock clock, int[] answers) {
        final byte[] kind = program.kind;
        final int[] slot = program.slot;
        final int[] size = program.size;
        final int n = program.length;
        final int[] index = program.freshSlots();
        long start = clock.now();
        for (int i = 0; i < n; i++) {
            int s = slot[i];
            switch (kind[i]) {
                case ReplayProgram.ALLOC -> {
                    index[s] = allocator.alloc(size[i]);
                    if (answers != null) {
                        answers[i] = index[s];
                    }
                }
                case ReplayProgram.FREE -> {
                    int p = index[s];
                    if (p != Allocator.NULL) {
                        allocator.dealloc(p);
                        index[s] = Allocator.NULL;
                    }
                }
                case ReplayProgram.REALLOC -> {
                    int p = allocator.realloc(index[s], size[i]);
                    if (answers != null) {
                        answers[i] = p;
                    }
                    if (p != Allocator.NULL || size[i] == 0) {
                        index[s] = p;
                    }
                }
                case ReplayProgram.ALLOC_TOO_LARGE -> index[s] = Allocator.NULL;
                default -> {
                    // REALLOC_TOO_LARGE: fails; the old block stays
                }
            }
        }
        return clock.now() - start;
    }

    /**
     * The validated run on {@code allocator}, which was made over {@code heap}. Utilization divides by that
     * heap's size, never by what {@code allocator.heap()} answers at the end: an allocator could answer with a
     * fresh, nearly empty heap once its blocks are freed and look perfect. One that does not work in the heap
     * it was given at all is refused.
     */
    private ReplayReport validated(ReplayProgram program, Allocator allocator, HeapBytes heap) {
        return validated(program, allocator, heap, null, (done, total) -> { });
    }

    /**
     * As above; when {@code answers} is not null, each operation's answer goes there (see {@link #timedRun});
     * {@code tell} hears how far the run has got.
     */
    private ReplayReport validated(ReplayProgram program, Allocator allocator, HeapBytes heap, int[] answers,
                                   Progress tell) {
        if (allocator.heap() != heap) {
            throw new KitException(allocatorName + ": heap() must return the HeapBytes the allocator was made with "
                    + "(the replay checks payloads and measures utilization in that heap). Keep the constructor's "
                    + "argument in a field and return it.");
        }
        AllocatorValidator validator = AllocatorValidator.of(allocator).nullIsFailure(true);
        int[] index = program.freshSlots();
        long peak = 0;
        int highWater = heap.size();
        Optional<dev.alloclab.core.check.ValidationFailure> failure = Optional.empty();
        try {
            for (int i = 0; i < program.length; i++) {
                TraceOp op = program.op(i);
                int s = program.slot[i];
                int size = program.size[i];
                if (i % Progress.EVERY == 0 && i > 0) {
                    tell.validated(i, program.length);
                }
                validator.at(i + 1, op.line(), op.text());
                switch (program.kind[i]) {
                    case ReplayProgram.ALLOC -> {
                        index[s] = validator.alloc(size, s);
                        if (answers != null) {
                            answers[i] = index[s];
                        }
                    }
                    case ReplayProgram.FREE -> {
                        if (index[s] != Allocator.NULL) {
                            validator.dealloc(index[s]);
                            index[s] = Allocator.NULL;
                        }
                    }
                    case ReplayProgram.REALLOC -> {
                        int p = validator.realloc(index[s], size, s);
                        if (answers != null) {
                            answers[i] = p;
                        }
                        if (p != Allocator.NULL || size == 0) {
                            index[s] = p;
                        }
                    }
                    case ReplayProgram.ALLOC_TOO_LARGE -> index[s] = Allocator.NULL;
                    default -> {
                        // REALLOC_TOO_LARGE: fails; the old block stays
                    }
                }
                peak = Math.max(peak, validator.liveRequestedBytes());
                // the high-water mark as it happens: HeapBytes.reset() is public, and an allocator that empties
                // its heap once every block is freed would otherwise end at size 0 and divide the peak by nothing
                highWater = Math.max(highWater, heap.size());
            }
            int lastLine = program.length == 0 ? 0 : program.op(program.length - 1).line();
            validator.at(program.length, lastLine, "end of trace").checkLivePayloads();
        } catch (ValidationException e) {
            failure = Optional.of(e.failure());
        }
        return new ReplayReport(program.trace.name(), allocatorName, program.length, program.skippedAccesses, failure,
                peak, Math.max(highWater, heap.size()), Double.NaN, program.notes);
    }
}
