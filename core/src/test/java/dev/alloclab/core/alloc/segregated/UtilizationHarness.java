package dev.alloclab.core.alloc.segregated;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceGenerator;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Replays a {@link ShapedTraces.Trace} on an allocator, checking every payload like the Malloc
 * Lab driver (aligned, in the heap, its bytes intact), and measures utilization: the peak total
 * requested payload of live blocks divided by the heap's high-water mark.
 */
final class UtilizationHarness {
    private UtilizationHarness() {
    }

    static double utilization(ShapedTraces.Trace trace, Function<HeapBytes, Allocator> factory) {
        Allocator allocator = factory.apply(HeapBytes.mallocLabSized());
        HeapBytes heap = allocator.heap();
        int[] index = new int[trace.ids()];
        int[] size = new int[trace.ids()];
        Arrays.fill(index, Allocator.NULL);
        long live = 0;
        long peak = 0;
        for (int op = 0; op < trace.ops(); op++) {
            int id = trace.id()[op];
            int requested = trace.size()[op];
            switch (trace.kind()[op]) {
                case ShapedTraces.ALLOC -> {
                    index[id] = checkedPayload(allocator, allocator.alloc(requested), requested, trace, op);
                    size[id] = requested;
                    fill(heap, index[id], requested, id);
                    live += requested;
                }
                case ShapedTraces.REALLOC -> {
                    int kept = Math.min(size[id], requested);
                    verify(heap, index[id], kept, id, trace, op);
                    index[id] = checkedPayload(allocator, allocator.realloc(index[id], requested), requested, trace, op);
                    verify(heap, index[id], kept, id, trace, op);
                    fill(heap, index[id], requested, id);
                    live += requested - size[id];
                    size[id] = requested;
                }
                default -> {
                    verify(heap, index[id], size[id], id, trace, op);
                    allocator.dealloc(index[id]);
                    live -= size[id];
                    index[id] = Allocator.NULL;
                    size[id] = 0;
                }
            }
            peak = Math.max(peak, live);
        }
        return (double) peak / heap.size();
    }

    private static int checkedPayload(Allocator allocator, int payload, int requested, ShapedTraces.Trace trace, int op) {
        if (payload == Allocator.NULL || payload % 8 != 0 || !allocator.heap().contains(payload, requested)) {
            throw new AssertionError(trace.name() + " op " + op + ": bad payload " + payload + " for " + requested
                    + " bytes in a heap of " + allocator.heap().size());
        }
        return payload;
    }

    private static byte pattern(int id, int offset) {
        return (byte) (id * 31 + offset * 7 + 1);
    }

    private static void fill(HeapBytes heap, int payload, int length, int id) {
        for (int i = 0; i < length; i++) {
            heap.writeByte(payload + i, pattern(id, i));
        }
    }

    private static void verify(HeapBytes heap, int payload, int length, int id, ShapedTraces.Trace trace, int op) {
        for (int i = 0; i < length; i++) {
            if (heap.readByte(payload + i) != pattern(id, i)) {
                throw new AssertionError(trace.name() + " op " + op + ": payload of block " + id
                        + " at " + payload + " changed at byte " + i);
            }
        }
    }

    /** Utilization of every trace of the kit's bundled suite, by name, in the suite's order. */
    static java.util.Map<String, Double> bundledSuite(Function<HeapBytes, Allocator> factory) {
        java.util.Map<String, Double> result = new java.util.LinkedHashMap<>();
        for (dev.alloclab.core.trace.Trace trace : dev.alloclab.core.trace.TraceSuite.performanceTraces()) {
            dev.alloclab.core.trace.ReplayReport report = dev.alloclab.core.trace.Replayer
                    .validate(trace, factory.apply(HeapBytes.mallocLabSized()), "segregated");
            if (!report.valid()) {
                throw new AssertionError(trace.name() + ": " + report.failure().orElseThrow());
            }
            result.put(trace.name(), report.utilization());
        }
        return result;
    }

    /** The suite's variants that {@link #freshDraws} replays: five reproducible draws other than the shipped one. */
    static final long[] FRESH_DRAWS = {2027, 2028, 2029, 2030, 2031};

