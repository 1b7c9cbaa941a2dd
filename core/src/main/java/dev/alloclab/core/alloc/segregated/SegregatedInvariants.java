package dev.alloclab.core.alloc.segregated;

import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.DIRECTORY_WORD;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.FIRST_BLOCK;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.HEADER_SIZE;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.LIST_COUNT;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.LIVE_MASK;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.NONE;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.NO_TREE;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.RUN_CACHE_ENTRIES;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.RUN_CACHE_GRANULE_BITS;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.SLOT_CLASS_COUNT;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.SLOT_HEADS;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.blockSize;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.isAllocated;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.isExactList;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.listFor;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.runCacheEntry;
import static dev.alloclab.core.alloc.segregated.SegregatedAllocator.slotSizeOfClass;

import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap checker of {@link SegregatedAllocator}, for its tests: what its heap words and its caches
 * say that does not agree, each problem as a sentence, none when all is well.
 *
 * <p>Why a class of its own: the allocator keeps the same facts twice on purpose, once in the heap
 * (list heads, free-list links, the run directory, each run's trailer) and once in Java fields that
 * skip searches (the non-empty mask, the size bounds, the fingers, the run cache, the slot heads'
 * copies, each slot class's recent run). Every speed change risks letting a copy drift from the heap,
 * and the property tests catch that by calling these checks after every step. They are about 250
 * lines that no allocation runs, so they live here, next to the allocator, and read it through its
 * package-private accessors; the allocator's file keeps only what {@code alloc} and {@code dealloc} do.
 *
 * <pre>{@code
 * SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20), 0);
 * SegregatedInvariants invariants = new SegregatedInvariants(allocator);
 * allocator.alloc(16);
 * assertThat(invariants.freeListProblems()).isEmpty();   // reads the allocator as it is now
 * }</pre>
 *
 * <p>The checks only read, with one exception: {@link #slotProblems()} asks the allocator which run
 * holds each free slot, and that lookup fills the allocator's caches as any lookup does (the answers
 * they cache are true, so no address the allocator hands out changes).
 */
final class SegregatedInvariants {
    private final SegregatedAllocator allocator;
    private final HeapBytes heap;

    /** The checks of {@code allocator}; each call reads its state at that moment. */
    SegregatedInvariants(SegregatedAllocator allocator) {
        this.allocator = allocator;
        this.heap = allocator.heap();
    }

