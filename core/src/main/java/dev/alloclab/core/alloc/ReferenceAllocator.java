package dev.alloclab.core.alloc;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.sim.AllocatedChunk;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.alloc.sim.FreeListConfig;
import dev.alloclab.core.alloc.sim.FreeListSimulator;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The kit's reference allocator: a {@link FreeListSimulator} driving real {@link HeapBytes}.
 * Written for clarity, not speed; it is the oracle the exercises are compared with.
 *
 * <h2>Layout</h2>
 * Every block (a chunk in the simulator's words) starts with an 8-byte header, so payloads
 * are 8-aligned when blocks are. Requests are rounded up to 8, then the header is added.
 * <pre>
 *   b               b+8                                   b+blockSize
 *   +---------------+-------------------------+-----------+
 *   | header 8 B    | payload (alloc returns  | padding   |
 *   | size | bit 0  | b+8), requested bytes   | up to 8   |
 *   +---------------+-------------------------+-----------+
 *   header = blockSize | ALLOCATED_BIT   (little-endian long; the bit is clear in a free block)
 * </pre>
 * The bookkeeping lives in the simulator's Java objects: the header words are written into the
 * heap bytes only so that pictures, dumps and corruption stories show what a C allocator's
 * memory would hold. Overwriting a header does not confuse this allocator (the implicit list
 * allocator, which reads its headers back, is the one to corrupt).
 *
 * <h2>Growing the heap</h2>
 * The heap starts empty. When no free block fits a request of {@code blockSize} bytes, the
 * allocator calls {@code sbrk} once and retries, which then always succeeds:
 * <ul>
 *   <li>with ADDRESS order and coalescing on, if the heap ends with a free block of {@code f}
 *       bytes, it grows by exactly {@code blockSize - f}: the new bytes merge with that block;</li>
 *   <li>otherwise it grows by {@code blockSize}: the new bytes become a free block of their own
 *       (in other orders a merge with the last block is not certain, so it is not counted on).</li>
 * </ul>
 * The new bytes join the free list as a freed block would (list order, then coalescing). If
 * {@code sbrk} fails, {@code alloc} returns {@link Allocator#NULL}.
 *
 * <h2>Mistakes</h2>
 * {@code dealloc} of an index that is not a live payload (a double free, an index inside a
 * block, one never returned by {@code alloc}) throws a {@link KitException} and changes nothing,
 * much as glibc aborts with "free(): double free detected". This allocator has no history to
 * say more; the checked heap does.
 *
 * <pre>{@code
 * Allocator firstFit = ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 20));
 * Allocator lifoBest = ReferenceAllocator.builder(HeapBytes.withMax(1 << 20))
 *         .policy(FitPolicy.BEST).order(ListOrder.INSERT_FRONT).coalescing(false).build();
 * }</pre>
 */
public final class ReferenceAllocator implements Allocator {
    /** Bytes of header in front of every payload. */
    public static final int HEADER_BYTES = 8;
    /** Bit 0 of a header word: set while the block is allocated. */
    public static final long ALLOCATED_BIT = 0b1;
    /** Bits 3..63 of a header word: the block size in bytes, header included. */
    public static final long SIZE_MASK = ~0b111L;

    private final HeapBytes heap;
    private final FreeListSimulator simulator;
    private final String name;

    private ReferenceAllocator(HeapBytes heap, FitPolicy policy, ListOrder order, boolean coalescing) {
        this.heap = Checks.notNull(heap, "heap");
        int misalignment = heap.size() % ALIGNMENT;
        if (misalignment != 0 && heap.sbrk(ALIGNMENT - misalignment) == HeapBytes.NO_MEMORY) {
            throw new IllegalArgumentException("the heap has no room to align its first block: " + heap);
        }
        this.simulator = FreeListSimulator.of(FreeListConfig.builder()
                .policy(policy).order(order).coalescing(coalescing)
                .headerSize(HEADER_BYTES).alignment(ALIGNMENT)
                .base(heap.size()).size(0)
                .build());
        this.name = policy.kitName() + "-fit";
    }

