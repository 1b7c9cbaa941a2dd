package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.TextHeapMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A {@link Heap} that catches memory mistakes as they happen and reports them the way
 * AddressSanitizer and Valgrind do, in the model's terms.
 *
 * <pre>{@code
 * CheckedHeap heap = CheckedHeap.over(allocator);              // quarantine 1 MiB, throws on a mistake
 * int years = heap.at("Examples.getYears (Examples.java:41)").alloc(20);
 * heap.writeInt(years + 4, 2000);
 * heap.dealloc(years);
 * heap.readInt(years + 4);      // ViolationException: use-after-free: READ of 4 bytes at heap index 68 ...
 *
 * CheckedHeap replay = CheckedHeap.builder(allocator)
 *         .quarantineBytes(0)                                  // no quarantine
 *         .taggedIndexes(true)                                 // catch stale indexes after reuse
 *         .onViolation(CheckedHeap.OnViolation.RECORD)         // record, skip the operation, go on
 *         .build();
 * }</pre>
 *
 * <h2>What it keeps</h2>
 * <ul>
 *   <li><b>Shadow bytes</b>: one per 8-byte granule, as AddressSanitizer keeps them, saying for
 *       each heap byte whether it is a live payload, padding, a freed block in quarantine, or not
 *       handed out (see {@link Shadow}). Every read and write checks its bytes against the shadow,
 *       usually by reading one shadow byte: that is the whole happy path.</li>
 *   <li><b>A record per block</b>: its payload {@code [from, to)}, the size asked for, the call,
 *       step and {@link Site} that allocated it and later freed it, kept in reused slots and handed
 *       out as {@link BlockRecord} values when asked. Freed blocks stay remembered while in
 *       quarantine and in a bounded history afterwards, so reports can name blocks that are gone.</li>
 *   <li><b>A quarantine</b>: a freed block is not given back to the allocator at once. It waits in
 *       a first-in first-out queue bounded by bytes ({@link Builder#quarantineBytes(int)}, 1 MiB by
 *       default), so a stale index keeps pointing at poisoned bytes instead of at a newer block.
 *       When the allocator runs out of memory the quarantine is emptied and the request retried (the leak
 *       report then notes it: from there on a stale index may read a new owner's bytes unreported).
 *       A block leaving the quarantine keeps its "freed" shadow (no re-marking: the bytes the
 *       allocator hands out again are marked then), so a stale index into it is still reported
 *       until the memory is reused; pictures ask the quarantine which freed bytes it still holds.
 *       Once a later block has taken some of its bytes, reports no longer name it: the bytes that
 *       still read "freed" are then the allocator's (a header in front of the new block), and an
 *       access there is an overflow of the live block next to it, as AddressSanitizer says
 *       (with tags, a stale index of the old block is still told by its tag).</li>
 *   <li><b>Tagged indexes</b> (optional, {@link Builder#taggedIndexes(boolean)}): indexes carry a
 *       4-bit tag in bits 27..30 (see {@link TaggedIndex}), so a stale index is caught even after
 *       its memory was handed out again, and a double free after reuse is told from a legal free.</li>
 * </ul>
 *
 * <h2>What it reports</h2>
 * {@link Violation.Kind}: use-after-free (read or write), double free, double free after reuse
 * (tagged mode only: without tags a stale index equals the newer block's index, so that dealloc
 * is indistinguishable from a legal one and frees the newer block), invalid free (inside a block
 * or never allocated), out-of-bounds access (past the block's end, into padding, a neighbour,
 * free bytes or past the heap's end) and, at the end, leaks ({@link #leaks()},
 * {@link #leakReport()}). An access that lands wholly inside another live block is that block's
 * access as far as untagged shadow bytes can tell; tagged mode catches it.
 *
 * <p>In {@link OnViolation#THROW} mode a mistake throws a {@link ViolationException}; in
 * {@link OnViolation#RECORD} mode it is added to {@link #violations()}. Either way the operation
 * is not performed: a bad read returns 0, a bad write, free or realloc changes nothing (realloc
 * returns {@link Allocator#NULL}). A negative size is not a memory mistake but a wrong argument
 * and throws {@link IllegalArgumentException} in both modes.
 *
 * <h2>Steps and sites</h2>
 * Every heap operation (alloc, dealloc, realloc, read, write, copy) is one step, counted from 1: one that fails or
 * returns NULL too (alloc(0), an alloc the allocator has no room for, {@link #refusedRequest()}).
 * The site of an operation is what the program last set with {@link #at(String)} or
 * {@link #atTraceLine(int)}, or, with {@link Builder#captureCallerSites(boolean)}, the first
 * stack frame outside this class and the kit's {@code alloc}, {@code vec} and {@code memory} packages (costly: for teaching
 * runs, not for replays).
 *
 * <h2>Realloc</h2>
 * By default realloc always moves the block (allocate, copy, free the old block into quarantine),
 * as AddressSanitizer's does, so a stale copy of the old index is caught. With
 * {@link Builder#reallocAlwaysMoves(boolean) reallocAlwaysMoves(false)} (what trace replays use)
 * it resizes in place whenever it can; see {@link #realloc(int, int)} for what that still catches.
 *
 * <p>Not thread-safe. API status: stable; the examples, the trace replayer, the exercises and the
 * grader use it.
 */
public final class CheckedHeap implements Heap {
    /** What a checked heap does when the program makes a mistake. */
    public enum OnViolation {
        /** Throw a {@link ViolationException}; the operation is not performed. */
        THROW,
        /** Add the violation to {@link #violations()}, skip the operation, go on. */
        RECORD
    }

    /** The default quarantine: 1 MiB of freed blocks. */
    public static final int DEFAULT_QUARANTINE_BYTES = 1 << 20;
    /** How many released blocks the history remembers by default. */
    public static final int DEFAULT_HISTORY_BLOCKS = 4096;

    private static final int SKIP = -1;
    /** Packages whose frames {@code captureCallerSites} skips: the allocators, the vec helpers, the heap's bytes. */
    private static final List<String> KIT_HELPER_PACKAGES = List.of("dev.alloclab.core.alloc.", "dev.alloclab.core.vec.",
            "dev.alloclab.core.memory.");
    /** Shows reflection's frames, so that a method a test runner invoked is seen to have no caller of the program's. */
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES);

    private final Allocator allocator;
    private final HeapBytes bytes;
    private final int quarantineLimit;
    private final int historyLimit;
    private final boolean tagged;
    private final OnViolation onViolation;
    private final boolean captureCallerSites;
    /** With {@link Builder#captureCallerSitesIn}: the code whose frames are sites, and the site of any other call. */
    private final String sitePackage;
    private final Site otherSite;
    private final boolean reallocAlwaysMoves;

    private final Shadow shadow = new Shadow();
    /** Every block's facts, by slot number; the table, the quarantine and the history hold slot numbers. */
    private final BlockSlots slots;
    private final BlockTable live;
    private final SlotQueue quarantine;
    private final SlotQueue history;
    /** Slots the history has forgotten, for the next blocks: the happy path makes none while it can reuse one. */
    private final SlotQueue spareSlots;
    private final List<Violation> violations = new ArrayList<>();
    private final ViolationFinder finder = new ViolationFinder(this);

    private long quarantinedBytes;
    /** How often a full heap made the quarantine give all its blocks back, and the step of the first time. */
    private int quarantineEmptied;
    private int quarantineFirstEmptiedAt;
    private int step;
    private int blockCount;
    private int nextTag = 1;
    private Site currentSite = Site.UNKNOWN;
    private int currentTraceLine = -1;
    /** The index the next accesses start from, as a trace line names it ({@link #accessesFrom}); NULL: none said. */
    private int accessBase = Allocator.NULL;
    /** The caller knows the next access is not inside the block {@link #accessesFrom} named. */
    private boolean accessOutsideBase;
    private HeapEvent.Operation callOperation;
    private int callIndex;
    private int callSize;
    private Site callSite;
    private int callLine;
    private long liveBytes;
    private long allocations;
    /** How many of the allocations were alloc(0), which returned NULL. */
    private long zeroSizeAllocations;
    private long frees;
    private long bytesAllocated;

    private CheckedHeap(Builder builder) {
        this.allocator = builder.allocator;
        this.bytes = Checks.notNull(allocator.heap(), "the allocator's heap() (the HeapBytes it manages)");
        this.quarantineLimit = builder.quarantineBytes;
        this.historyLimit = builder.historyBlocks;
        this.tagged = builder.taggedIndexes;
        this.onViolation = builder.onViolation;
        this.captureCallerSites = builder.captureCallerSites || builder.sitePackage != null;
        this.sitePackage = builder.sitePackage;
        this.otherSite = Site.label(builder.otherSite);
        this.reallocAlwaysMoves = builder.reallocAlwaysMoves;
        slots = new BlockSlots(builder.expectedBlocks);
        live = new BlockTable(slots);
        if (builder.deferShadow) {
            // a mark when each block starts and when it ends
            shadow.defer(2 * builder.expectedBlocks);
        }
        shadow.reserve(Math.min(builder.expectedHeapBytes, bytes.maxSize()));
        live.reserve(Math.min(builder.expectedHeapBytes, bytes.maxSize()));
        // the queues of slot numbers, made big enough now as the slots are, do not grow (by copying) later
        quarantine = new SlotQueue(builder.expectedBlocks);
        history = new SlotQueue(Math.min(builder.expectedBlocks, historyLimit + 1));
        spareSlots = new SlotQueue(Math.min(builder.expectedBlocks, historyLimit + 1));
        shadow.growTo(bytes.size());
    }

    /**
     * A checked heap over {@code allocator} with the defaults: 1 MiB quarantine, no tags, THROW, and
     * sites only as labelled with {@link #at(String)} (for the caller's file and line in every report,
     * build one with {@link Builder#captureCallerSites(boolean) captureCallerSites(true)}).
     */
    public static CheckedHeap over(Allocator allocator) {
        return builder(allocator).build();
    }

    /** Starts a checked heap over {@code allocator}; see {@link Builder}. */
    public static Builder builder(Allocator allocator) {
        return new Builder(allocator);
    }

    // ---------------------------------------------------------------- sites

    /** Labels the following operations (until the next {@code at}) with {@code label}. */
    public CheckedHeap at(String label) {
        return at(Site.label(label));
    }

    /** Labels the following operations with {@code site}. */
    public CheckedHeap at(Site site) {
        currentSite = site == null ? Site.UNKNOWN : site;
        currentTraceLine = -1;
        return this;
    }

    /** Labels the following operations with a trace line, without building text now. */
    public CheckedHeap atTraceLine(int line) {
        currentTraceLine = line;
        return this;
    }

    /**
     * Says which block the following reads and writes start from, as a trace's {@code w} and {@code rd} lines name
     * it: {@code rd 0 -100000 4} reads 100,000 bytes before block 0's index. An access that lands outside the heap
     * has no bytes there to tell whose it is; with this, its report still names the block the line named
     * ({@code -99992 is 100000 bytes before the 16-byte block #1}). {@link Allocator#NULL} (the default): no block
     * said, and such a report names none. Holds until this method is called again: the trace replay calls it before
     * each access line, with {@link Allocator#NULL} for a line whose id has no block.
     */
    public CheckedHeap accessesFrom(int index) {
        return accessesFrom(index, false);
    }

    /**
     * As {@link #accessesFrom(int)}, for a caller that knows the block's size and says whether the next access runs
     * outside its payload: a trace line's {@code rd 0 24 1} on a 16-byte block. True: the access is reported as an
     * overflow of that block even where the shadow alone would let it pass, because it lands wholly inside a live
     * neighbour (without tags, such bytes are the neighbour's as far as the shadow can tell). Where the shadow
     * refuses it anyway, its report is the usual one.
     */
    public CheckedHeap accessesFrom(int index, boolean outsideItsBlock) {
        accessBase = index;
        accessOutsideBase = outsideItsBlock;
        return this;
    }

    /** The index {@link #accessesFrom} last named, or {@link Allocator#NULL}. */
    int accessBase() {
        return accessBase;
    }

    /** True if the caller said the next access runs outside the block {@link #accessesFrom} named. */
    boolean accessOutsideBase() {
        return accessOutsideBase;
    }

    private Site site() {
        if (sitePackage != null) {
            Site found = WALKER.walk(frames -> siteIn(frames.iterator(),
                    f -> f.getClassName().startsWith(sitePackage) && !isKitFrame(f.getClassName())
                            && !isReflection(f.getClassName()),
                    f -> f.getClassName().startsWith(sitePackage) && !isKitFrame(f.getClassName())));
            return found.isKnown() ? found : otherSite;
        }
        if (captureCallerSites) {
            return WALKER.walk(frames -> siteIn(frames.iterator(),
                    f -> !isKitFrame(f.getClassName()) && !isReflection(f.getClassName()),
                    f -> !KitFrames.isKits(f.getClassName())));
        }
        return currentTraceLine >= 0 ? Site.traceLine(currentTraceLine) : currentSite;
    }

    /**
     * The first frame that {@code isSite} accepts, with the kit helper it called (the frame just above it, when that is
     * one of {@link #KIT_HELPER_PACKAGES}': {@code VecMetadata.push} made the dealloc, not the program) and the next
     * frame below it that {@code isCaller} accepts (the program's own caller: a test runner or the JDK is not one).
     */
    private static Site siteIn(java.util.Iterator<StackWalker.StackFrame> frames,
                               java.util.function.Predicate<StackWalker.StackFrame> isSite,
                               java.util.function.Predicate<StackWalker.StackFrame> isCaller) {
        StackWalker.StackFrame above = null;
        while (frames.hasNext()) {
            StackWalker.StackFrame frame = frames.next();
            if (isSite.test(frame)) {
                String through = above != null && isKitHelper(above.getClassName())
                        ? simpleName(above.getClassName()) + "." + above.getMethodName() : null;
                while (frames.hasNext()) {
                    StackWalker.StackFrame next = frames.next();
                    String name = next.getClassName();
                    if (isReflection(name) || name.equals("java.lang.Thread")) {
                        break; // a test runner invoked the method, or a thread runs it: nobody of the program called it
                    }
                    if (isCaller.test(next)) {
                        return Site.frame(frame, next, through);
                    }
                    if (!KitFrames.isKits(name)) {
                        break; // a frame of some other code (a library's): the program's stack ends for us there
                    }
                }
                return Site.frame(frame, null, through);
            }
            above = frame;
        }
        return Site.UNKNOWN;
    }

    private static boolean isReflection(String className) {
        return className.startsWith("java.lang.reflect.") || className.startsWith("jdk.internal.reflect.");
    }

    /** A kit helper a program calls that makes heap calls for it (a vec's push, an allocator): not HeapBytes. */
    private static boolean isKitHelper(String className) {
        return className.startsWith("dev.alloclab.core.vec.") || className.startsWith("dev.alloclab.core.alloc.");
    }

    private static String simpleName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return simple.replace('$', '.');
    }

    /**
     * The checked heap itself, the allocators under it and the kit's helpers the program calls (a vec's
     * {@code push}, {@code get}, {@code free}; {@code HeapBytes}) are never the site of a mistake: the frame that
     * called them, the learner's, is. A report naming {@code VecMetadata.free} would tell the learner to move a
     * dealloc they never wrote.
     */
    private static boolean isKitFrame(String className) {
        String self = CheckedHeap.class.getName();
        if (className.equals(self) || className.startsWith(self + "$")) {
            return true;
        }
        for (String helper : KIT_HELPER_PACKAGES) {
            if (className.startsWith(helper)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the current call

    /**
     * Notes the call being made (the heap event that may create or end a block) without building
     * objects: its kind, arguments, and site as either a {@link Site} or a trace line.
     */
    private void call(HeapEvent.Operation operation, int index, int size) {
        callOperation = operation;
        callIndex = index;
        callSize = size;
        if (captureCallerSites || currentTraceLine < 0) {
            callSite = site();
            callLine = -1;
        } else {
            callSite = null;
            callLine = currentTraceLine;
        }
    }

    /** The current call as the program wrote it, for messages: {@code alloc(20)}. */
    private String callText() {
        return new HeapEvent(callOperation, callIndex, callSize, step, Site.UNKNOWN).call();
    }

    private void allocatedByCall(int block) {
        slots.allocated(block, callOperation, callIndex, callSize, step, callSite, callLine);
    }

    private void freedByCall(int block) {
        slots.freed(block, callOperation, callIndex, callSize, step, callSite, callLine);
    }

    // ---------------------------------------------------------------- alloc, dealloc, realloc

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        step++;
        if (size == 0) {
            // NULL, but a call all the same: Valgrind's "total heap usage" counts malloc(0) too; the summary says
            // how many there were, since none has a free to match it
            allocations++;
            zeroSizeAllocations++;
            return Allocator.NULL;
        }
        int address = allocateFromAllocator(size);
        if (address == Allocator.NULL) {
            return Allocator.NULL;
        }
        call(HeapEvent.Operation.ALLOC, -1, size);
        return indexOf(track(address, size));
    }

    /**
     * A request for more bytes than the heap can ever hold, which the caller answered NULL itself without asking
     * (a trace replay does this for {@code a 0 100000000} and {@code r 0 100000000}): one step, as every other
     * request is, so that the steps of the operations after it count every call of the program. Nothing else
     * changes (a realloc's block keeps its index), and, like a failed alloc, it is no allocation in the summary.
     * Returns {@link Allocator#NULL}, what the request got.
     */
    public int refusedRequest() {
        step++;
        return Allocator.NULL;
    }

    @Override
    public void dealloc(int index) {
        step++;
        if (index == Allocator.NULL) {
            return;
        }
        int block = liveBlockFor(index);
        if (block == BlockSlots.NONE) {
            violation(finder.badFree(index, addressOf(index), step, site()));
            return;
        }
        call(HeapEvent.Operation.DEALLOC, slots.from(block), -1);
        free(block);
    }

    /**
     * A dealloc of an index the program has freed already, as the caller knows (a trace's second {@code f} of an
     * id): reported and not performed. Without tags a newer block at the same address makes such a dealloc look
     * legal, and {@link #dealloc} would free that block under its owner; here it is the
     * {@link Violation.Kind#DOUBLE_FREE_AFTER_REUSE double free after reuse} it is, whatever the tag mode.
     */
    public void deallocFreed(int index) {
        step++;
        if (index == Allocator.NULL) {
            return;
        }
        violation(finder.secondFree(index, addressOf(index), step, site()));
    }

    /**
     * A realloc of an index the program has freed already, as the caller knows (a trace's {@code r} of an id after
     * its {@code f}): reported, not performed, and answered with {@link Allocator#NULL} (the caller keeps its old
     * index). Without tags a newer block at the same address makes such a realloc look legal, and {@link #realloc}
     * would move or resize that block under its owner.
     */
    public int reallocFreed(int index) {
        step++;
        if (index != Allocator.NULL) {
            violation(finder.secondFree(index, addressOf(index), step, site(), Violation.Access.REALLOC));
        }
        return Allocator.NULL;
    }

    /**
     * Resizes the block at {@code index}, keeping its first {@code min(old, new size)} bytes.
     *
     * <p>By default the block always moves: a new block, a copy, and the old block freed into
     * quarantine, so any stale copy of the old index is reported as a use-after-free.
     *
     * <p>With {@code reallocAlwaysMoves(false)}: if the new size fits in what the allocator
     * handed out for the block ({@link BlockRecord#usableSize()}), only the shadow changes (the
     * allocator is not asked); otherwise the allocator's own {@link Allocator#realloc} runs. If it
     * kept the block where it was, the index stays valid (same tag). If it moved the block, the
     * allocator has already taken the old bytes back and may have reused them (even for the new
     * block), so the old block cannot wait in quarantine: its shadow becomes "not handed out" and
     * its record goes to the history. A stale index to it is then still reported (as a
     * use-after-free naming the realloc) until the allocator hands those bytes out again; after
     * that only tagged indexes catch it. A program that keeps no copy of the old index, such as
     * every trace replay, loses nothing.
     *
     * <p>Either way the summary counts a realloc as one allocation and one free, as Valgrind does.
     */
    @Override
    public int realloc(int index, int size) {
        AllocationRequests.checkResize(index, size);
        if (index == Allocator.NULL) {
            return alloc(size);
        }
        step++;
        int old = liveBlockFor(index);
        if (old == BlockSlots.NONE) {
            violation(finder.badFree(index, addressOf(index), step, site(), Violation.Access.REALLOC));
            return Allocator.NULL;
        }
        call(HeapEvent.Operation.REALLOC, slots.from(old), size);
        if (size == 0) {
            free(old);
            return Allocator.NULL;
        }
        if (!reallocAlwaysMoves) {
            return resizeWithAllocator(old, size);
        }
        int address = allocateFromAllocator(size);
        if (address == Allocator.NULL) {
            return Allocator.NULL;
        }
        bytes.copy(slots.from(old), address, Math.min(slots.requestedSize(old), size));
        int moved = track(address, size);
        free(old);
        return indexOf(moved);
    }

    /** Realloc without forced moves: in place when it fits, else the allocator's realloc. */
    private int resizeWithAllocator(int old, int size) {
        int from = slots.from(old);
        if (size <= slots.usableSize(old)) {
            return indexOf(resizedInPlace(old, size, slots.usableSize(old)));
        }
        int address;
        try {
            address = allocator.realloc(from, size);
            if (address == Allocator.NULL && !quarantine.isEmpty()) {
                emptyQuarantineForMemory();
                address = allocator.realloc(from, size);
            }
        } catch (KitException | NotImplemented e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw allocatorThrew("realloc(" + from + ", " + size + ")", e);
        }
        if (address == Allocator.NULL) {
            return Allocator.NULL;
        }
        if (address == from) {
            int usable = Math.max(size, Math.min(allocator.usableSize(address), bytes.size() - address));
            shadow.growTo(bytes.size());
            if ((long) address + size > bytes.size()) {
                throw allocatorBroke(callText() + " kept the block at " + address + ", but its payload [" + address
                        + ", " + ((long) address + size) + ") does not lie inside the heap [0, " + bytes.size() + ")");
            }
            if (grewOverLiveBlock(old, address + size)) {
                throw allocatorBroke(callText() + " grew the block in place to [" + address + ", " + (address + size)
                        + "), but it overlaps a block that is live or in quarantine");
            }
            return indexOf(resizedInPlace(old, size, usable));
        }
        // moved: the old bytes are the allocator's again, so they cannot be quarantined
        live.remove(from);
        liveBytes -= slots.requestedSize(old);
        frees++;
        freedByCall(old);
        shadow.markSpan(from, slots.spanEnd(old), Shadow.UNALLOCATED, slots.tag(old));
        remember(old);
        return indexOf(track(address, size));
    }

    /**
     * True if the allocator, growing {@code block} in place to end at {@code newEnd}, took bytes of a live
     * block: its last byte is handed out in the shadow, or, while the shadow is deferred, a live block
     * starts in the bytes it gained.
     */
    private boolean grewOverLiveBlock(int block, int newEnd) {
        if (!shadow.isDeferred()) {
            return isHandedOut(shadow.at(newEnd - 1));
        }
        return live.anyLiveIn(slots.from(block) + slots.usableSize(block), newEnd);
    }

    /** The block keeps its address, slot and tag; the shadow is rewritten from where the sizes differ. */
    private int resizedInPlace(int block, int size, int usable) {
        int from = slots.from(block);
        int to = from + size;
        // the granules from the one where the old and new payload ends part: the rest is unchanged
        int changedFrom = Math.min(slots.to(block), to) & -Shadow.GRANULE;
        shadow.markBlock(changedFrom, to, from + usable, slots.tag(block));
        liveBytes += size - slots.requestedSize(block);
        slots.resize(block, size, usable);
        allocatedByCall(block);
        allocations++;
        frees++;
        bytesAllocated += size;
        return block;
    }

    private int allocateFromAllocator(int size) {
        try {
            int address = allocator.alloc(size);
            if (address == Allocator.NULL && !quarantine.isEmpty()) {
                emptyQuarantineForMemory();
                address = allocator.alloc(size);
            }
            return address;
        } catch (KitException | NotImplemented e) {
            throw e; // the kit's own allocators already say what went wrong; a stub is "not started", not broken
        } catch (RuntimeException | StackOverflowError e) {
            throw allocatorThrew("alloc(" + size + ")", e);
        }
    }

    /** An allocator's own exception (an ArrayIndexOutOfBoundsException, say) as a sentence that names the call and step. */
    private KitException allocatorThrew(String call, Throwable e) {
        return new KitException("the allocator threw " + e.getClass().getSimpleName() + " in " + call + " at step " + step
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ".\n"
                + "  An allocator answers every request: an index, or NULL (-1) when memory runs out. Run it through "
                + "the validator (alloclab replay, or AllocatorValidator) to find the call that breaks it.", e);
    }

    /** Starts tracking the block the current call got at {@code address}; returns its slot. */
    private int track(int address, int size) {
        shadow.growTo(bytes.size());
        if (address < 0 || (long) address + size > bytes.size() || (address & (Allocator.ALIGNMENT - 1)) != 0
                || tagged && (long) address + size > TaggedIndex.MAX_HEAP_BYTES) {
            throw badAddress(address, size);
        }
        int usable = Math.max(size, Math.min(allocator.usableSize(address), bytes.size() - address));
        int end = address + size;
        int usableEnd = address + usable;
        int tag = newTag(address, end, usableEnd);
        shadow.markBlock(address, end, usableEnd, tag);
        int block = spareSlots.isEmpty() ? slots.make() : spareSlots.removeLast();
        slots.start(block, ++blockCount, address, size, usable, tag);
        allocatedByCall(block);
        live.put(block);
        liveBytes += size;
        allocations++;
        bytesAllocated += size;
        return block;
    }

    /**
     * The tag of a new block at {@code [address, end)} (handed out up to {@code usableEnd}), after a cheap
     * overlap check; the allocator validator does the full one. Kept out of {@link #track} so that the hot
     * path stays small enough for the JIT to inline it (its limit is 325 bytes of bytecode).
     */
    private int newTag(int address, int end, int usableEnd) {
        if (!shadow.isDeferred()) {
            // the first and last byte against live blocks
            if (isHandedOut(shadow.at(address)) || isHandedOut(shadow.at(end - 1))) {
                throw overlapping(address, end);
            }
            return chooseTag(shadow.tagsAround(address, usableEnd));
        }
        // the shadow is not written yet (reading it would write it): the overlap check compares starts
        // (a live block handed out again), and the tag only has to differ from the last block's here
        if (live.get(address) != BlockSlots.NONE) {
            throw overlapping(address, end);
        }
        return chooseTag(1 << live.lastTagAt(address));
    }

    /**
     * Why the allocator's answer {@code address} for {@code size} bytes cannot be a block. Kept out
     * of {@link #track} (as is {@link #overlapping}) so that the hot path stays small enough for
     * the JIT to inline it.
     */
    private KitException badAddress(int address, int size) {
        if (address < 0 || (long) address + size > bytes.size()) {
            return allocatorBroke(callText() + " returned " + address + ", but the payload [" + address + ", "
                    + ((long) address + size) + ") does not lie inside the heap [0, " + bytes.size() + ")");
        }
        if (tagged && (long) address + size > TaggedIndex.MAX_HEAP_BYTES) {
            return allocatorBroke(callText() + " returned " + address + ", past the 128 MiB a tagged index can hold");
        }
        return allocatorBroke(callText() + " returned " + address + ", which is not a multiple of "
                + Allocator.ALIGNMENT + " (payloads must be 8-byte aligned)");
    }

    private KitException overlapping(int address, int end) {
        return allocatorBroke(callText() + " returned " + address + ", but [" + address + ", " + end
                + ") overlaps a block that is live or in quarantine");
    }

    /** True if the shadow byte says a live block holds it (payload or padding). */
    private static boolean isHandedOut(byte shadowByte) {
        int state = Shadow.state(shadowByte);
        return state == Shadow.LIVE || state == Shadow.PADDING;
    }

    /**
     * A tag unlike the one the last block starting here had and unlike both neighbours', so that
     * a stale index to the same address and an overflow into a neighbour do not match. Rotates
     * through 1..15. (Stale indexes into the middle of the block are caught with MTE's odds, 14 in 15 or so.)
     */
    private int chooseTag(int tagsAround) {
        int taken = tagsAround | 1 << TaggedIndex.NO_TAG;
        int tag = nextTag;
        for (int tries = 0; tries < TaggedIndex.MAX_TAG && (taken & 1 << tag) != 0; tries++) {
            tag = tag % TaggedIndex.MAX_TAG + 1;
        }
        nextTag = tag % TaggedIndex.MAX_TAG + 1;
        return tag;
    }

    /** Ends a live block with the current call: into quarantine, then the oldest out if it is over its limit. */
    private void free(int block) {
        int from = slots.from(block);
        live.remove(from);
        liveBytes -= slots.requestedSize(block);
        frees++;
        freedByCall(block);
        shadow.markSpan(from, slots.spanEnd(block), Shadow.FREED, slots.tag(block));
        quarantine.addLast(block);
        quarantinedBytes += slots.usableSize(block);
        releaseQuarantine(quarantineLimit);
    }

    /** Gives the oldest quarantined blocks back to the allocator until at most {@code limit} bytes wait. */
    /**
     * The allocator is out of memory while freed blocks wait: they all go back and the request is retried. Counted,
     * because from then on a freed address may be handed out at once, so a use of a stale index can read the new
     * owner's bytes unreported (without tags); the leak report says so.
     */
    private void emptyQuarantineForMemory() {
        if (quarantineEmptied++ == 0) {
            quarantineFirstEmptiedAt = step;
        }
        releaseQuarantine(0);
    }

    private void releaseQuarantine(long limit) {
        while (quarantinedBytes > limit && !quarantine.isEmpty()) {
            int oldest = quarantine.removeFirst();
            quarantinedBytes -= slots.usableSize(oldest);
            // its shadow stays "freed": still no access, and whatever the allocator hands out again
            // is marked then; reports and pictures ask the quarantine (isQuarantined) what is whose
            allocator.dealloc(slots.from(oldest));
            remember(oldest);
        }
    }

    /** Keeps a block the allocator has taken back in the bounded history, for reports; the oldest goes. */
    private void remember(int released) {
        history.addLast(released);
        if (history.size() > historyLimit) {
            spareSlots.addLast(history.removeFirst());
        }
    }

    /** Gives every quarantined block back to the allocator now (their records stay in the history). */
    public void releaseQuarantine() {
        releaseQuarantine(0);
    }

    private KitException allocatorBroke(String what) {
        return new KitException("the allocator broke its contract: " + what + ".\n"
                + "  The checked heap can only check a program over a correct allocator. "
                + "Run the allocator through the validator (alloclab replay) to find the broken operation.");
    }

    /** The slot of the live block {@code index} is the start of (with the right tag), or {@link BlockSlots#NONE}. */
    private int liveBlockFor(int index) {
        if (index < 0) {
            return BlockSlots.NONE;
        }
        int block = live.get(addressOf(index));
        if (block != BlockSlots.NONE && tagged) {
            int tag = TaggedIndex.tag(index);
            if (tag != TaggedIndex.NO_TAG && tag != slots.tag(block)) {
                return BlockSlots.NONE;
            }
        }
        return block;
    }

    private int indexOf(int block) {
        return tagged ? TaggedIndex.of(slots.from(block), slots.tag(block)) : slots.from(block);
    }

    /** The heap address {@code index} points at: the index itself, or without its tag in tagged mode. */
    public int addressOf(int index) {
        return tagged && index >= 0 ? TaggedIndex.address(index) : index;
    }

    // ---------------------------------------------------------------- reads and writes

    /**
     * The happy path of every access: returns the address to touch, or {@link #SKIP} after
     * reporting the mistake (in RECORD mode; THROW mode throws).
     */
    private int check(int index, int length, Violation.Access access) {
        int address = index;
        int expectedTag = -1;
        if (tagged && index >= 0) {
            address = TaggedIndex.address(index);
            int tag = TaggedIndex.tag(index);
            if (tag != TaggedIndex.NO_TAG) {
                expectedTag = tag;
            }
        }
        if (shadow.isOneLiveBlock(address, length, expectedTag) && !accessOutsideBase) {
            return address;
        }
        shadow.growTo(bytes.size());
        violation(finder.badAccess(index, address, length, access, step, site()));
        return SKIP;
    }

    @Override
    public byte readByte(int index) {
        step++;
        int address = check(index, 1, Violation.Access.READ);
        return address == SKIP ? 0 : bytes.readByte(address);
    }

    @Override
    public void writeByte(int index, int value) {
        step++;
        int address = check(index, 1, Violation.Access.WRITE);
        if (address != SKIP) {
            bytes.writeByte(address, value);
        }
    }

    @Override
    public int readInt(int index) {
        step++;
        int address = check(index, Integer.BYTES, Violation.Access.READ);
        return address == SKIP ? 0 : bytes.readInt(address);
    }

    @Override
    public void writeInt(int index, int value) {
        step++;
        int address = check(index, Integer.BYTES, Violation.Access.WRITE);
        if (address != SKIP) {
            bytes.writeInt(address, value);
        }
    }

    @Override
    public long readLong(int index) {
        step++;
        int address = check(index, Long.BYTES, Violation.Access.READ);
        return address == SKIP ? 0 : bytes.readLong(address);
    }

    @Override
    public void writeLong(int index, long value) {
        step++;
        int address = check(index, Long.BYTES, Violation.Access.WRITE);
        if (address != SKIP) {
            bytes.writeLong(address, value);
        }
    }

    /**
     * Writes {@code length} bytes from {@code index} as one access, byte {@code k} getting the low byte of
     * {@code first + k}: checked as AddressSanitizer checks a {@code memset}, so a write that runs past its block
     * is one report naming the whole access and the first byte outside, and writes nothing. The teaching traces'
     * {@code w} lines run this way.
     */
    public void writeRange(int index, int length, int first) {
        if (length < 0) {
            throw new IllegalArgumentException("writeRange(" + index + ", " + length + "): length must be >= 0 bytes. "
                    + "A negative length usually means a size calculation went below zero.");
        }
        step++;
        if (length == 0) {
            return;
        }
        int address = check(index, length, Violation.Access.WRITE);
        if (address != SKIP) {
            for (int k = 0; k < length; k++) {
                bytes.writeByte(address + k, first + k);
            }
        }
    }

    /** Reads {@code length} bytes from {@code index} as one access (see {@link #writeRange}); their sum, so the read is real. */
    public long readRange(int index, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("readRange(" + index + ", " + length + "): length must be >= 0 bytes. "
                    + "A negative length usually means a size calculation went below zero.");
        }
        step++;
        if (length == 0) {
            return 0;
        }
        int address = check(index, length, Violation.Access.READ);
        long sum = 0;
        if (address != SKIP) {
            for (int k = 0; k < length; k++) {
                sum += bytes.readByte(address + k);
            }
        }
        return sum;
    }

    /** Copies {@code length} bytes (memmove); both ranges must each lie inside one live block. */
    @Override
    public void copy(int from, int to, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("copy(" + from + ", " + to + ", " + length
                    + "): length must be >= 0 bytes. A negative length usually means a size calculation went below zero.");
        }
        step++;
        if (length == 0) {
            return;
        }
        int source = check(from, length, Violation.Access.READ);
        if (source == SKIP) {
            return;
        }
        int target = check(to, length, Violation.Access.WRITE);
        if (target != SKIP) {
            bytes.copy(source, target, length);
        }
    }

    @Override
    public Allocator allocator() {
        return allocator;
    }

    // ---------------------------------------------------------------- violations and leaks

    private void violation(Violation violation) {
        violations.add(violation);
        if (onViolation == OnViolation.THROW) {
            throw new ViolationException(violation);
        }
    }

    /** How many violations so far: {@code violations().size()} without a view object. */
    public int violationCount() {
        return violations.size();
    }

    /** Every violation so far, in order (in THROW mode, the ones thrown). */
    public List<Violation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** One {@link Violation.Kind#LEAK} per live block, in address order: what is leaked if the program ends now. */
    public List<Violation> leaks() {
        return finder.leaks(live.inAddressOrder(), step);
    }

    /** The end-of-program summary, Valgrind style: bytes and blocks in use, each leaked block. */
    public LeakReport leakReport() {
        List<String> notes = quarantineEmptied == 0 || tagged ? List.of() : List.of("the heap was full "
                + (quarantineEmptied == 1 ? "once" : quarantineEmptied + " times") + " (first at step "
                + quarantineFirstEmptiedAt + "), so the quarantine gave its freed blocks back early: a use of a freed "
                + "block after that may have read its new owner's bytes unreported. Build the heap with "
                + "taggedIndexes(true) to catch a stale index in the new owner's bytes (until its address has been "
                + "handed out 15 more times: docs/mistakes.md#double-free-after-reuse), or give it more room.");
        return new LeakReport(leaks(), allocations, frees, bytesAllocated, notes, zeroSizeAllocations);
    }

    // ---------------------------------------------------------------- what the heap looks like

    /** The live blocks, in address order. */
    public List<BlockRecord> liveBlocks() {
        return live.inAddressOrder();
    }

    /** The live block {@code index} points into (its payload or padding), or {@code null}. */
    public BlockRecord liveBlockContaining(int index) {
        int address = addressOf(index);
        for (BlockRecord block : live.inAddressOrder()) {
            if (block.spans(address)) {
                return block;
            }
        }
        return null;
    }

    /** Bytes the program asked for in the blocks that are live now (for memory-over-time charts). */
    public long liveBytes() {
        return liveBytes;
    }

    /** Bytes waiting in quarantine. */
    public long quarantinedBytes() {
        return quarantinedBytes;
    }

    /** How many heap operations have run: the step of the last one. */
    public int step() {
        return step;
    }

    /** True if indexes carry tags (see {@link TaggedIndex}). */
    public boolean isTagged() {
        return tagged;
    }

    /** The whole heap as regions in address order: the allocator's headers and free space, merged with
     * what this heap knows (live payloads, padding, quarantined blocks). */
    public List<HeapRegion> regions() {
        return regions(0, bytes.size());
    }

    /** The regions of {@code [from, to)} (clipped to the heap). */
    public List<HeapRegion> regions(int from, int to) {
        shadow.growTo(bytes.size());
        return finder.regions(Math.max(0, from), Math.min(to, bytes.size()));
    }

    /** A text map of {@code [from, to)}, for messages and the terminal. */
    public String picture(int from, int to) {
        List<HeapRegion> regions = regions(from, to);
        if (regions.isEmpty()) {
            return "(the heap has no bytes in [" + from + ", " + to + "))";
        }
        return TextHeapMap.of(regions).render();
    }

    // ---------------------------------------------------------------- for ViolationFinder

    Shadow shadow() {
        return shadow;
    }

    HeapBytes bytes() {
        return bytes;
    }

    BlockTable live() {
        return live;
    }

    /** How many released blocks the history remembers (for reports on a block it has forgotten). */
    int historyLimit() {
        return historyLimit;
    }

    /**
     * The parts of {@code [from, to)} that blocks in quarantine span, as sorted, disjoint pairs
     * {@code from0, to0, from1, to1, ...}. Elsewhere a "freed" shadow is a block the quarantine has given back:
     * the allocator's memory again.
     */
    int[] quarantinedSpans(int from, int to) {
        long[] spans = new long[quarantine.size()];
        int n = 0;
        for (int q = 0; q < quarantine.size(); q++) {
            int block = quarantine.get(q);
            int a = Math.max(from, slots.from(block));
            int b = Math.min(to, slots.spanEnd(block));
            if (a < b) {
                spans[n++] = (long) a << 32 | b;
            }
        }
        Arrays.sort(spans, 0, n);
        int[] merged = new int[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int a = (int) (spans[i] >>> 32);
            int b = (int) spans[i];
            if (m > 0 && a <= merged[m - 1]) {
                merged[m - 1] = Math.max(merged[m - 1], b);
            } else {
                merged[m++] = a;
                merged[m++] = b;
            }
        }
        return Arrays.copyOf(merged, m);
    }

    /** Freed blocks still remembered, newest first: quarantine, then history. */
    Iterable<BlockRecord> freedNewestFirst() {
        return () -> new Iterator<>() {
            /** Counts down through the quarantine, then through the history: newest first. */
            private int inQuarantine = quarantine.size();
            private int inHistory = history.size();

            @Override
            public boolean hasNext() {
                return inQuarantine > 0 || inHistory > 0;
            }

            @Override
            public BlockRecord next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no freed block older than the last one remembered");
                }
                return slots.record(inQuarantine > 0 ? quarantine.get(--inQuarantine) : history.get(--inHistory));
            }
        };
    }

    /**
     * Builds a {@link CheckedHeap}.
     *
     * <pre>{@code
     * CheckedHeap heap = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
     *         .quarantineBytes(64 * 1024)       // checked here: >= 0; 0 turns the quarantine off
     *         .taggedIndexes(true)              // the heap's maximum must be <= 128 MiB
     *         .onViolation(CheckedHeap.OnViolation.RECORD)
     *         .captureCallerSites(true)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final Allocator allocator;
        private int quarantineBytes = DEFAULT_QUARANTINE_BYTES;
        private int historyBlocks = DEFAULT_HISTORY_BLOCKS;
        private boolean taggedIndexes;
        private OnViolation onViolation = OnViolation.THROW;
        private boolean captureCallerSites;
        private String sitePackage;
        private String otherSite;
        private boolean reallocAlwaysMoves = true;
        private int expectedHeapBytes;
        private int expectedBlocks;
        private boolean deferShadow;

        private Builder(Allocator allocator) {
            this.allocator = Checks.notNull(allocator, "allocator");
        }

        /** How many bytes of freed blocks wait before going back to the allocator; 0 turns quarantine off. */
        public Builder quarantineBytes(int bytes) {
            this.quarantineBytes = Checks.notNegative(bytes, "quarantineBytes");
            return this;
        }

        /** How many blocks released from quarantine are still remembered for reports. */
        public Builder historyBlocks(int blocks) {
            this.historyBlocks = Checks.notNegative(blocks, "historyBlocks");
            return this;
        }

        /** Hands out tagged indexes (see {@link TaggedIndex}). */
        public Builder taggedIndexes(boolean tagged) {
            this.taggedIndexes = tagged;
            return this;
        }

        /** THROW (the default) or RECORD. */
        public Builder onViolation(OnViolation mode) {
            this.onViolation = Checks.notNull(mode, "onViolation");
            return this;
        }

        /** Takes each operation's site from the caller's stack frame (slow; for teaching runs). */
        public Builder captureCallerSites(boolean capture) {
            this.captureCallerSites = capture;
            return this;
        }

        /**
         * Takes each operation's site from the first stack frame of a class whose name starts with
         * {@code packagePrefix} (the code under test, such as {@code "dev.alloclab.exercises."}), past this heap and
         * whatever wraps it; an operation that code did not make (a test reading the heap itself) gets the site
         * {@code otherwise}. What a grader's hidden suite needs: its reports name the learner's own lines, never the
         * suite's, and never ask for labels the learner cannot add (slow, as {@link #captureCallerSites}).
         */
        public Builder captureCallerSitesIn(String packagePrefix, String otherwise) {
            Checks.notNull(packagePrefix, "packagePrefix");
            Checks.notNull(otherwise, "otherwise");
            if (packagePrefix.isBlank() || otherwise.isBlank()) {
                throw new IllegalArgumentException("captureCallerSitesIn(\"" + packagePrefix + "\", \"" + otherwise
                        + "\"): both need text: the package of the code under test, and what to print for other calls");
            }
            this.sitePackage = packagePrefix;
            this.otherSite = otherwise;
            return this;
        }

        /**
         * True (the default): every realloc moves the block, as AddressSanitizer's does, so a stale
         * copy of the old index points at a freed block in quarantine and is caught. False: the
         * block is resized in place when it fits or when the allocator's own realloc keeps it
         * where it is, which is how a block grown step by step stays linear instead of quadratic
         * (see {@link CheckedHeap#realloc(int, int)} for what is then still caught).
         */
        public Builder reallocAlwaysMoves(boolean alwaysMoves) {
            this.reallocAlwaysMoves = alwaysMoves;
            return this;
        }

        /**
         * A hint: the heap will probably grow to about this many bytes, so the shadow is made that
         * big now instead of growing (by copying) while the program runs. 0 (the default): no hint.
         */
        public Builder expectedHeapBytes(int bytes) {
            this.expectedHeapBytes = Checks.notNegative(bytes, "expectedHeapBytes");
            return this;
        }

        /**
         * True: the shadow is written only when something first reads it (an access, a report, a
         * picture); until then its marks are kept in a log and written then, in order, so every
         * answer is the one a shadow written on the way would give (see {@link DeferredMarks}). It
         * is for programs that never read or write their blocks, such as a Malloc Lab trace
         * (CheckedReplayer sets it for those): their mistakes (double and invalid frees, leaks) are
         * found without the shadow, and they save about half of what the checked heap costs. Until
         * the shadow is written, two checks of a new block are narrower: the overlap check compares
         * block starts only (the allocator validator does the full check), and the tag is chosen
         * unlike the last block's at the same address but not its neighbours' (which only matters
         * for overflows, and such a program makes no accesses). False (the default): the shadow is
         * written as the program goes.
         */
        public Builder deferShadow(boolean defer) {
            this.deferShadow = defer;
            return this;
        }

        /**
         * A hint: about this many blocks will be held at once (live, in quarantine and in the
         * history), so their bookkeeping is made now instead of while the program runs. Without
         * it, the rows of block facts grow (by copying) as blocks come; later blocks reuse the rows
         * the history forgets.
         * 0 (the default): no hint.
         */
        public Builder expectedBlocks(int blocks) {
            this.expectedBlocks = Checks.notNegative(blocks, "expectedBlocks");
            return this;
        }

        public CheckedHeap build() {
            if (taggedIndexes && allocator.heap().maxSize() > TaggedIndex.MAX_HEAP_BYTES) {
                throw new IllegalArgumentException("taggedIndexes: a tagged index holds heap addresses below "
                        + TaggedIndex.MAX_HEAP_BYTES + " (128 MiB), but this heap may grow to "
                        + allocator.heap().maxSize() + " bytes. Use a smaller heap (HeapBytes.withMax) or no tags.");
            }
            return new CheckedHeap(this);
        }
    }
}