    /**
     * Utilization of every performance trace in fresh draws of the kit's suite ({@link TraceGenerator}'s
     * variants: the same patterns and sizes, other random draws), by variant, then by trace name in suite order.
     * Why: on the shipped draw alone, {@code server-like} and {@code realloc-growth-1} move by several points
     * either way under any change to where small blocks go (their phase, not the change's merit), so a change
     * can pass or fail the shipped suite by luck. The average over fresh draws tells a better allocator from a
     * lucky one (docs/performance-log.md, 26 Nov 2026 22:21-23:20: trimming runs gained 0.09 point on the shipped
     * suite and 0.02 over the draws; mixed-size runs took the shipped server-like from 81.3 to 78.2 % and gained
     * 1.1 points over the draws).
     */
    static java.util.Map<Long, java.util.Map<String, Double>> freshDraws(Function<HeapBytes, Allocator> factory,
            long... variants) {
        java.util.Map<Long, java.util.Map<String, Double>> result = new java.util.LinkedHashMap<>();
        for (long variant : variants) {
            java.util.Map<String, Double> draw = new java.util.LinkedHashMap<>();
            for (String name : TraceGenerator.performanceNames()) {
                Trace trace = Trace.parse(name + " (variant " + variant + ")", TraceGenerator.generate(name, variant),
                        ParseMode.STRICT);
                dev.alloclab.core.trace.ReplayReport report = dev.alloclab.core.trace.Replayer
                        .validate(trace, factory.apply(HeapBytes.mallocLabSized()), "segregated");
                if (!report.valid()) {
                    throw new AssertionError(trace.name() + ": " + report.failure().orElseThrow());
                }
                draw.put(name, report.utilization());
            }
            result.put(variant, draw);
        }
        return result;
    }

    /** Prints {@link #freshDraws}: a line per variant, each trace's average over the draws, and the overall average. */
    private static void printFreshDraws(Function<HeapBytes, Allocator> factory) {
        java.util.Map<Long, java.util.Map<String, Double>> draws = freshDraws(factory, FRESH_DRAWS);
        java.util.Map<String, Double> sums = new java.util.LinkedHashMap<>();
        double min = 1;
        for (var draw : draws.entrySet()) {
            StringBuilder line = new StringBuilder("fresh draw " + draw.getKey() + ":");
            draw.getValue().forEach((name, u) -> {
                line.append(String.format(" %s=%.1f", name, 100 * u));
                sums.merge(name, u, Double::sum);
            });
            min = Math.min(min, draw.getValue().values().stream().mapToDouble(Double::doubleValue).min().orElse(1));
            System.out.println(line);
        }
        StringBuilder line = new StringBuilder("fresh draws, each trace's average:");
        sums.forEach((name, sum) -> line.append(String.format(" %s=%.1f", name, 100 * sum / draws.size())));
        System.out.println(line);
        System.out.printf("  average %.2f %%, min %.1f %% (%d draws)%n",
                100 * sums.values().stream().mapToDouble(Double::doubleValue).sum() / sums.size() / draws.size(),
                100 * min, draws.size());
    }

    /** The draws {@link #main} compares over when asked for a paired comparison ({@code gate N}): 40 of them. */
    static final long[] PAIRED_DRAWS = java.util.stream.LongStream.range(2027, 2067).toArray();

