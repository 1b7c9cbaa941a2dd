package dev.alloclab.core.check;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked heap's slow path: once the shadow bytes said no, find out what went wrong and
 * which blocks it concerns, and build the {@link Violation}. Only runs when there is something
 * to report, so it may look blocks up by walking every record.
 */
final class ViolationFinder {
    /** Bytes shown on each side of the blocks in a report's map. */
    private static final int MAP_MARGIN = 16;
    /** The widest map a report shows, in bytes (one byte per cell). */
    private static final int MAP_MAX = 64;
    /**
     * How far past the heap's end, or before its start, an access may land and still be called an overflow of the
     * nearest block: an index or offset gone wrong by a few hundred bytes, not a wild index.
     */
    static final int NEAR_BYTES = 1024;

    private final CheckedHeap heap;

    ViolationFinder(CheckedHeap heap) {
        this.heap = heap;
    }

    /** A read or write of {@code [address, address + length)} that the shadow refused. */
    Violation badAccess(int index, int address, int length, Violation.Access access, int step, Site site) {
        Shadow shadow = heap.shadow();
        int heapSize = shadow.size();
        int tag = heap.isTagged() && index >= 0 ? TaggedIndex.tag(index) : TaggedIndex.NO_TAG;
        // a trace line that names its block and reaches index -1 from it (rd 0 -9 1 on a block at 8) is 9 bytes
        // before that block; only an index no block was named for is NULL
        BlockRecord base = baseBlock();
        if (index == Allocator.NULL && base == null) {
            return make(Violation.Kind.NULL_DEREFERENCE, access, index, address, length, step, site, null, null);
        }
        if (base == null && heap.isTagged() && index >= 0 && TaggedIndex.tag(index) < TaggedIndex.MAX_TAG
                && wentBelowZero(address)) {
            // p - 9 on a tagged p at 8 borrows from the tag: the address bits wrap to 2^27 - 1 and the tag drops
            // by one. It is an index 9 bytes before p, with p's tag. (A trace replay names its base block and works
            // its indexes out in longs: it never wraps.)
            address -= TaggedIndex.MAX_HEAP_BYTES;
            tag = TaggedIndex.tag(index) + 1;
        }
        if (base != null && !base.isFreed() && heap.accessOutsideBase()
                && shadow.isOneLiveBlock(address, length, tag == TaggedIndex.NO_TAG ? -1 : tag)) {
            // the caller knows the access leaves its block, and it lands wholly in a live neighbour's payload
            return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site, base,
                    liveBlockReached(base, address, length));
        }
        if (address < 0 || address >= heapSize) {
            // the block the program said the access starts from (a trace line's id); else name the nearest block
            // when the index is near the heap's end or its start (b + 100, b[-3]), as AddressSanitizer names the
            // region an access is "N bytes to the right of"; a wild index is nobody's. A tagged index that went below
            // 0 (index >= 0, its address borrowed from the tag) names its block by the tag, however far it went
            boolean near = address >= 0 ? address < (long) heapSize + NEAR_BYTES : index >= 0 || address >= -NEAR_BYTES;
            BlockRecord block = base;
            if (block == null && near) {
                block = tag != TaggedIndex.NO_TAG ? nearestWithTag(address, tag) : null;
                block = block != null ? block : nearestLive(address);
            }
            return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site, block, null);
        }
        if (tag != TaggedIndex.NO_TAG) {
            BlockRecord spanning = liveSpanning(address);
            if (spanning != null && spanning.tag() == tag) {
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        spanning, liveBlockReached(spanning, address, length));
            }
            BlockRecord freed = freedHolding(address, tag);
            BlockRecord reused = freed == null ? freedSpanning(address, tag) : null;
            if (reused != null && spanning == null) {
                // the bytes of the freed block with this tag went back to the allocator and were handed out again;
                // the bad byte is bookkeeping now. A live block with the same tag right next to it is where the index
                // came from (an off-by-one past it or before it); with none there, the index is the old block's
                freed = adjacentLiveWithTag(address, tag);
                if (freed != null) {
                    return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                            freed, null);
                }
            }
            // a stale index that reads its block's bytes, or (after reuse) the bytes of the block that owns them now
            freed = freed != null ? freed : reused;
            if (freed != null) {
                return make(Violation.Kind.USE_AFTER_FREE, access, index, address, length, step, site,
                        freed, spanning);
            }
            BlockRecord near = nearestWithTag(address, tag);
            if (near != null) {
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        near, liveSpanning(address));
            }
        }
        byte first = shadow.at(address);
        switch (Shadow.state(first)) {
            case Shadow.FREED: {
                // in quarantine, or given back and not handed out again: either way a freed block's; but a byte
                // whose block's bytes the allocator handed out again is bookkeeping next to a live block (a header)
                BlockRecord freed = freedHolding(address, -1);
                if (freed != null) {
                    return make(Violation.Kind.USE_AFTER_FREE, access, index, address, length, step, site, freed,
                            null);
                }
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        nearestLive(address), null);
            }
            case Shadow.LIVE: {
                BlockRecord block = liveSpanning(address);
                if (shadow.isOneLiveBlock(address, length, -1)) {
                    // only a tag can have refused it: one no block we remember carries
                    return make(Violation.Kind.USE_AFTER_FREE, access, index, address, length, step, site,
                            null, block);
                }
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        block, liveBlockReached(block, address, length));
            }
            case Shadow.PADDING: {
                // a block's padding, but the block nearer the access is the one it was meant for: without headers,
                // b[-1] lands in the padding of the block before b, which may end several bytes before it
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        nearestLive(address), null);
            }
            default: {
                BlockRecord freed = freedHolding(address, -1);
                if (freed != null) {
                    return make(Violation.Kind.USE_AFTER_FREE, access, index, address, length, step, site,
                            freed, null);
                }
                return make(Violation.Kind.OUT_OF_BOUNDS, access, index, address, length, step, site,
                        nearestLive(address), null);
            }
        }
    }

    /**
     * True if {@code address}, the address bits of a tagged index, is one no heap of this checked heap's size can
     * reach and lies in the upper half of what the bits can hold: an index that went below address 0 of its tag
     * (its block's index minus more than the block's address) and borrowed from the tag bits. An index past the
     * heap's end by more than 64 MiB would read the same; a heap whose maximum is under 64 MiB has none.
     */
    private boolean wentBelowZero(int address) {
        return address >= heap.bytes().maxSize() && address >= TaggedIndex.MAX_HEAP_BYTES / 2;
    }

    /**
     * The block {@link CheckedHeap#accessesFrom} named: the live block its index starts (with its tag), else the
     * newest remembered freed block that started there; {@code null} when none was named or none is known.
     */
    private BlockRecord baseBlock() {
        int base = heap.accessBase();
        if (base < 0) {
            return null;
        }
        int address = heap.addressOf(base);
        int tag = heap.isTagged() && TaggedIndex.tag(base) != TaggedIndex.NO_TAG ? TaggedIndex.tag(base) : -1;
        BlockRecord live = heap.live().recordAt(address);
        if (live != null && (tag < 0 || live.tag() == tag)) {
            return live;
        }
        return freedStartingAt(address, tag);
    }

    /** A dealloc or realloc of an index that is not a live block's start (with the right tag). */
    Violation badFree(int index, int address, int step, Site site) {
        return badFree(index, address, step, site, Violation.Access.FREE);
    }

    /**
     * A dealloc of {@code index}, which the program has freed already (the caller knows): where a live block starts
     * at its address now, a double free after reuse naming both blocks; else what {@link #badFree} finds.
     */
    Violation secondFree(int index, int address, int step, Site site) {
        return secondFree(index, address, step, site, Violation.Access.FREE);
    }

    /** The same for a realloc ({@code access} REALLOC) of an index the program has freed already. */
    Violation secondFree(int index, int address, int step, Site site, Violation.Access access) {
        BlockRecord liveAtAddress = address >= 0 && address < heap.shadow().size() ? heap.live().recordAt(address) : null;
        if (liveAtAddress != null) {
            int tag = heap.isTagged() && TaggedIndex.tag(index) != TaggedIndex.NO_TAG ? TaggedIndex.tag(index) : -1;
            return make(Violation.Kind.DOUBLE_FREE_AFTER_REUSE, access, index, address, 0, step, site,
                    freedStartingAt(address, tag), liveAtAddress);
        }
        return badFree(index, address, step, site, access);
    }

    /** The same for a realloc ({@code access} REALLOC) of {@code index}: the mistakes a free can make, named as a realloc's. */
    Violation badFree(int index, int address, int step, Site site, Violation.Access access) {
        int heapSize = heap.shadow().size();
        if (index < 0 || address >= heapSize) {
            return make(Violation.Kind.INVALID_FREE, access, index, address, 0, step, site, null, null);
        }
        int tag = heap.isTagged() ? TaggedIndex.tag(index) : TaggedIndex.NO_TAG;
        BlockRecord liveAtAddress = heap.live().recordAt(address);
        if (tag != TaggedIndex.NO_TAG) {
            BlockRecord old = freedStartingAt(address, tag);
            if (liveAtAddress != null) {
                return make(Violation.Kind.DOUBLE_FREE_AFTER_REUSE, access, index, address, 0, step, site,
                        old, liveAtAddress);
            }
            if (old != null) {
                return make(Violation.Kind.DOUBLE_FREE, access, index, address, 0, step, site,
                        old, liveSpanning(address));
            }
        }
        BlockRecord old = freedStartingAt(address, -1);
        if (old != null) {
            return make(Violation.Kind.DOUBLE_FREE, access, index, address, 0, step, site, old, liveSpanning(address));
        }
        BlockRecord inside = liveSpanning(address);
        if (inside == null) {
            inside = freedHolding(address, -1);
        }
        if (inside == null && heap.live().lastTagAt(address) != TaggedIndex.NO_TAG) {
            // a block started here once and none does now: its record has left the bounded history, but the free
            // is a second one all the same (a trace's f of an id freed thousands of frees ago)
            return make(Violation.Kind.DOUBLE_FREE, access, index, address, 0, step, site, null, null,
                    Advice.forgottenFree(access, heap.historyLimit()));
        }
        if (inside == null && isHeader(allocatorView(), address)) {
            // the allocator's bookkeeping next to a block (dealloc(p - 4)): name the block, as ASan's "located 4 bytes
            // to the left of 20-byte region"
            inside = nearestLive(address);
        }
        return make(Violation.Kind.INVALID_FREE, access, index, address, 0, step, site, inside, null);
    }

    /**
     * The allocator's own view of the heap ({@link dev.alloclab.core.alloc.Allocator#regions()}), or an empty one
     * when that view cannot be trusted: the checked heap runs learners' allocators, and a broken one describes a heap
     * it has corrupted (a walk that throws, regions out of order or past the heap's end). Every picture and report
     * then falls back to what the checked heap knows itself, as for an allocator that describes nothing, instead of
     * failing on the allocator's mistake while it is reporting another.
     */
    private List<HeapRegion> allocatorView() {
        List<HeapRegion> view;
        try {
            view = heap.allocator().regions();
        } catch (RuntimeException | StackOverflowError brokenWalk) {
            return List.of();
        }
        if (view == null) {
            return List.of();
        }
        int end = 0;
        int heapSize = heap.bytes().size();
        for (HeapRegion region : view) {
            if (region == null || region.from() < end || region.to() > heapSize) {
                return List.of();
            }
            end = region.to();
        }
        return view;
    }

    /** The allocator's regions while a leak report is being built, else {@code null}. */
    private List<HeapRegion> allocatorViewSnapshot;

    /** Index of the first region (in address order) that ends after {@code index}: a binary search. */
    private static int firstRegionEndingAfter(List<HeapRegion> regions, int index) {
        int low = 0;
        int high = regions.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (regions.get(mid).to() <= index) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A block still live at the end. */
    Violation leak(BlockRecord block, int step) {
        return make(Violation.Kind.LEAK, Violation.Access.EXIT, block.index(heap.isTagged()), block.from(),
                block.requestedSize(), step, block.allocated().site(), block, null);
    }

    /**
     * Every block still live at the end. The allocator's view of the heap is taken once for all of
     * them: asking the allocator per block would make a report on n leaks cost n times the heap.
     */
    List<Violation> leaks(List<BlockRecord> blocks, int step) {
        allocatorViewSnapshot = allocatorView();
        try {
            List<Violation> leaks = new ArrayList<>(blocks.size());
            for (BlockRecord block : blocks) {
                leaks.add(leak(block, step));
            }
            return leaks;
        } finally {
            allocatorViewSnapshot = null;
        }
    }

    private Violation make(Violation.Kind kind, Violation.Access access, int index, int address, int length,
                           int step, Site site, BlockRecord block, BlockRecord other) {
        return make(kind, access, index, address, length, step, site, block, other, null);
    }

    /** As above, with {@code advice} written here ({@code null}: the default for the kind). */
    private Violation make(Violation.Kind kind, Violation.Access access, int index, int address, int length,
                           int step, Site site, BlockRecord block, BlockRecord other, String advice) {
        int heapSize = heap.shadow().size();
        if (advice == null && kind == Violation.Kind.USE_AFTER_FREE && block != null && block.isFreed()
                && block.freed().operation() == HeapEvent.Operation.REALLOC) {
            advice = Advice.afterRealloc(block, madeBy(block.freed()));
        }
        return new Violation(kind, access, index, address, length, step, site, block, other, heapSize,
                neighbourhood(address, length, block, other, heapSize), advice);
    }

    /** The block a realloc call created (where it moved its block to), if the heap still remembers it. */
    private BlockRecord madeBy(HeapEvent realloc) {
        for (BlockRecord b : heap.live().inAddressOrder()) {
            if (b.allocated().operation() == HeapEvent.Operation.REALLOC && b.allocated().step() == realloc.step()) {
                return b;
            }
        }
        for (BlockRecord b : heap.freedNewestFirst()) {
            if (b.allocated().operation() == HeapEvent.Operation.REALLOC && b.allocated().step() == realloc.step()) {
                return b;
            }
        }
        return null;
    }

    private List<HeapRegion> neighbourhood(int address, int length, BlockRecord block, BlockRecord other,
                                           int heapSize) {
        if (heapSize == 0) {
            return List.of();
        }
        long from;
        long to;
        if (address < 0 || address >= heapSize) {
            from = heapSize - MAP_MAX / 2;
            to = heapSize;
        } else {
            from = address;
            to = (long) address + Math.max(length, 1);
            for (BlockRecord b : new BlockRecord[] {block, other}) {
                if (b != null) {
                    from = Math.min(from, b.from());
                    to = Math.max(to, b.to());
                }
            }
            from -= MAP_MARGIN;
            to += MAP_MARGIN;
            if (to - from > MAP_MAX) {
                from = address - MAP_MAX / 2;
                to = address + MAP_MAX / 2;
            }
        }
        return wholeEdges((int) Math.max(0, from), (int) Math.min(heapSize, to), heapSize);
    }

    /**
     * The regions of {@code [from, to)}, widened to the ends of the regions its edges cut wherever the map
     * stays within {@link #MAP_MAX}: a map that stopped 4 bytes into a 20-byte block read as a 4-byte block.
     * A region of the wide look-around that touches its edge may be cut there, unless that edge is the heap's
     * own end (or index 0): then the region really ends there, which is the common case of the newest block at
     * the heap's top.
     */
    private List<HeapRegion> wholeEdges(int from, int to, int heapSize) {
        int wideFrom = Math.max(0, from - MAP_MAX);
        int wideTo = (int) Math.min(heapSize, (long) to + MAP_MAX);
        List<HeapRegion> wide = regions(wideFrom, wideTo);
        for (HeapRegion r : wide) {
            boolean endsThere = r.to() < wideTo || wideTo == heapSize;
            if (r.from() < to && to < r.to() && endsThere && r.to() - from <= MAP_MAX) {
                to = r.to();
            }
        }
        for (HeapRegion r : wide) {
            boolean startsThere = r.from() > wideFrom || wideFrom == 0;
            if (r.from() < from && from < r.to() && startsThere && to - r.from() <= MAP_MAX) {
                from = r.from();
            }
        }
        return regions(from, to);
    }

    /**
     * The heap's regions in {@code [from, to)}: the shadow's live payloads, padding and
     * quarantined blocks; where the shadow knows nothing (or remembers a block the quarantine has
     * given back), the allocator's own view (headers, free).
     * Neighbouring live blocks stay separate regions (their tags differ).
     */
    List<HeapRegion> regions(int from, int to) {
        List<HeapRegion> regions = new ArrayList<>();
        List<HeapRegion> allocatorView = allocatorViewSnapshot != null ? allocatorViewSnapshot
                : allocatorView();
        Shadow shadow = heap.shadow();
        int shadowSize = shadow.size();
        int[] quarantined = heap.quarantinedSpans(from, to);
        int q = 0;
        int next = firstRegionEndingAfter(allocatorView, from);
        int runStart = from;
        int runKey = -1;
        HeapRegion.Kind runKind = null;
        // by segments over which nothing the answer depends on changes: the shadow byte, being in quarantine, and
        // (for bytes the shadow leaves to the allocator) the allocator's region; a 500-step page of a 6.8 MB heap
        // took 140 ms a step byte by byte
        for (int i = from; i < to; ) {
            byte s = i < shadowSize ? shadow.at(i) : 0;
            int end = i < shadowSize ? shadow.sameUntil(i, Math.min(to, shadowSize)) : to;
            while (q < quarantined.length && quarantined[q + 1] <= i) {
                q += 2;
            }
            boolean inQuarantine = q < quarantined.length && quarantined[q] <= i;
            if (q < quarantined.length) {
                end = Math.min(end, inQuarantine ? quarantined[q + 1] : quarantined[q]);
            }
            HeapRegion.Kind kind;
            int key;
            int state = Shadow.state(s);
            if (state == Shadow.UNALLOCATED || (state == Shadow.FREED && !inQuarantine)) {
                while (next < allocatorView.size() && allocatorView.get(next).to() <= i) {
                    next++;
                }
                boolean inRegion = next < allocatorView.size() && allocatorView.get(next).from() <= i;
                if (next < allocatorView.size()) {
                    end = Math.min(end, inRegion ? allocatorView.get(next).to() : allocatorView.get(next).from());
                }
                boolean header = inRegion && allocatorView.get(next).kind() == HeapRegion.Kind.HEADER;
                kind = header ? HeapRegion.Kind.HEADER : HeapRegion.Kind.FREE;
                key = header ? -2 : -3;
            } else {
                kind = switch (Shadow.state(s)) {
                    case Shadow.LIVE -> HeapRegion.Kind.LIVE;
                    case Shadow.PADDING -> HeapRegion.Kind.PADDING;
                    default -> HeapRegion.Kind.QUARANTINED;
                };
                key = s;
            }
            if (key != runKey) {
                if (runKind != null) {
                    regions.add(new HeapRegion(runStart, i, runKind));
                }
                runStart = i;
                runKey = key;
                runKind = kind;
            }
            i = end;
        }
        if (runKind != null) {
            regions.add(new HeapRegion(runStart, to, runKind));
        }
        return regions;
    }

    /**
     * The first live block other than {@code block} that the access {@code [address, address + length)} reaches,
     * else {@code null}: the neighbour an overflow runs into, also when it first crosses a header or free bytes
     * (a memset from one block through the next block's header into its payload). The first byte past the payload
     * may be the block's own padding, which is no second block.
     */
    private BlockRecord liveBlockReached(BlockRecord block, int address, int length) {
        if (block == null) {
            return null;
        }
        BlockRecord into = liveSpanning(firstByteOutside(block, address, length));
        if (into != null) {
            return into.id() == block.id() ? null : into;
        }
        long end = (long) address + length;
        for (BlockRecord other : heap.live().inAddressOrder()) {
            if (other.id() != block.id() && other.from() < end && address < other.to()) {
                return other;
            }
        }
        return null;
    }

    private int firstByteOutside(BlockRecord block, int address, int length) {
        if (block == null) {
            return address;
        }
        for (long i = address; i < (long) address + length; i++) {
            if (!block.contains(i)) {
                return (int) i;
            }
        }
        return address;
    }

    private BlockRecord liveSpanning(long address) {
        for (BlockRecord block : heap.live().inAddressOrder()) {
            if (block.spans(address)) {
                return block;
            }
        }
        return null;
    }

    /** The newest freed block spanning {@code address}, with {@code tag} unless it is -1. */
    private BlockRecord freedSpanning(int address, int tag) {
        for (BlockRecord block : heap.freedNewestFirst()) {
            if (block.spans(address) && (tag < 0 || block.tag() == tag)) {
                return block;
            }
        }
        return null;
    }

    /**
     * The newest freed block spanning {@code address} (with {@code tag} unless it is -1) whose bytes are still its
     * own: in quarantine, or given back to the allocator and not handed out again. A freed block's shadow stays
     * "freed" after the quarantine gives it back, and the allocator's headers in front of the blocks it later
     * carves from those bytes are never re-marked; naming that block for such a byte would call an off-by-one next
     * to a live block a use-after-free of a block freed long ago.
     */
    private BlockRecord freedHolding(int address, int tag) {
        List<BlockRecord> liveBlocks = null;
        List<HeapRegion> allocatorView = null;
        for (BlockRecord block : heap.freedNewestFirst()) {
            if (!block.spans(address) || (tag >= 0 && block.tag() != tag)) {
                continue;
            }
            if (liveBlocks == null) {
                liveBlocks = heap.live().inAddressOrder();
                allocatorView = allocatorView();
            }
            if (!reusedSinceFreed(block, liveBlocks) && !isHeader(allocatorView, address)) {
                return block;
            }
        }
        return null;
    }

    /**
     * True if a block allocated at or after {@code freed}'s free (live now, or freed again and remembered) overlaps
     * the bytes it had: the allocator took them back and handed them out again. A block in quarantine is never
     * reused: the allocator has not got it back.
     */
    private boolean reusedSinceFreed(BlockRecord freed, List<BlockRecord> liveBlocks) {
        int freedAt = freed.freed().step();
        long end = Math.max(freed.to(), freed.usableEnd());
        for (BlockRecord block : liveBlocks) {
            if (block.allocated().step() >= freedAt && overlaps(block, freed.from(), end)) {
                return true;
            }
        }
        for (BlockRecord block : heap.freedNewestFirst()) {
            if (block.id() != freed.id() && block.allocated().step() >= freedAt && overlaps(block, freed.from(), end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(BlockRecord block, long from, long to) {
        return block.from() < to && from < Math.max(block.to(), block.usableEnd());
    }

    /** True if the allocator's own view of the heap puts one of its headers or footers at {@code address}. */
    private static boolean isHeader(List<HeapRegion> allocatorView, int address) {
        int at = firstRegionEndingAfter(allocatorView, address);
        return at < allocatorView.size() && allocatorView.get(at).from() <= address
                && allocatorView.get(at).kind() == HeapRegion.Kind.HEADER;
    }

    /**
     * The live block with {@code tag} that is the nearest live block on either side of {@code address} (no other
     * live block between them), the nearer one first; else {@code null}. For a byte that is in no live block.
     */
    private BlockRecord adjacentLiveWithTag(int address, int tag) {
        BlockRecord left = null;
        BlockRecord right = null;
        for (BlockRecord block : heap.live().inAddressOrder()) {
            if (block.from() > address) {
                right = block;
                break;
            }
            left = block;
        }
        boolean leftFits = left != null && left.tag() == tag;
        boolean rightFits = right != null && right.tag() == tag;
        if (leftFits && rightFits) {
            return distance(right, address) < distance(left, address) ? right : left;
        }
        return leftFits ? left : rightFits ? right : null;
    }

    private BlockRecord freedStartingAt(int address, int tag) {
        for (BlockRecord block : heap.freedNewestFirst()) {
            if (block.from() == address && (tag < 0 || block.tag() == tag)) {
                return block;
            }
        }
        return null;
    }

    /** The block carrying {@code tag} closest to {@code address}: live blocks first, then freed ones. */
    private BlockRecord nearestWithTag(int address, int tag) {
        BlockRecord best = null;
        long bestDistance = Long.MAX_VALUE;
        for (BlockRecord block : heap.live().inAddressOrder()) {
            long distance = distance(block, address);
            if (block.tag() == tag && distance < bestDistance) {
                best = block;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return best;
        }
        for (BlockRecord block : heap.freedNewestFirst()) {
            long distance = distance(block, address);
            if (block.tag() == tag && distance < bestDistance) {
                best = block;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The live block closest to {@code address}; on a tie the one on the right, as AddressSanitizer's
     * {@code ChooseChunk} picks it: {@code q[-4]} in an 8-byte header 4 bytes after {@code p}'s end is "4 bytes
     * before q".
     */
    private BlockRecord nearestLive(int address) {
        BlockRecord best = null;
        long bestDistance = Long.MAX_VALUE;
        for (BlockRecord block : heap.live().inAddressOrder()) {
            long distance = distance(block, address);
            if (distance <= bestDistance) {
                best = block;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static long distance(BlockRecord block, long address) {
        if (address < block.from()) {
            return block.from() - address;
        }
        return address < block.to() ? 0 : address - block.to();
    }
}
