package dev.alloclab.benchmarks;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Small blocks in the thousands, freed in random order: the shape of the 64-bit CMU lab's {@code bdd},
 * {@code cbit} and {@code ngram} traces, where {@code segregated} is slowest against glibc. {@value #LIVE}
 * blocks of a few common small sizes stay live (enough of each size for the allocator's runs of header-less
 * slots); each invocation frees {@value #BATCH} of them, picked at random, and allocates as many new ones in
 * their places. So a free must find which run an address belongs to among hundreds, as in those traces,
 * where the 256 blocks of {@code SmallBlockBenchmark} fit in a few runs. The result is nanoseconds per
 * operation (one alloc or one free).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ManySmallBlocksBenchmark {
    static final int LIVE = 8192;
    static final int BATCH = 512;
    private static final int[] SIZES = {8, 16, 16, 24, 24, 32, 48};

    @Param({"segregated"})
    public String allocator;

    private Allocator heap;
    private final int[] live = new int[LIVE];
    private final int[] sizeOf = new int[LIVE];
    private final int[] victims = new int[BATCH * 64];
    private int next;

    @Setup
    public void setUp() {
        heap = Allocators.create(allocator, HeapBytes.mallocLabSized());
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < LIVE; i++) {
            sizeOf[i] = SIZES[random.nextInt(SIZES.length)];
            live[i] = heap.alloc(sizeOf[i]);
        }
        int[] permutation = new int[LIVE];
        for (int i = 0; i < LIVE; i++) {
            permutation[i] = i;
        }
        for (int batch = 0; batch < victims.length; batch += BATCH) {
            // distinct victims within a batch, so every invocation does exactly BATCH frees and BATCH allocs
            for (int i = 0; i < BATCH; i++) {
                int j = i + random.nextInt(LIVE - i);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
                victims[batch + i] = permutation[i];
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public int freeAndAllocate() {
        int sum = 0;
        int start = next;
        for (int i = 0; i < BATCH; i++) {
            int v = victims[start + i];
            heap.dealloc(live[v]);
        }
        for (int i = 0; i < BATCH; i++) {
            int v = victims[start + i];
            live[v] = heap.alloc(sizeOf[v]);
            sum += live[v];
        }
        next = (start + BATCH) % victims.length;
        return sum;
    }
}
