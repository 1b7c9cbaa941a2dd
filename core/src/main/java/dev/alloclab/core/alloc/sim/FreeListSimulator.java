package dev.alloclab.core.alloc.sim;

import dev.alloclab.core.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A free list kept in plain Java objects: the kit's oracle for placement policies, list orders
 * and coalescing. It answers the questions of OSTEP's free-space homework simulator exactly as
 * that simulator does for the same settings, and adds next fit.
 *
 * <h2>The model</h2>
 * The heap is the address range {@code [base, base + size)}. It starts as a single free chunk.
 * Every byte of it is always in exactly one chunk: either an entry of the <em>free list</em>
 * (an ordered list of {@link FreeChunk}s) or an <em>allocated chunk</em> (remembered by its
 * start address). Nothing is stored in memory; headers are only counted.
 *
 * <pre>
 *   base                                                              base + size
 *   +----------------+------------------+--------------------------------+
 *   | allocated      | free (list entry)| allocated      | free          |
 *   | hdr | payload  |                  | hdr | payload  |               |
 *   +----------------+------------------+--------------------------------+
 *   ^ allocate() returns this address: the start of the chunk, header included
 * </pre>
 *
 * <h2>allocate(size), step by step</h2>
 * <ol>
 *   <li>Round {@code size} up to a multiple of the alignment, <em>then</em> add the header size.
 *       The result is the chunk size searched for (with alignment 8 and header 4, a request of 5
 *       needs 8 + 4 = 12 bytes, not a multiple of 8).</li>
 *   <li>Search the free list in list order for an entry whose size is at least the chunk size,
 *       by the {@link FitPolicy}: FIRST stops at the first such entry; BEST keeps the smallest
 *       and WORST the largest, replacing the current candidate only with a strictly smaller (or
 *       larger) one, so on a tie the entry earliest in the list wins. {@link #lastSearchCount()}
 *       is the number of entries looked at: up to and including the chosen one for FIRST, the
 *       whole list for BEST and WORST and for every failed search.</li>
 *   <li>If no entry fits, return {@link #FAILED} (-1) and change nothing.</li>
 *   <li>If the entry is bigger than needed, split it: the chunk is carved from the entry's
 *       <em>low</em> end and the remainder stays in the list at the entry's position (it is not
 *       moved, even in a size-sorted list). If the entry fits exactly, it leaves the list.</li>
 *   <li>Return the start address of the chunk. The payload would begin {@code headerSize} bytes
 *       later; the simulator does not use it.</li>
 * </ol>
 *
 * <h2>free(address), step by step</h2>
 * <ol>
 *   <li>If {@code address} is not the start of an allocated chunk, return {@link #FAILED} (-1)
 *       and change nothing (this covers double frees and addresses inside a chunk).</li>
 *   <li>Put the whole chunk back in the list by the {@link ListOrder}: INSERT_FRONT at the head,
 *       INSERT_BACK at the tail; the three sorted orders append it and then stable-sort the whole
 *       list (by address, by size ascending, or by size descending; equal keys keep their order).</li>
 *   <li>With coalescing on, walk the list once from the head, merging each entry into the entry
 *       before it whenever the earlier one ends exactly where the later one starts (a merged
 *       entry keeps the earlier one's place and may absorb further entries). Only list
 *       neighbours merge, so coalescing finds every touching pair only in ADDRESS order; in the
 *       other orders touching chunks that are not list neighbours stay apart. A merge does not
 *       re-sort the list.</li>
 *   <li>Return 0.</li>
 * </ol>
 *
 * <h2>Next fit (not in OSTEP)</h2>
 * NEXT searches like FIRST but starts at a <em>rover</em> and wraps around the end of the list
 * back to the head, stopping when it is back at its start. The rover names a free-list entry:
 * <ul>
 *   <li>after a successful allocation it points at the entry that follows the chosen entry in
 *       the list (after a split that is the entry after the remainder; after an exact fit the
 *       entry that took the chosen entry's position), wrapping to the head at the end of the
 *       list, and to nothing when the list is empty;</li>
 *   <li>it follows its entry when a free moves the entry (sorting) and moves to the merged entry
 *       when coalescing merges its entry into the one before it;</li>
 *   <li>a failed allocation does not move it; when it points at nothing, the search starts at
 *       the head.</li>
 * </ul>
 * {@link #lastSearchCount()} counts the entries looked at from the rover on.
 *
 * <h2>Growing</h2>
 * {@link #grow(int)} is not part of OSTEP's model: it appends bytes to the heap's end and hands
 * them to the list exactly as if a chunk at the old end had been freed (order, then coalescing).
 * {@code ReferenceAllocator} uses it when it extends {@code HeapBytes} with {@code sbrk}.
 *
 * <p>OSTEP's simulator prints the chunk start as the returned address when it runs an explicit
 * operation list; in its random mode it prints the chunk start plus the header size. This class
 * always returns the chunk start; add {@link FreeListConfig#headerSize()} for the payload.
 *
 * <p>Not thread-safe.
 */
public final class FreeListSimulator {
    /** What {@link #allocate(int)} returns when nothing fits and {@link #free(int)} when the address is not allocated. */
    public static final int FAILED = -1;

    private final FreeListConfig config;
    private final List<FreeChunk> freeList = new ArrayList<>();
    private final TreeMap<Integer, AllocatedChunk> allocated = new TreeMap<>();
    private int end;
    /** An address inside the entry where next fit starts searching, or null for the head. */
    private Integer rover;
    private Allocation lastAllocation;

    private FreeListSimulator(FreeListConfig config) {
        this.config = Checks.notNull(config, "config");
        this.end = config.base() + config.size();
        if (config.size() > 0) {
            freeList.add(new FreeChunk(config.base(), config.size()));
        }
    }

    /** A simulator whose heap is one free chunk {@code [base, base + size)}. */
    public static FreeListSimulator of(FreeListConfig config) {
        return new FreeListSimulator(config);
    }

    public FreeListConfig config() {
        return config;
    }

    /**
     * The chunk size a request of {@code size} bytes searches for: {@code size} rounded up to the
     * alignment, plus the header.
     */
    public long chunkSizeFor(int size) {
        long alignment = config.alignment();
        long rounded = (size + alignment - 1) / alignment * alignment;
        return rounded + config.headerSize();
    }

    /**
     * Allocates a chunk for {@code size} bytes by the rules in the class comment.
     *
     * @return the start address of the chunk (its header included), or {@link #FAILED}
     * @throws IllegalArgumentException if {@code size} is negative, or if the chunk would be
     *     0 bytes (size 0 with no header), which would have no address of its own
     */
    public int allocate(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("allocate(" + size + "): size must be >= 0 bytes. "
                    + "A negative size usually means a length calculation went below zero.");
        }
        long chunkSize = chunkSizeFor(size);
        if (chunkSize == 0) {
            throw new IllegalArgumentException("allocate(0) with no header asks for a 0-byte chunk, "
                    + "which would share its address with the next chunk. Ask for at least 1 byte.");
        }
        int start = searchStart();
        int chosen = -1;
        int searched = 0;
        int count = freeList.size();
        for (int step = 0; step < count; step++) {
            int i = (start + step) % count;
            FreeChunk entry = freeList.get(i);
            searched++;
            if (entry.size() < chunkSize) {
                continue;
            }
            if (chosen == -1 || isBetter(entry, freeList.get(chosen))) {
                chosen = i;
            }
            if (config.policy() == FitPolicy.FIRST || config.policy() == FitPolicy.NEXT) {
                break;
            }
        }
        if (chosen == -1) {
            lastAllocation = new Allocation(size, chunkSize, FAILED, searched, -1, null);
            return FAILED;
        }
        FreeChunk entry = freeList.get(chosen);
        int chunk = (int) chunkSize;
        int following;
        if (entry.size() > chunk) {
            freeList.set(chosen, new FreeChunk(entry.address() + chunk, entry.size() - chunk));
            following = chosen + 1;
        } else {
            freeList.remove(chosen);
            following = chosen;
        }
        allocated.put(entry.address(), new AllocatedChunk(entry.address(), chunk, size));
        rover = freeList.isEmpty() ? null : freeList.get(following % freeList.size()).address();
        lastAllocation = new Allocation(size, chunkSize, entry.address(), searched, chosen, entry);
        return entry.address();
    }

    private boolean isBetter(FreeChunk candidate, FreeChunk current) {
        return switch (config.policy()) {
            case BEST -> candidate.size() < current.size();
            case WORST -> candidate.size() > current.size();
            case FIRST, NEXT -> false;
        };
    }

    private int searchStart() {
        if (config.policy() != FitPolicy.NEXT || rover == null) {
            return 0;
        }
        for (int i = 0; i < freeList.size(); i++) {
            if (freeList.get(i).contains(rover)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Frees the chunk that starts at {@code address} by the rules in the class comment.
     *
     * @return 0, or {@link #FAILED} (and nothing changes) if no allocated chunk starts there
     */
    public int free(int address) {
        AllocatedChunk chunk = allocated.remove(address);
        if (chunk == null) {
            return FAILED;
        }
        giveBack(new FreeChunk(chunk.address(), chunk.size()));
        return 0;
    }

    /**
     * Extends the heap by {@code bytes} at its end; the new bytes join the free list as if a
     * chunk there had been freed (list order, then coalescing).
     *
     * @return the old end of the heap, where the new bytes start
     */
    public int grow(int bytes) {
        Checks.positive(bytes, "bytes");
        if ((long) end + bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grow(" + bytes + "): the heap would end past address "
                    + Integer.MAX_VALUE);
        }
        int oldEnd = end;
        end += bytes;
        giveBack(new FreeChunk(oldEnd, bytes));
        return oldEnd;
    }

    private void giveBack(FreeChunk chunk) {
        switch (config.order()) {
            case INSERT_FRONT -> freeList.add(0, chunk);
            case INSERT_BACK -> freeList.add(chunk);
            case ADDRESS -> sortAfterAppending(chunk, Comparator.comparingInt(FreeChunk::address));
            case SIZE_ASCENDING -> sortAfterAppending(chunk, Comparator.comparingInt(FreeChunk::size));
            case SIZE_DESCENDING -> sortAfterAppending(chunk,
                    Comparator.comparingInt(FreeChunk::size).reversed());
        }
        if (config.coalescing()) {
            coalesceListNeighbours();
        }
    }

    /** List.sort is a stable merge sort, as the rules require. */
    private void sortAfterAppending(FreeChunk chunk, Comparator<FreeChunk> key) {
        freeList.add(chunk);
        freeList.sort(key);
    }

    private void coalesceListNeighbours() {
        List<FreeChunk> merged = new ArrayList<>(freeList.size());
        FreeChunk current = freeList.get(0);
        for (int i = 1; i < freeList.size(); i++) {
            FreeChunk next = freeList.get(i);
            if (next.address() == current.end()) {
                current = new FreeChunk(current.address(), current.size() + next.size());
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        freeList.clear();
        freeList.addAll(merged);
    }

    /** The free list in list order (an immutable snapshot). */
    public List<FreeChunk> freeList() {
        return List.copyOf(freeList);
    }

    /** The allocated chunks, lowest address first (an immutable snapshot). */
    public List<AllocatedChunk> allocatedChunks() {
        return List.copyOf(allocated.values());
    }

    /** The allocated chunk that starts at {@code address}, if there is one. */
    public Optional<AllocatedChunk> allocatedAt(int address) {
        return Optional.ofNullable(allocated.get(address));
    }

    /** How many free-list entries the last {@link #allocate(int)} looked at (0 before any). */
    public int lastSearchCount() {
        return lastAllocation == null ? 0 : lastAllocation.searched();
    }

    /** What the last {@link #allocate(int)} did, for explanations; empty before any. */
    public Optional<Allocation> lastAllocation() {
        return Optional.ofNullable(lastAllocation);
    }

    /** The lowest address of the heap. */
    public int base() {
        return config.base();
    }

    /** The first address after the heap (it moves up with {@link #grow(int)}). */
    public int end() {
        return end;
    }

    /** The free-list entry that ends at the heap's end, if the last bytes of the heap are free. */
    public Optional<FreeChunk> freeChunkAtEnd() {
        for (FreeChunk entry : freeList) {
            if (entry.end() == end) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /**
     * Two lines for people: the free list in list order, then the allocated chunks by address.
     *
     * <pre>
     * free list (2 entries, address order): [addr 1010 size 10] [addr 1030 size 70]
     * allocated (2 chunks): [addr 1000 size 10 for 10] [addr 1020 size 10 for 7]
     * </pre>
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("free list (").append(plural(freeList.size(), "entry", "entries")).append(", ")
                .append(config.order().kitName()).append(" order):");
        appendAll(text, freeList);
        text.append(System.lineSeparator()).append("allocated (")
                .append(plural(allocated.size(), "chunk", "chunks")).append("):");
        appendAll(text, allocated.values());
        return text.toString();
    }

    private static void appendAll(StringBuilder text, Iterable<?> items) {
        for (Object item : items) {
            text.append(' ').append(item);
        }
    }

    private static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    @Override
    public String toString() {
        return "FreeListSimulator[" + config + "]" + System.lineSeparator() + describe();
    }
}
