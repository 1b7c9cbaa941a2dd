package dev.alloclab.benchmarks;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * The hot path every trace leans on: allocating and freeing small blocks. Each invocation
 * allocates {@value #BATCH} blocks of 8..128 bytes (a fixed, mixed sequence) and frees them in a
 * shuffled order, on a heap that has already grown (so the steady state is measured, not sbrk).
 * The result is nanoseconds per operation (one alloc or one free).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmallBlockBenchmark {
    static final int BATCH = 256;

    @Param({"segregated", "implicit", "first-fit"})
    public String allocator;

    private Allocator heap;
    private final int[] sizes = new int[BATCH];
    private final int[] freeOrder = new int[BATCH];
    private final int[] blocks = new int[BATCH];

    @Setup(Level.Trial)
    public void setUp() {
        heap = Allocators.create(allocator, HeapBytes.mallocLabSized());
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < BATCH; i++) {
            sizes[i] = 8 + random.nextInt(121);
            freeOrder[i] = i;
        }
        for (int i = BATCH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = freeOrder[i];
            freeOrder[i] = freeOrder[j];
            freeOrder[j] = swap;
        }
        allocAndFree(); // grow the heap once
    }

    @Benchmark
    @OperationsPerInvocation(2 * BATCH)
    public int allocAndFree() {
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            blocks[i] = heap.alloc(sizes[i]);
            sum += blocks[i];
        }
        for (int i = 0; i < BATCH; i++) {
            heap.dealloc(blocks[freeOrder[i]]);
        }
        return sum;
    }
}
