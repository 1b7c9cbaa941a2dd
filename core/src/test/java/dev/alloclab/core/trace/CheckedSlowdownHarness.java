package dev.alloclab.core.trace;

import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures "checked ÷ unchecked" per bundled trace the way {@code alloclab bench --check} does
 * (same {@link Replayer} and {@link CheckedReplayer#nanos} calls), but several rounds per trace,
 * and prints the median of the rounds next to their spread: one bench run moves a ratio by ±50 %,
 * so tuning the checked heap needs more than one.
 *
 * <pre>
 * mvn -B -q test-compile -pl core
 * java -cp core/target/classes:core/target/test-classes dev.alloclab.core.trace.CheckedSlowdownHarness \
 *      [segregated] [rounds 5] [trace-name-part ...]
 * </pre>
 *
 * With the system property {@code loop=SECONDS} it only replays the first matching trace checked,
 * over and over, for a profiler (e.g. {@code -XX:StartFlightRecording=duration=30s,filename=x.jfr}).
 * With {@code tracedir=DIR} it replays the {@code .rep} files in DIR instead of the bundled suite.
 * With {@code plainloop=SECONDS} it does the same with the unchecked replay (the loop the first
 * columns time), to profile the allocator itself.
 * With {@code runs=N} each median is over N runs instead of the bench's 5 (steadier while tuning).
 * With {@code singles=N} it prints, per trace, the fastest and the median of N runs of each side
 * (see {@link #singles}); with {@code -XX:-TieredCompilation} those are steady enough to compare
 * two versions of the checked heap on a busy machine (with tiered compilation the same JVM
 * command gave an allocator 21 or 118 ns per operation, from run to run).
 */
final class CheckedSlowdownHarness {
    private CheckedSlowdownHarness() {
    }

    public static void main(String[] args) {
        String allocator = args.length > 0 ? args[0] : "segregated";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> only = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        List<Trace> traces = new ArrayList<>();
        for (Trace trace : suite()) {
            if (only.isEmpty() || only.stream().anyMatch(trace.name()::contains)) {
                traces.add(trace);
            }
        }
        int runs = Integer.getInteger("runs", 5);
        CheckedReplayer.Timing timing = new CheckedReplayer.Timing(runs, 10, Duration.ofMillis(300),
                Replayer.Clock.best());
        String loop = System.getProperty("loop");
        if (loop != null) {
            long until = System.nanoTime() + Long.parseLong(loop) * 1_000_000_000L;
            while (System.nanoTime() < until) {
                CheckedReplayer.nanos(traces.get(0), heap -> Allocators.create(allocator, heap),
                        HeapBytes::mallocLabSized, timing);
            }
            return;
        }
        String plainLoop = System.getProperty("plainloop");
        if (plainLoop != null) {
            plainLoop(allocator, traces.get(0), Long.parseLong(plainLoop));
            return;
        }
        if (Integer.getInteger("singles", 0) > 0) {
            singles(allocator, traces, timing, Integer.getInteger("singles"));
            return;
        }
        Replayer replayer = Replayer.forAllocator(allocator).runs(runs).warmups(10).warmupTime(Duration.ofMillis(300))
                .clock(Replayer.Clock.best());
        System.out.printf("%-22s %9s %9s %7s   (ratio per round)%n", "trace", "ns/op", "checked", "ratio");
        double worst = 0;
        for (Trace trace : traces) {
            long ops = trace.ops().size();
            double[] plain = new double[rounds];
            double[] checked = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                plain[r] = 1e9 / replayer.throughput(trace);
                checked[r] = CheckedReplayer.nanos(trace, heap -> Allocators.create(allocator, heap),
                        HeapBytes::mallocLabSized, timing) / ops;
                ratio[r] = checked[r] / plain[r];
            }
            worst = Math.max(worst, median(ratio));
            System.out.printf("%-22s %9.1f %9.1f %6.2fx   %s  ns/op %s / %s%n", trace.name(), median(plain),
                    median(checked), median(ratio), rounded(ratio, 100), rounded(plain, 1), rounded(checked, 1));
        }
        System.out.printf("worst median ratio %.2fx (%d ops total)%n", worst,
                traces.stream().mapToLong(t -> t.ops().size()).sum());
    }

    /**
     * The bundled performance traces, or with {@code -Dtracedir=DIR} the {@code .rep} files of DIR in
     * name order (e.g. the stand-ins of the classic traces written out as files).
     */
    private static List<Trace> suite() {
        String dir = System.getProperty("tracedir");
        if (dir == null) {
            return TraceSuite.performanceTraces();
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
            return files.filter(f -> f.toString().endsWith(".rep")).sorted()
                    .map(f -> Trace.read(f, ParseMode.STRICT)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replays {@code trace} unchecked, over and over for {@code seconds}, on one reused heap: for a profiler. */
    private static void plainLoop(String allocator, Trace trace, long seconds) {
        HeapBytes heap = HeapBytes.mallocLabSized();
        ReplayProgram program = ReplayProgram.decode(trace, heap.maxSize());
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < until) {
            heap.reset();
            Replayer.timedRun(program, Allocators.create(allocator, heap), Replayer.Clock.best());
        }
    }

    /**
     * Per trace, the unchecked replay timed as {@link Replayer} times it and the checked one as
     * {@link CheckedReplayer#nanos} does, {@code n} runs each after the bench's warm-up, printing the
     * fastest run and the median of each side: the minimum is what the code costs with the least
     * disturbance from other processes, the steadiest figure for comparing two versions of the
     * checked heap on a busy machine.
     */
    private static void singles(String allocator, List<Trace> traces, CheckedReplayer.Timing timing, int n) {
        System.out.printf("%-22s %8s %8s %6s  %8s %8s %6s%n", "trace", "min", "checked", "ratio", "median", "checked",
                "ratio");
        CheckedReplayer.Timing many = new CheckedReplayer.Timing(n, timing.warmups(), timing.warmupTime(),
                timing.clock());
        double worst = 0;
        for (Trace trace : traces) {
            HeapBytes heap = HeapBytes.mallocLabSized();
            ReplayProgram program = ReplayProgram.decode(trace, heap.maxSize());
            long spent = 0;
            for (int i = 0; i < Replayer.MAX_WARMUPS && (i < timing.warmups() || spent < timing.warmupTime().toNanos());
                 i++) {
                heap.reset();
                spent += Replayer.timedRun(program, Allocators.create(allocator, heap), timing.clock());
            }
            long[] plain = new long[n];
            for (int i = 0; i < n; i++) {
                heap.reset();
                plain[i] = Replayer.timedRun(program, Allocators.create(allocator, heap), timing.clock());
            }
            Arrays.sort(plain);
            long[] checked = CheckedReplayer.sortedRunNanos(trace, h -> Allocators.create(allocator, h),
                    HeapBytes::mallocLabSized, many);
            double ops = trace.ops().size();
            worst = Math.max(worst, (double) checked[0] / plain[0]);
            System.out.printf("%-22s %8.1f %8.1f %5.2fx  %8.1f %8.1f %5.2fx%n", trace.name(), plain[0] / ops,
                    checked[0] / ops, (double) checked[0] / plain[0], plain[n / 2] / ops, checked[n / 2] / ops,
                    (double) checked[n / 2] / plain[n / 2]);
        }
        System.out.printf("worst ratio of the fastest runs %.2fx%n", worst);
    }

    private static String rounded(double[] values, double scale) {
        return Arrays.toString(Arrays.stream(values).map(x -> Math.round(x * scale) / scale).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