    /** First fit, address order, coalescing on: the registry's {@code first-fit}. */
    public static ReferenceAllocator firstFit(HeapBytes heap) {
        return builder(heap).policy(FitPolicy.FIRST).build();
    }

    /** Best fit, address order, coalescing on: the registry's {@code best-fit}. */
    public static ReferenceAllocator bestFit(HeapBytes heap) {
        return builder(heap).policy(FitPolicy.BEST).build();
    }

    /** Worst fit, address order, coalescing on: the registry's {@code worst-fit}. */
    public static ReferenceAllocator worstFit(HeapBytes heap) {
        return builder(heap).policy(FitPolicy.WORST).build();
    }

    /** Next fit, address order, coalescing on: the registry's {@code next-fit}. */
    public static ReferenceAllocator nextFit(HeapBytes heap) {
        return builder(heap).policy(FitPolicy.NEXT).build();
    }

    /** Any policy, order and coalescing over {@code heap}; starts from first fit, address order, coalescing on. */
    public static Builder builder(HeapBytes heap) {
        return new Builder(heap);
    }

    /** Header word for a block: its size with the allocated bit. */
    static long headerWord(int blockSize, boolean allocated) {
        return blockSize | (allocated ? ALLOCATED_BIT : 0);
    }

    /** The block size a header word holds. */
    public static int blockSize(long header) {
        return (int) (header & SIZE_MASK);
    }

    /** Whether a header word marks its block allocated. */
    public static boolean isAllocated(long header) {
        return (header & ALLOCATED_BIT) != 0;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        int block = simulator.allocate(size);
        if (block == FreeListSimulator.FAILED) {
            if (!growFor(simulator.chunkSizeFor(size))) {
                return NULL;
            }
            block = simulator.allocate(size);
            if (block == FreeListSimulator.FAILED) {
                throw new IllegalStateException("alloclab bug: after growing the heap for a " + simulator.chunkSizeFor(size)
                        + "-byte block, " + name + " still found no free block: " + simulator.describe());
            }
        }
        writeHeadersAfterAllocation(block);
        return block + HEADER_BYTES;
    }

