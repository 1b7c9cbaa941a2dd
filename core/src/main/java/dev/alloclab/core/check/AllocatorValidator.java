package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.SourceLine;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.memory.JvmHeapTooSmallException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The Malloc Lab checks, on any {@link Allocator}: it makes each call for the program, then
 * checks the answer before the program may use it.
 *
 * <ol>
 *   <li><b>Aligned</b>: every payload index is a multiple of {@link Allocator#ALIGNMENT}.</li>
 *   <li><b>Inside the heap</b>: {@code [p, p + size)} lies in {@code [0, heap.size())}.</li>
 *   <li><b>No overlap</b> with any other live payload.</li>
 *   <li><b>Payload bytes survive</b>: the validator fills each payload with a pattern derived from
 *       its block id and checks it is intact when the block is reallocated or freed (and, on
 *       {@link #checkLivePayloads()}, at the end), so an allocator that writes its bookkeeping
 *       into a live payload is caught.</li>
 *   <li><b>realloc keeps the prefix</b>: the first {@code min(old, new)} bytes of the new payload
 *       are the old payload's.</li>
 * </ol>
 *
 * <p>The first broken rule throws a {@link ValidationException} whose {@link ValidationFailure}
 * names the operation (number and trace line), says what happened in a sentence and draws the heap
 * around it. A call that returns null ({@link Allocator#NULL}) for a non-zero size is legal by the
 * allocator contract; with {@link #nullIsFailure(boolean) nullIsFailure(true)} it counts as
 * {@link ValidationFailure.Kind#OUT_OF_MEMORY}, as in the Malloc Lab driver.
 *
 * <pre>{@code
 * AllocatorValidator validator = AllocatorValidator.of(allocator);
 * int p = validator.at(1, 5, "a 0 24").alloc(24, 0);   // op 1, trace line 5, block 0
 * int q = validator.at(2, 6, "r 0 40").realloc(p, 40);
 * validator.at(3, 7, "f 0").dealloc(q);
 * }</pre>
 *
 * <p>Bookkeeping costs a tree lookup and a pattern fill per call: this is the validated run, not
 * the timed one.
 */
public final class AllocatorValidator {
    private final Allocator allocator;
    private final HeapBytes heap;
    /** The pattern's period: byte k of a payload is {@code seed + 29 k} modulo 256. */
    private static final int PATTERN_PERIOD = 256;
    /** How many bytes a check compares or a fill writes in one go: a whole number of periods. */
    private static final int TEMPLATE_BYTES = 16 * PATTERN_PERIOD;
    /** The inverse of 29 modulo 256 (29 x 53 = 1537 = 6 x 256 + 1). */
    private static final int INVERSE_OF_29 = 53;
    /**
     * {@code 29 k} modulo 256 for k = 0 .. TEMPLATE_BYTES + 255: every block's pattern is a window of
     * it, because {@code seed + 29 k = 29 (k + 53 seed)} modulo 256. One shared template instead of one
     * per block id: rebuilding a 4 KiB template whenever the block changed cost more than the
     * allocator's whole run on a trace (most operations touch another block than the one before).
     */
    private static final byte[] PATTERN = basePattern();

    private final TreeMap<Integer, Block> live = new TreeMap<>();
    private boolean nullIsFailure;
    private long liveRequestedBytes;
    private int opNumber;
    private int line;
    private String operation = "";

    /** A live payload as the validator sees it. */
    private record Block(int from, int size, int blockId, int opNumber, int line) {
        int to() {
            return from + size;
        }

        String describe() {
            return "[" + from + ", " + to() + ") of " + (line > 0 ? "block " + blockId + " (op " + opNumber
                    + ", trace line " + line + ")" : "the block from call " + opNumber);
        }
    }

    private AllocatorValidator(Allocator allocator) {
        this.allocator = Checks.notNull(allocator, "allocator");
        this.heap = Checks.notNull(allocator.heap(), "allocator.heap()");
    }

    /** A validator for a fresh {@code allocator} (no blocks handed out yet). */
    public static AllocatorValidator of(Allocator allocator) {
        return new AllocatorValidator(allocator);
    }

    /** Whether a null answer to a non-zero request is a failure (Malloc Lab) or legal (the contract). */
    public AllocatorValidator nullIsFailure(boolean failure) {
        this.nullIsFailure = failure;
        return this;
    }

    /** Names the next call for reports: operation number, trace line (0 if none), and its text. */
    public AllocatorValidator at(int opNumber, int line, String operation) {
        this.opNumber = opNumber;
        this.line = line;
        this.operation = operation;
        this.named = true;
        return this;
    }

    /** Whether {@link #at} named the coming call; if not, the call names itself (a program that never calls at). */
    private boolean named;

    /** Numbers and names the call about to run when the caller did not ({@code call 3 (alloc(24))}). */
    private void nameCall(String text) {
        if (!named) {
            opNumber++;
            line = 0;
            operation = text;
        }
        named = false;
    }

    /** The allocator being validated. */
    public Allocator allocator() {
        return allocator;
    }

    /** Total requested bytes of the live payloads (realloc counts its new size). */
    public long liveRequestedBytes() {
        return liveRequestedBytes;
    }

    /** How many payloads are live. */
    public int liveBlocks() {
        return live.size();
    }

    /**
     * Calls {@code alloc(size)}, checks the payload and fills it with block {@code blockId}'s
     * pattern.
     *
     * @return the payload index, or {@link Allocator#NULL}
     */
    public int alloc(int size, int blockId) {
        nameCall("alloc(" + size + ")");
        return newBlock(callReturning(() -> allocator.alloc(size)), size, blockId, () -> "alloc(" + size + ")");
    }

    /**
     * Checks a new block's answer {@code p} to a request of {@code size} bytes (NULL refused when the request could
     * be met), fills its payload with block {@code blockId}'s pattern and records it.
     *
     * @return {@code p}
     */
    private int newBlock(int p, int size, int blockId, Supplier<String> call) {
        if (p == Allocator.NULL) {
            if (size > 0 && nullIsFailure) {
                throw outOfMemory(size);
            }
            return p;
        }
        checkPlacement(p, size, call);
        fillPattern(p, 0, size, blockId);
        add(new Block(p, size, blockId, opNumber, line));
        return p;
    }

    /** Checks the payload at {@code index} is intact, then calls {@code dealloc(index)}. */
    public void dealloc(int index) {
        nameCall("dealloc(" + index + ")");
        if (index == Allocator.NULL) {
            call(() -> allocator.dealloc(index));
            return;
        }
        Block block = liveAt(index, "dealloc");
        checkIntact(block, () -> "before dealloc(" + index + ")");
        remove(block);
        call(() -> allocator.dealloc(index));
    }

    /**
     * Checks the old payload is intact, calls {@code realloc(index, size)}, checks the new payload's
     * placement and that it starts with the old bytes, and extends the pattern to its new size.
     * {@code realloc(NULL, n)} is an alloc of block {@code blockId}; on the old block the pattern
     * keeps the block id it was allocated with.
     */
    public int realloc(int index, int size, int blockId) {
        nameCall("realloc(" + index + ", " + size + ")");
        if (index == Allocator.NULL) {
            return newBlock(callReturning(() -> allocator.realloc(Allocator.NULL, size)), size, blockId,
                    () -> "realloc(NULL, " + size + ")");
        }
        Block old = liveAt(index, "realloc");
        checkIntact(old, () -> "before realloc(" + index + ", " + size + ")");
        remove(old);
        int p = callReturning(() -> allocator.realloc(index, size));
        if (p == Allocator.NULL) {
            if (size == 0) {
                return p;
            }
            add(old); // the contract: a failed realloc leaves the old block as it was
            if (nullIsFailure) {
                throw reallocOutOfMemory(old, size);
            }
            return p;
        }
        Supplier<String> call = () -> "realloc(" + index + ", " + size + ")";
        checkPlacement(p, size, call);
        int kept = Math.min(old.size(), size);
        int wrong = firstWrongByte(p, kept, old.blockId());
        if (wrong >= 0) {
            boolean inPlace = p == index;
            String what = inPlace
                    ? " resized the block " + old.describe() + " in place to [" + p + ", " + (p + size) + ")"
                    : " moved the block " + old.describe() + " to [" + p + ", " + (p + size) + ")";
            throw failure(ValidationFailure.Kind.REALLOC_LOST_PREFIX, p, p + size,
                    call.get() + what + " but byte " + wrong + " of the new payload (heap index " + (p + wrong)
                    + ") is not the old payload's byte " + wrong + ": the first " + kept + " bytes must "
                    + (inPlace ? "stay as they were." : "be copied."),
                    inPlace
                            ? "a realloc that keeps the block where it is must not write into the first min(old size,"
                                    + " new size) bytes of the payload: write the new header, footer or free-list links"
                                    + " only past them."
                            : "copy min(old size, new size) bytes from the old payload to the new one before freeing"
                                    + " the old block, and copy the payload, not the header.");
        }
        fillPattern(p, kept, size, old.blockId());
        add(new Block(p, size, old.blockId(), opNumber, line));
        return p;
    }

    /** Checks that every live payload still holds its pattern (Malloc Lab checks at free; this is the end). */
    public void checkLivePayloads() {
        for (Block block : live.values()) {
            checkIntact(block, () -> "at the end of the run");
        }
    }

    private void add(Block block) {
        live.put(block.from(), block);
        liveRequestedBytes += block.size();
    }

    private void remove(Block block) {
        live.remove(block.from());
        liveRequestedBytes -= block.size();
    }

    private Block liveAt(int index, String call) {
        Block block = live.get(index);
        if (block == null) {
            throw new KitException(call + "(" + index + ") at " + currentWhere() + ": " + index
                    + " is not a live payload this allocator handed out, so the validator cannot judge the call. "
                    + "The mistake is in the program (or trace) that makes the calls, not in the allocator; "
                    + "run it on the checked heap to see which.");
        }
        return block;
    }

    /** The allocator's answer, or its exception told as {@link #call} tells it. */
    private int callReturning(java.util.function.IntSupplier action) {
        try {
            return action.getAsInt();
        } catch (RuntimeException | StackOverflowError e) {
            throw threw(e);
        }
    }

    private void call(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException | StackOverflowError e) {
            throw threw(e);
        }
    }

    /** {@code call} names the call for a report: built only when there is one to write. */
    private void checkPlacement(int p, int size, Supplier<String> call) {
        long end = (long) p + size;
        if (p < 0 || end > heap.size()) {
            throw failure(ValidationFailure.Kind.OUTSIDE_HEAP, p, (int) Math.min(end, Integer.MAX_VALUE),
                    call.get() + " returned the payload [" + p + ", " + end + "), which is not inside the heap [0, "
                    + heap.size() + "): expected 0 <= index and index + " + size + " <= " + heap.size() + ".",
                    "grow the heap with sbrk before handing out bytes past its end, and check the index "
                    + "arithmetic (header size, block size) of the block you return.");
        }
        if (p % Allocator.ALIGNMENT != 0) {
            throw failure(ValidationFailure.Kind.MISALIGNED, p, (int) end,
                    call.get() + " returned " + p + ", which is not a multiple of " + Allocator.ALIGNMENT
                    + " (" + p + " % " + Allocator.ALIGNMENT + " = " + (p % Allocator.ALIGNMENT) + ").",
                    "round block sizes up to a multiple of 8 and make sure the header before each payload "
                    + "keeps the payload 8-aligned.");
        }
        if (size == 0) {
            return;
        }
        Map.Entry<Integer, Block> below = live.floorEntry(p);
        Block other = below != null && below.getValue().to() > p ? below.getValue() : null;
        if (other == null) {
            Map.Entry<Integer, Block> above = live.ceilingEntry(p);
            if (above != null && above.getKey() < end) {
                other = above.getValue();
            }
        }
        if (other != null) {
            long shareFrom = Math.max(p, other.from());
            long shareTo = Math.min(end, other.to());
            throw failure(ValidationFailure.Kind.OVERLAP, p, (int) end,
                    call.get() + " returned the payload [" + p + ", " + end + "), which overlaps the live payload "
                    + other.describe() + ": both own heap indexes [" + shareFrom + ", " + shareTo + ").",
                    "a block was handed out twice: check that alloc marks the block it returns as allocated, "
                    + "that splitting leaves the remainder after the new block, and that free blocks are "
                    + "taken off the free list when used; and in dealloc, that a block merges only with a neighbour "
                    + "(a buddy) that is free and whole, not one in use or split into smaller blocks.");
        }
    }

    private void checkIntact(Block block, Supplier<String> when) {
        int wrong = firstWrongByte(block.from(), block.size(), block.blockId());
        if (wrong >= 0) {
            int index = block.from() + wrong;
            throw failure(ValidationFailure.Kind.PAYLOAD_CORRUPTED, block.from(), block.to(),
                    "the live payload " + block.describe() + " changed " + when.get() + ": byte " + wrong
                    + " (heap index " + index + ") is " + heap.readByte(index) + ", but the program wrote "
                    + patternByte(block.blockId(), wrong) + " there and never touched it since.",
                    "the allocator wrote into a block it had handed out: look for a header or footer written "
                    + "at the wrong index, a free-list link stored in a live block, or a split that is too small.");
        }
    }

    /**
     * The offset of the first byte of {@code [from, from + length)} that is not block
     * {@code blockId}'s pattern, or -1. The pattern repeats every 256 bytes, so whole chunks are
     * compared against a template with {@link Arrays#mismatch}, which the JIT vectorizes.
     */
    private int firstWrongByte(int from, int length, int blockId) {
        if (length == 0) {
            return -1;
        }
        byte[] bytes = heap.readBytes(from, length);
        int shift = shift(blockId);
        for (int k = 0; k < length; k += TEMPLATE_BYTES) {
            int chunk = Math.min(TEMPLATE_BYTES, length - k);
            int wrong = Arrays.mismatch(bytes, k, k + chunk, PATTERN, shift, shift + chunk);
            if (wrong >= 0) {
                return k + wrong;
            }
        }
        return -1;
    }

    private void fillPattern(int from, int fromOffset, int toOffset, int blockId) {
        if (toOffset <= fromOffset) {
            return;
        }
        byte[] bytes = new byte[toOffset - fromOffset];
        int phase = (fromOffset + shift(blockId)) % PATTERN_PERIOD;
        for (int k = 0; k < bytes.length; k += TEMPLATE_BYTES) {
            System.arraycopy(PATTERN, phase, bytes, k, Math.min(TEMPLATE_BYTES, bytes.length - k));
        }
        heap.writeBytes(from + fromOffset, bytes);
    }

    /** Where block {@code blockId}'s pattern starts in {@link #PATTERN}: byte k is {@code PATTERN[shift + k]}. */
    private static int shift(int blockId) {
        return (seed(blockId) * INVERSE_OF_29) % PATTERN_PERIOD;
    }

    private static byte[] basePattern() {
        byte[] pattern = new byte[TEMPLATE_BYTES + PATTERN_PERIOD];
        for (int k = 0; k < pattern.length; k++) {
            pattern[k] = (byte) (29 * k);
        }
        return pattern;
    }

    /** The byte the validator writes at offset {@code k} of block {@code blockId}'s payload. */
    static byte patternByte(int blockId, int k) {
        return (byte) (seed(blockId) + k * 29);
    }

    private static int seed(int blockId) {
        return (blockId * 0x9E3779B1) >>> 24;
    }

    private ValidationException outOfMemory(int size) {
        if (liveRequestedBytes + (long) size > heap.maxSize()) {
            // no allocator could answer: say so in the headline, not "although the heap may grow"
            return failure(ValidationFailure.Kind.OUT_OF_MEMORY, -1, -1,
                    operation + " asked for " + size + " bytes and got null: the heap's limit of " + heap.maxSize()
                    + " bytes cannot hold them beside the " + liveRequestedBytes + " bytes live, whatever the allocator "
                    + "does.",
                    "the trace needs more than the heap's limit here. If it was written for a bigger heap, raise the "
                    + "limit (--heap-max of replay, bench and measure).");
        }
        return failure(ValidationFailure.Kind.OUT_OF_MEMORY, -1, -1,
                operation + " asked for " + size + " bytes and got null, although the heap may grow to "
                + heap.maxSize() + " bytes (it is " + heap.size() + " bytes now, and " + liveRequestedBytes
                + " bytes are live).",
                nearTheLimit(size)
                        ? "the trace itself needs nearly all of the heap's limit (" + liveRequestedBytes + " bytes live, "
                        + size + " more asked for, of " + heap.maxSize() + "), so even a good allocator may run out here. "
                        + "If the trace was written for a bigger heap, raise the limit (--heap-max of replay, bench and measure)."
                        : "reuse freed blocks (coalesce neighbours, split big blocks) and grow the heap only by what is "
                        + "missing; check that sbrk's NO_MEMORY answer is not mistaken for an index.");
    }

    /** True if live payload plus the request come within a tenth of the heap's limit: the trace, not the allocator, is tight. */
    private boolean nearTheLimit(int size) {
        return nearTheLimit(liveRequestedBytes + (long) size);
    }

    private boolean nearTheLimit(long bytesNeeded) {
        return bytesNeeded * 10 >= heap.maxSize() * 9L;
    }

    /**
     * A realloc that got null. It needs less than an alloc of the new size: grown in place, only the
     * growth (new - old) more; moved, the old and the new payload both for a moment (old + new), since
     * the bytes are copied before the old block is freed. The advice says which of the two the heap's
     * limit leaves room for. {@link #liveRequestedBytes} already counts the old block.
     */
    private ValidationException reallocOutOfMemory(Block old, int size) {
        long growth = (long) size - old.size();
        String sentence = operation + " asked to resize a " + old.size() + "-byte block to " + size + " bytes and got null, "
                + "although the heap may grow to " + heap.maxSize() + " bytes (it is " + heap.size() + " bytes now, and "
                + liveRequestedBytes + " bytes are live, this block's included).";
        String moving = "a realloc that moves the block needs the old and the new payload at once for a moment ("
                + old.size() + " + " + size + " bytes)";
        String advice;
        if (growth > 0 && nearTheLimit(liveRequestedBytes + growth)) {
            advice = "the trace itself needs nearly all of the heap's limit (" + liveRequestedBytes + " bytes live, "
                    + growth + " more to grow this block, of " + heap.maxSize() + "), so even a good allocator may run "
                    + "out here; " + moving + ". If the trace was written for a bigger heap, raise the limit "
                    + "(--heap-max of replay, bench and measure).";
        } else if (growth > 0 && nearTheLimit(liveRequestedBytes + size)) {
            advice = "growing the block in place needs only " + growth + " more bytes (" + (liveRequestedBytes + growth)
                    + " of " + heap.maxSize() + " live), but " + moving + ", which the limit barely holds. Grow in place "
                    + "when the next block is free or the block ends the heap; if the trace was written for a bigger heap, "
                    + "raise the limit (--heap-max of replay, bench and measure).";
        } else {
            advice = "reuse freed blocks (coalesce neighbours, split big blocks) and grow the heap only by what is "
                    + "missing; a realloc can often grow the block in place. Check that sbrk's NO_MEMORY answer is not "
                    + "mistaken for an index.";
        }
        return failure(ValidationFailure.Kind.OUT_OF_MEMORY, -1, -1, sentence, advice);
    }

    private ValidationException threw(Throwable e) {
        if (e instanceof JvmHeapTooSmallException noRoom) {
            throw noRoom; // the user's heap limit, not the allocator's mistake
        }
        Optional<NotImplemented> stub = NotImplemented.foundIn(e);
        if (stub.isPresent()) {
            // a method still to write is not a broken rule: say which, and that nothing else is wrong with this call
            return failure(ValidationFailure.Kind.ALLOCATOR_THREW, -1, -1, operation + " reached a method that is still "
                    + "the starter's stub: " + stub.get().getMessage().lines().findFirst().orElse("") + ".",
                    "write that method (every call of this kind needs it); the operations before this one were "
                    + "answered correctly.");
        }
        // the exception's own full stop, if any, is dropped: the sentence ends with one of its own
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip()
                .replaceFirst("\\.+$", "");
        String frame = allocatorFrame(e);
        return failure(ValidationFailure.Kind.ALLOCATOR_THREW, -1, -1,
                operation + " threw " + e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message) + "."
                + (frame.isEmpty() ? "" : " The allocator's code was at " + frame + "."),
                "an allocator answers every request: a payload, or NULL (-1) when memory runs out. Find where it "
                + "throws (run the trace under a debugger or add a test for this call).");
    }

    /**
     * Where in the allocator's own code {@code e} was thrown, as {@code Class.method (File.java:line)}, or "" when
     * that code is not on the stack. Only the frames above the validator's call count (below it is whoever runs the
     * validation). An exception of {@code HeapBytes} or the JDK is thrown below the line to look at, so it is the top
     * frame that is not the kit's, the JDK's or a test library's ({@link KitFrames}): a learner's own code, also when a
     * test hands the validator a wrapper of its own around the learner's allocator (a grader's hidden test does: its
     * file and lines must never show). When every frame is the kit's (one of the kit's allocators), it is the top
     * frame of a class in the allocator's package.
     */
    private String allocatorFrame(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        int validator = frames.length;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().equals(AllocatorValidator.class.getName())) {
                validator = i;
                break;
            }
        }
        for (int i = 0; i < validator; i++) {
            if (!KitFrames.isKits(frames[i].getClassName())) {
                return SourceLine.of(frames[i]);
            }
        }
        String ownPackage = allocator.getClass().getPackageName() + ".";
        for (int i = 0; i < validator; i++) {
            String type = frames[i].getClassName();
            if (type.startsWith(ownPackage) && type.indexOf('.', ownPackage.length()) < 0) {
                return SourceLine.of(frames[i]);
            }
        }
        return "";
    }

    private ValidationException failure(ValidationFailure.Kind kind, int from, int to, String sentence, String advice) {
        String picture = from < 0 && to < 0 ? "" : ValidationPicture.around(from, to, livePairs(), heap.size());
        return new ValidationException(new ValidationFailure(kind, opNumber, line, operation, sentence, from, to,
                picture, advice));
    }

    private List<int[]> livePairs() {
        List<int[]> pairs = new ArrayList<>(live.size());
        for (Block block : live.values()) {
            pairs.add(new int[] {block.from(), block.to()});
        }
        return pairs;
    }

    private String currentWhere() {
        return line > 0 ? "op " + opNumber + " (trace line " + line + ": " + operation + ")"
                : "call " + opNumber + " (" + operation + ")";
    }
}