    /**
     * What is wrong with the free lists: none when every free block of the heap is on exactly the
     * list of its size, range lists run in address order and end at the tail their head names, the
     * back links match, the non-empty mask agrees with the heads, no block exceeds its range list's
     * size bound, and a range list's address tree (if it keeps one) holds exactly its blocks.
     */
    List<String> freeListProblems() {
        List<String> problems = new ArrayList<>();
        if (heap.size() == 0) {
            return problems;
        }
        int freeBlocks = 0;
        for (int block = FIRST_BLOCK; block < allocator.epilogue(); block += blockSize(allocator.header(block))) {
            if (!isAllocated(allocator.header(block))) {
                freeBlocks++;
            }
        }
        int table = allocator.table();
        if (heap.readInt(SegregatedAllocator.TABLE_WORD) != table) {
            problems.add("the table's copy says " + table + ", heap word 0 " + heap.readInt(SegregatedAllocator.TABLE_WORD));
        }
        if (table == NONE) { // a small heap: free blocks are found by walking, no list holds them
            if (allocator.nonEmptyLists() != 0 || allocator.directory() != NONE) {
                problems.add("a small heap (no table) but the mask says " + Long.toBinaryString(allocator.nonEmptyLists())
                        + " and the directory " + allocator.directory());
            }
            return problems;
        }
        int linked = 0;
        for (int list = 0; list < LIST_COUNT; list++) {
            int head = allocator.head(list);
            boolean maskSaysNonEmpty = (allocator.nonEmptyLists() & (1L << list)) != 0;
            if (maskSaysNonEmpty != (head != NONE)) {
                problems.add("list " + list + ": the mask says " + (maskSaysNonEmpty ? "non-empty" : "empty"));
            }
            int prev = NONE;
            for (int block = head; block != NONE && linked <= freeBlocks; block = allocator.next(block)) {
                linked++;
                int size = blockSize(allocator.header(block));
                if (isAllocated(allocator.header(block)) || listFor(size) != list) {
                    problems.add("block " + block + " (" + size + " bytes) does not belong on list " + list);
                }
                if (allocator.prev(block) != prev) {
                    problems.add("block " + block + " on list " + list + " links back to " + allocator.prev(block)
                            + ", not " + prev);
                }
                if (!isExactList(list) && size > allocator.sizeBound(list)) {
                    problems.add("block " + block + " (" + size + " bytes) exceeds list " + list + "'s size bound "
                            + allocator.sizeBound(list));
                }
                if (!isExactList(list) && prev != NONE && prev > block) {
                    problems.add("range list " + list + ": block " + block + " follows the higher block " + prev);
                }
                prev = block;
            }
            if (!isExactList(list) && head != NONE && allocator.tail(head) != prev) {
                problems.add("range list " + list + " ends at " + prev + " but its head says " + allocator.tail(head));
            }
            if (!isExactList(list) && head != NONE) {
                rangeListTreeProblems(list, freeBlocks, problems);
            }
        }
        if (linked != freeBlocks) {
            problems.add(freeBlocks + " free blocks in the heap, " + linked + " on the lists");
        }
        return problems;
    }

    /** True if range list {@code list} keeps an address tree now. */
    boolean keepsTree(int list) {
        int head = allocator.head(list);
        return head != NONE && allocator.root(head) != NO_TREE;
    }

    /** What is wrong with the tree a range list's head may carry (see {@link #freeListProblems}). */
    private void rangeListTreeProblems(int list, int freeBlocks, List<String> problems) {
        int root = allocator.root(allocator.head(list));
        if (root == NO_TREE) {
            return;
        }
        List<Integer> inList = new ArrayList<>();
        for (int block = allocator.head(list); block != NONE && inList.size() <= freeBlocks;
                block = allocator.next(block)) {
            inList.add(block);
        }
        new AddressTree(heap).problems(root, inList, problems); // the tree's checks only read the heap
    }