    /**
     * How a variant differs from a base allocator on the same fresh draws, per trace: the mean of the
     * differences (variant minus base, in fractions of 1) and its standard error, and over every trace.
     */
    record PairedDifference(java.util.Map<String, double[]> perTrace, double mean) {
        /** {@code perTrace.get(name)[0]} is the mean difference, {@code [1]} its standard error. */
        PairedDifference {
            perTrace = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perTrace));
        }
    }

    /**
     * Replays the same fresh draws on {@code base} and {@code variant} and pairs the results trace by trace.
     * Why pairs: one draw of a trace moves by points under any change to where blocks go (docs/performance-log.md,
     * 27 Nov 2026: 8 bytes less table moved the shipped interpreter-like by -0.8 and compiler-like by -1.0), the
     * spread of a trace over draws is about 2 points, so only the mean of many paired differences, with its
     * standard error, tells a real gain from a phase; five draws cannot (a standard error of about a point).
     */
    static PairedDifference pairedDraws(Function<HeapBytes, Allocator> base, Function<HeapBytes, Allocator> variant,
            long... variants) {
        java.util.Map<Long, java.util.Map<String, Double>> before = freshDraws(base, variants);
        java.util.Map<Long, java.util.Map<String, Double>> after = freshDraws(variant, variants);
        java.util.Map<String, double[]> sums = new java.util.LinkedHashMap<>(); // sum, sum of squares
        double total = 0;
        int count = 0;
        for (long draw : variants) {
            for (var entry : before.get(draw).entrySet()) {
                double difference = after.get(draw).get(entry.getKey()) - entry.getValue();
                double[] sum = sums.computeIfAbsent(entry.getKey(), name -> new double[2]);
                sum[0] += difference;
                sum[1] += difference * difference;
                total += difference;
                count++;
            }
        }
        java.util.Map<String, double[]> perTrace = new java.util.LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            double mean = sum[0] / variants.length;
            double variance = Math.max(0, sum[1] / variants.length - mean * mean);
            perTrace.put(name, new double[] {mean, Math.sqrt(variance / variants.length)});
        });
        return new PairedDifference(perTrace, count == 0 ? 0 : total / count);
    }

    /** Prints {@link #pairedDraws}: each trace's mean difference in points, with its standard error. */
    private static void printPairedDraws(String label, Function<HeapBytes, Allocator> base,
            Function<HeapBytes, Allocator> variant) {
        PairedDifference difference = pairedDraws(base, variant, PAIRED_DRAWS);
        StringBuilder line = new StringBuilder(label + ", minus the base, over " + PAIRED_DRAWS.length + " fresh draws:");
        difference.perTrace().forEach((name, meanAndError) -> line.append(String.format(" %s=%+.2f±%.2f", name,
                100 * meanAndError[0], 100 * meanAndError[1])));
        System.out.println(line);
        System.out.printf("  average %+.3f points%n", 100 * difference.mean());
    }

    /**
     * The look-alikes of the bundled {@code realloc-growth-1} (one block grown 3,000 times by 37-73 bytes
     * while at most 200 or 2,000 small blocks stay live, seeds 1-8): one trace's figure depends on
     * the phase of the grown block's moves, the family's average does not.
     */
    static double[] reallocGrowthFamily(Function<HeapBytes, Allocator> factory) {
        double[] result = new double[16];
        int i = 0;
        for (int window : new int[] {200, 2000}) {
            for (long seed = 1; seed <= 8; seed++) {
                result[i++] = utilization(ShapedTraces.reallocGrowth("realloc-growth-" + window + "-" + seed,
                        new java.util.SplittableRandom(seed), 3000, 1, window, 37), factory);
            }
        }
        StringBuilder line = new StringBuilder("realloc-growth family (window 200, then 2000; seeds 1-8):");
        for (double u : result) {
            line.append(String.format(" %.1f", 100 * u));
        }
        System.out.println(line);
        System.out.printf("  average %.1f %%, min %.1f %%%n", 100 * java.util.Arrays.stream(result).average().orElse(0),
                100 * java.util.Arrays.stream(result).min().orElse(0));
        return result;
    }

    /**
     * Prints the tables for the bundled suite, a few seeds of the stand-ins, the realloc-growth family and
     * five fresh draws of the suite: the tuning loop. With the arguments {@code gate N}, prints instead how a
     * slot gate of N differs from {@link SegregatedAllocator#SLOT_GATE}, paired over {@link #PAIRED_DRAWS}.
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("gate")) { // the slot gate N against SLOT_GATE, paired over 40 draws
            int gate = Integer.parseInt(args[1]);
            printPairedDraws("slot gate " + gate, SegregatedAllocator::new, heap -> new SegregatedAllocator(heap, gate));
            return;
        }
        java.util.Map<String, Double> bundled = bundledSuite(SegregatedAllocator::new);
        StringBuilder kit = new StringBuilder("kit suite:");
        bundled.forEach((name, u) -> kit.append(String.format(" %s=%.1f", name, 100 * u)));
        System.out.println(kit);
        System.out.printf("  average %.1f %%, min %.1f %%%n",
                100 * bundled.values().stream().mapToDouble(Double::doubleValue).average().orElse(0),
                100 * bundled.values().stream().mapToDouble(Double::doubleValue).min().orElse(0));
        System.out.printf("classic binary shapes: binary=%.1f binary2=%.1f%n",
                100 * utilization(ShapedTraces.binary("binary", 2000, 64, 448, 64), SegregatedAllocator::new),
                100 * utilization(ShapedTraces.binary("binary2", 2000, 16, 112, 16), SegregatedAllocator::new));
        for (long seed : new long[] {1, 2, 3, 42}) {
            double sum = 0;
            double min = 1;
            StringBuilder line = new StringBuilder("seed " + seed + ":");
            for (ShapedTraces.Trace trace : ShapedTraces.suite(seed)) {
                double u = utilization(trace, SegregatedAllocator::new);
                sum += u;
                min = Math.min(min, u);
                line.append(String.format(" %s=%.1f", trace.name(), 100 * u));
            }
            System.out.println(line);
            System.out.printf("  average %.1f %%, min %.1f %%; extra: realloc-many=%.1f %%%n", 100 * sum / 11, 100 * min,
                    100 * utilization(ShapedTraces.reallocMany(seed), SegregatedAllocator::new));
        }
        reallocGrowthFamily(SegregatedAllocator::new);
        printFreshDraws(SegregatedAllocator::new);
    }
}