    private boolean growFor(long blockSize) {
        long missing = blockSize;
        if (simulator.config().order() == ListOrder.ADDRESS && simulator.config().coalescing()) {
            missing -= simulator.freeChunkAtEnd().map(FreeChunk::size).orElse(0);
        }
        if (missing > Integer.MAX_VALUE || heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {
            return false;
        }
        simulator.grow((int) missing);
        writeFreeHeaders();
        return true;
    }

    private void writeHeadersAfterAllocation(int block) {
        AllocatedChunk chunk = simulator.allocatedAt(block).orElseThrow();
        heap.writeLong(block, headerWord(chunk.size(), true));
        if (heap.contains(chunk.end(), HEADER_BYTES)) {
            simulator.freeList().stream()
                    .filter(entry -> entry.address() == chunk.end())
                    .findFirst()
                    .ifPresent(remainder -> heap.writeLong(remainder.address(), headerWord(remainder.size(), false)));
        }
    }

    /** Brings every free block's header word up to date (after merges). */
    private void writeFreeHeaders() {
        for (FreeChunk entry : simulator.freeList()) {
            long header = headerWord(entry.size(), false);
            if (heap.readLong(entry.address()) != header) {
                heap.writeLong(entry.address(), header);
            }
        }
    }

    @Override
    public void dealloc(int index) {
        if (index == NULL) {
            return;
        }
        int block = index - HEADER_BYTES;
        int size = simulator.allocatedAt(block).map(AllocatedChunk::size).orElse(0);
        if (simulator.free(block) == FreeListSimulator.FAILED) {
            throw notALivePayload("dealloc", index);
        }
        if (simulator.config().coalescing()) {
            writeFreeHeaders();
        } else {
            heap.writeLong(block, headerWord(size, false));
        }
    }

    private KitException notALivePayload(String operation, int index) {
        return AllocationRequests.notALivePayload(operation, index, name, null);
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return simulator.allocatedAt(index - HEADER_BYTES)
                .map(chunk -> chunk.size() - HEADER_BYTES)
                .orElseThrow(() -> notALivePayload("usableSize", index));
    }

    /** Header, payload, padding of live blocks and header plus free bytes of free blocks, by address. */
    @Override
    public List<HeapRegion> regions() {
        List<HeapRegion> regions = new ArrayList<>();
        for (AllocatedChunk chunk : simulator.allocatedChunks()) {
            int payload = chunk.address() + HEADER_BYTES;
            int live = payload + chunk.requestedSize();
            regions.add(new HeapRegion(chunk.address(), payload, HeapRegion.Kind.HEADER));
            regions.add(new HeapRegion(payload, live, HeapRegion.Kind.LIVE));
            if (live < chunk.end()) {
                regions.add(new HeapRegion(live, chunk.end(), HeapRegion.Kind.PADDING));
            }
        }
        for (FreeChunk entry : simulator.freeList()) {
            int afterHeader = entry.address() + HEADER_BYTES;
            regions.add(new HeapRegion(entry.address(), afterHeader, HeapRegion.Kind.HEADER));
            if (afterHeader < entry.end()) {
                regions.add(new HeapRegion(afterHeader, entry.end(), HeapRegion.Kind.FREE));
            }
        }
        regions.sort(Comparator.comparingInt(HeapRegion::from));
        return List.copyOf(regions);
    }

    /** The free list in list order, in block (header) addresses. */
    public List<FreeChunk> freeList() {
        return simulator.freeList();
    }

    /** The settings of the simulator underneath (header 8, alignment 8). */
    public FreeListConfig config() {
        return simulator.config();
    }

    /** {@code first-fit}, {@code best-fit}, ...: the policy's registry-style name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ReferenceAllocator[" + name + ", " + simulator.config().order().kitName() + " order, coalescing "
                + (simulator.config().coalescing() ? "on" : "off") + "]";
    }

    /** Chooses policy, list order and coalescing; header and alignment are fixed at 8. */
    public static final class Builder {
        private final HeapBytes heap;
        private FitPolicy policy = FitPolicy.FIRST;
        private ListOrder order = ListOrder.ADDRESS;
        private boolean coalescing = true;

        private Builder(HeapBytes heap) {
            this.heap = Checks.notNull(heap, "heap");
        }

        public Builder policy(FitPolicy value) {
            this.policy = Checks.notNull(value, "policy");
            return this;
        }

        public Builder order(ListOrder value) {
            this.order = Checks.notNull(value, "order");
            return this;
        }

        public Builder coalescing(boolean value) {
            this.coalescing = value;
            return this;
        }

        public ReferenceAllocator build() {
            return new ReferenceAllocator(heap, policy, order, coalescing);
        }
    }

    /** Registers {@code first-fit}, {@code best-fit}, {@code worst-fit} and {@code next-fit}. */
    abstract static class PolicyFactory implements AllocatorFactory {
        private final FitPolicy policy;

        PolicyFactory(FitPolicy policy) {
            this.policy = policy;
        }

        @Override
        public String name() {
            return policy.kitName() + "-fit";
        }

        @Override
        public String description() {
            return "reference free list (" + policy.name().toLowerCase(Locale.ROOT)
                    + " fit, address order, coalescing, 8-byte headers), the exercises' oracle";
        }

        @Override
        public Allocator create(HeapBytes heap) {
            return builder(heap).policy(policy).build();
        }
    }

    /** Registry entry {@code first-fit}. */
    public static final class FirstFitFactory extends PolicyFactory {
        public FirstFitFactory() {
            super(FitPolicy.FIRST);
        }
    }

    /** Registry entry {@code best-fit}. */
    public static final class BestFitFactory extends PolicyFactory {
        public BestFitFactory() {
            super(FitPolicy.BEST);
        }
    }

    /** Registry entry {@code worst-fit}. */
    public static final class WorstFitFactory extends PolicyFactory {
        public WorstFitFactory() {
            super(FitPolicy.WORST);
        }
    }

    /** Registry entry {@code next-fit}. */
    public static final class NextFitFactory extends PolicyFactory {
        public NextFitFactory() {
            super(FitPolicy.NEXT);
        }
    }
}