    /**
     * What the allocator's caches of the runs say that the heap does not: none when the directory's
     * copy matches its word, the run finger holds a run and its trailer, no slot of any run lies in
     * the gap finger's range (bounded by the runs it names), the run cache agrees with the directory,
     * the slot heads' copies match their words, and each slot class's recent run is a run of that
     * class with that trailer.
     */
    List<String> cacheProblems() {
        List<String> problems = new ArrayList<>();
        if (heap.size() == 0) {
            return problems;
        }
        int directory = allocator.directory();
        int table = allocator.table();
        int directoryWord = table == NONE ? NONE : heap.readInt(table + DIRECTORY_WORD);
        if (directory != directoryWord) {
            problems.add("the directory's copy says " + directory + ", its word " + directoryWord);
        }
        List<Integer> runs = new ArrayList<>();
        for (int i = 0; directory != NONE && i < heap.readInt(directory); i++) {
            runs.add(heap.readInt(directory + 4 + 4 * i));
        }
        int fingerRun = allocator.fingerRun();
        int fingerTrailer = allocator.fingerTrailer();
        if (fingerTrailer != NONE && (!runs.contains(fingerRun) || fingerTrailer != allocator.trailerOf(fingerRun))) {
            problems.add("the run finger holds " + fingerRun + " (trailer " + fingerTrailer + "), no such run");
        }
        int gapBelow = allocator.gapBelow();
        int gapFrom = allocator.gapFrom();
        int gapTo = allocator.gapTo();
        if (gapTo != NONE) {
            for (int run : runs) {
                if (run < gapTo && allocator.trailerOf(run) > gapFrom) {
                    problems.add("run " + run + " lies in the gap finger [" + gapFrom + ", " + gapTo + "]");
                }
            }
            if (gapBelow != NONE && (!runs.contains(gapBelow) || allocator.trailerOf(gapBelow) != gapFrom)) {
                problems.add("the gap finger starts above " + gapBelow + ", no run ending at " + gapFrom);
            }
            if (gapTo != Integer.MAX_VALUE && !runs.contains(gapTo)) {
                problems.add("the gap finger ends at " + gapTo + ", where no run starts");
            }
        }
        runCacheProblems(runs, problems);
        for (int slotClass = 0; slotClass < SLOT_CLASS_COUNT; slotClass++) {
            int word = table == NONE ? NONE : heap.readInt(table + SLOT_HEADS + 4 * slotClass);
            if (allocator.slotHead(slotClass) != word) {
                problems.add("slot class " + slotClass + "'s head copy says " + allocator.slotHead(slotClass)
                        + ", its word " + word);
            }
        }
        for (int slotClass = 0; slotClass < SLOT_CLASS_COUNT; slotClass++) {
            int run = allocator.recentRun(slotClass);
            int trailer = allocator.recentTrailer(slotClass);
            if (trailer != NONE && (!runs.contains(run) || allocator.trailerOf(run) != trailer
                    || allocator.slotSizeOf(run) != slotSizeOfClass(slotClass))) {
                problems.add("slot class " + slotClass + " remembers run " + run + ", not a run of that class");
            }
        }
        return problems;
    }

    /**
     * What the run cache says that the directory ({@code runs}) does not: an entry reaching past its
     * granule or kept at another granule's place, one naming a run that is gone or that does not hold
     * all of its range, one saying "no run" over a run's slots.
     */
    private void runCacheProblems(List<Integer> runs, List<String> problems) {
        int[] starts = runs.stream().mapToInt(Integer::intValue).sorted().toArray();
        for (int entry = 0; entry < 4 * RUN_CACHE_ENTRIES; entry += 4) {
            int from = allocator.runCacheWord(entry);
            int to = allocator.runCacheWord(entry + 1);
            int answer = allocator.runCacheWord(entry + 2);
            int answerTrailer = allocator.runCacheWord(entry + 3);
            if (from >= to) {
                continue;
            }
            String range = "the run cache's entry " + entry / 4 + " [" + from + ", " + to + ")";
            if (runCacheEntry(from) != entry || from >>> RUN_CACHE_GRANULE_BITS != (to - 1) >>> RUN_CACHE_GRANULE_BITS) {
                problems.add(range + " is not inside the granule of that entry");
            }
            if (answer != NONE && (Arrays.binarySearch(starts, answer) < 0 || from <= answer
                    || to > allocator.trailerOf(answer))) {
                problems.add(range + " says run " + answer + ", which does not hold all of it");
            } else if (answer != NONE && answerTrailer != allocator.trailerOf(answer)) {
                problems.add(range + " says run " + answer + " has its trailer at " + answerTrailer + ", not "
                        + allocator.trailerOf(answer));
            }
            // runs do not overlap: if any run's slots reach into [from, to), the last one starting below to - 1 does
            int below = Arrays.binarySearch(starts, to - 1);
            int last = below >= 0 ? below - 1 : -below - 2;
            if (answer == NONE && last >= 0 && allocator.trailerOf(starts[last]) > from) {
                problems.add(range + " says no run, but run " + starts[last] + " holds part of it");
            }
        }
    }

    /**
     * What the table's counts of live headed small blocks (the slot gate's) say that a walk does not: each
     * count must equal the live headed blocks of its size that are neither a run nor the run directory.
     * A small heap keeps no counts (its gate counts by walking), so there is nothing to compare.
     */
    private void countProblems(java.util.Set<Integer> runs, List<String> problems) {
        int table = allocator.table();
        if (table == NONE) {
            return;
        }
        int[] walked = new int[SegregatedAllocator.COUNTED_SIZES];
        for (int block = FIRST_BLOCK; block < allocator.epilogue(); block += blockSize(allocator.header(block))) {
            int size = blockSize(allocator.header(block));
            if (isAllocated(allocator.header(block)) && size <= SegregatedAllocator.LARGEST_COUNTED_SIZE
                    && !runs.contains(block) && block + HEADER_SIZE != allocator.directory()) {
                walked[(size - SegregatedAllocator.MIN_BLOCK_SIZE) / 8]++;
            }
        }
        for (int i = 0; i < walked.length; i++) {
            int count = heap.readInt(table + SegregatedAllocator.HEADED_COUNT_WORDS + 4 * i);
            if (count != walked[i]) {
                problems.add("the table counts " + count + " live headed blocks of " + (SegregatedAllocator.MIN_BLOCK_SIZE + 8 * i)
                        + " bytes, the heap holds " + walked[i]);
            }
        }
    }

    /**
     * What is wrong with the runs: none when the directory lists allocated blocks in address order,
     * each run's trailer counts exactly the slots that are not on its class's free list, no run is
     * empty, the free slots' back links match, every free slot lies in a run of its class, and the
     * table's counts of live headed small blocks (which open a size's first run) match the heap.
     */
    List<String> slotProblems() {
        List<String> problems = new ArrayList<>();
        int directory = allocator.directory();
        Map<Integer, Integer> freeInRun = new HashMap<>();
        if (directory != NONE) {
            int count = heap.readInt(directory);
            if (count == 0) {
                problems.add("the directory is empty but still kept");
            }
            int previous = NONE;
            for (int i = 0; i < count; i++) {
                int run = heap.readInt(directory + 4 + 4 * i);
                if (run <= previous) {
                    problems.add("directory entry " + i + " (" + run + ") does not follow " + previous);
                }
                if (!isAllocated(allocator.header(run))) {
                    problems.add("run " + run + " is not an allocated block");
                }
                freeInRun.put(run, 0);
                previous = run;
            }
        }
        for (int slotClass = 0; slotClass < (heap.size() == 0 ? 0 : SLOT_CLASS_COUNT); slotClass++) {
            int prev = NONE;
            int seen = 0;
            for (int slot = allocator.slotHead(slotClass); slot != NONE && seen++ <= heap.size() / 8;
                    slot = heap.readInt(slot)) {
                int run = allocator.runOf(slot);
                if (run == NONE || allocator.slotSizeOf(run) != slotSizeOfClass(slotClass)
                        || (slot - run - HEADER_SIZE) % slotSizeOfClass(slotClass) != 0) {
                    problems.add("free slot " + slot + " on list " + slotClass + " is not a slot of a run of that class");
                } else {
                    freeInRun.merge(run, 1, Integer::sum);
                    if ((allocator.trailer(run) & 1 << (slot - run - HEADER_SIZE) / allocator.slotSizeOf(run)) != 0) {
                        problems.add("free slot " + slot + " is marked live in its run's trailer");
                    }
                }
                if (heap.readInt(slot + 4) != prev) {
                    problems.add("free slot " + slot + " links back to " + heap.readInt(slot + 4) + ", not " + prev);
                }
                prev = slot;
            }
        }
        countProblems(freeInRun.keySet(), problems);
        freeInRun.forEach((run, free) -> {
            int live = Integer.bitCount(allocator.trailer(run) & LIVE_MASK);
            if (live == 0) {
                problems.add("run " + run + " has no live slot but was kept");
            }
            if (live + free != allocator.slotCount(run)) {
                problems.add("run " + run + ": " + live + " live + " + free + " free slots, not "
                        + allocator.slotCount(run));
            }
        });
        return problems;
    }
}
