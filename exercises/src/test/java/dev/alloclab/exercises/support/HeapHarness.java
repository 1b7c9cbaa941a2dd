package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.check.AllocatorValidator;
import dev.alloclab.core.check.ValidationException;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.TextHeapMap;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * Drives a student's {@link Allocator} through core's {@link AllocatorValidator}, which checks the
 * Malloc Lab rules on every call: each payload is 8-byte aligned, lies inside the heap, overlaps
 * no live payload, keeps the bytes written into it (checked at realloc, at dealloc and at the end
 * of the run) and survives realloc with its prefix. The harness adds what a learner needs when
 * a rule breaks: a failure (not an error) whose message is the validator's report (expected vs
 * actual bytes, the live payloads around the index) followed by the last operations and the
 * allocator's own picture of its heap (headers, free blocks) around the index. It also checks one
 * rule the validator leaves out: {@code usableSize(index)} is at least the size asked for, since
 * the default {@code realloc} copies that many bytes.
 *
 * <p>Operations are encoded as ints so jqwik can shrink them: {@code n > 0} is {@code alloc(n)},
 * {@code n <= 0} frees live block number {@code -n % live}. A shrunk sample such as {@code [1, 1, 0, 0]} means
 * little to a learner, so every message the harness writes decodes it into the calls it made
 * ({@code alloc(1) -> 8}, {@code dealloc(8)}, ...), and a test that checks the allocator's own structure after
 * a run fails through {@link #failure(String, int, int)} to say the same.
 */
public final class HeapHarness {
    private final Allocator allocator;
    private final AllocatorValidator validator;
    private final List<Integer> live = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    /** The int-encoded sample this harness ran and how to read it, or null when a test called it step by step. */
    private String sample;
    /** How many calls of the log the sample made; the test's own calls (buddy's frees, say) come after them. */
    private int sampleCalls;
    private NotImplemented notStarted;
    private int step;

    public HeapHarness(Allocator allocator) {
        this.allocator = allocator;
        this.validator = AllocatorValidator.of(new Watched(allocator));
    }

    /** Runs every operation of {@code ops} (see the class comment), then checks every live payload. */
    public static HeapHarness run(Allocator allocator, List<Integer> ops) {
        HeapHarness harness = new HeapHarness(allocator);
        harness.sample = "the sample " + ops + " (n > 0 is alloc(n), n <= 0 frees live block number -n % live, "
                + "counting live blocks in allocation order from 0)";
        for (int op : ops) {
            if (op > 0) {
                harness.alloc(op);
            } else if (!harness.live.isEmpty()) {
                harness.freeNth(-op % harness.live.size());
            }
        }
        harness.sampleCalls = harness.log.size();
        harness.checkLivePayloads();
        return harness;
    }

    /**
     * Like {@link #run}, but a negative odd {@code n} reallocates live block number
     * {@code -n % live} to {@code (-n * 37) % 700 + 1} bytes instead of freeing it.
     */
    public static HeapHarness runWithRealloc(Allocator allocator, List<Integer> ops) {
        HeapHarness harness = new HeapHarness(allocator);
        harness.sample = "the sample " + ops + " (n > 0 is alloc(n); n <= 0 picks live block number -n % live, "
                + "counting live blocks in allocation order from 0, and frees it when n is even, reallocates it to "
                + "(-n * 37) % 700 + 1 bytes when n is odd)";
        for (int op : ops) {
            if (op > 0) {
                harness.alloc(op);
            } else if (!harness.live.isEmpty()) {
                int n = -op % harness.live.size();
                if (op % 2 != 0) {
                    harness.reallocNth(n, (-op * 37) % 700 + 1);
                } else {
                    harness.freeNth(n);
                }
            }
        }
        harness.sampleCalls = harness.log.size();
        harness.checkLivePayloads();
        return harness;
    }

    /** The live payload indexes, in allocation order. */
    public List<Integer> live() {
        return List.copyOf(live);
    }

    /** Allocates through the validator; returns the index (or NULL if out of memory). */
    public int alloc(int size) {
        String op = "alloc(" + size + ")";
        int index = validated(op, () -> validator.at(step, 0, op).alloc(size, step));
        log.add("step " + step + ": " + op + " -> " + index);
        if (index != Allocator.NULL) {
            checkUsableSize(index, size);
            live.add(index);
        }
        return index;
    }

    /** Reallocates the n-th live block through the validator, which checks the prefix came along. */
    public int reallocNth(int n, int newSize) {
        int old = live.get(n);
        String op = "realloc(" + old + ", " + newSize + ")";
        int index = validated(op, () -> validator.at(step, 0, op).realloc(old, newSize, step));
        log.add("step " + step + ": " + op + " -> " + index);
        if (index != Allocator.NULL) {
            checkUsableSize(index, newSize);
            live.set(n, index);
        }
        return index;
    }

    /** Frees the n-th live block (in allocation order); the validator first checks its bytes survived. */
    public void freeNth(int n) {
        int index = live.remove(n);
        String op = "dealloc(" + index + ")";
        validated(op, () -> {
            validator.at(step, 0, op).dealloc(index);
            return 0;
        });
        log.add("step " + step + ": " + op);
    }

    /** Every live payload still holds the bytes written into it. */
    public void checkLivePayloads() {
        validated("the end of the run", () -> {
            validator.checkLivePayloads();
            return 0;
        });
    }

    /**
     * The calls made so far, one a line ({@code step 2: alloc(1) -> 24}), introduced by the sample they decode; for
     * a test's own check after a run, where the sample alone would not say what happened.
     */
    public String operations() {
        List<String> lines = new ArrayList<>(log);
        if (sample != null && sampleCalls < lines.size()) {
            lines.add(sampleCalls, "then the test's own calls:");
        }
        return "\n  the calls made" + (sample == null ? "" : ", decoded from " + sample) + ":\n    "
                + (lines.isEmpty() ? "(none)" : String.join("\n    ", lines)) + "\n";
    }

    /**
     * A failure for a check the test makes after the run (the heap's own structure, say): {@code what} (what went
     * wrong, where, what to do), then every call made and the allocator's picture of its heap around
     * {@code [from, to)}. Throw it: {@code throw harness.failure("two free blocks touch at 20: ...", 4, 36);}
     */
    public AssertionFailedError failure(String what, int from, int to) {
        return new AssertionFailedError(what + "\n" + operations() + allocatorPicture(from, to));
    }

    private interface Call {
        int run();
    }

    private int validated(String op, Call call) {
        step++;
        try {
            return call.run();
        } catch (ValidationException e) {
            if (notStarted != null) {
                throw notStarted;   // a stub was reached: "not started", not "failed"
            }
            ValidationFailure failure = e.failure();
            throw new AssertionFailedError(failure.report() + recentOperations(op)
                    + allocatorPicture(failure.from(), failure.to()), e);
        }
    }

    private void checkUsableSize(int index, int size) {
        int usable = allocator.usableSize(index);
        if (usable < size) {
            throw new AssertionFailedError("usableSize(" + index + ") is " + usable + ", less than the " + size
                    + " bytes the block was asked for at step " + step + ".\n  What to do: usableSize reads the "
                    + "block size from the header and subtracts the bookkeeping; check both against the layout in "
                    + "the docs page.\n" + recentOperations(null) + allocatorPicture(index, index + size));
        }
    }

    private String recentOperations(String failedOp) {
        List<String> lines = new ArrayList<>(log.subList(Math.max(0, log.size() - 12), log.size()));
        if (log.size() > 12) {
            lines.add(0, "(" + (log.size() - 12) + " earlier calls not shown)");
        }
        if (failedOp != null) {
            lines.add("step " + step + ": " + failedOp + "   <- here");
        }
        return "\n  operations so far" + (sample == null ? "" : ", decoded from " + sample) + ":\n    "
                + String.join("\n    ", lines) + "\n";
    }

    /** The allocator's own regions around {@code [from, to)}, as a text map; a note if it draws none. */
    private String allocatorPicture(int from, int to) {
        List<HeapRegion> regions = allocator.regions();
        if (regions.isEmpty()) {
            return "  (the allocator describes no regions; override regions() to see its headers and free blocks here)\n";
        }
        int heapSize = allocator.heap().size();
        TextHeapMap map = TextHeapMap.of(regions).maxLines(3);
        if (from >= 0 && to >= from) {
            int windowFrom = Math.max(0, from - 64);
            int windowTo = Math.max(windowFrom, Math.min(heapSize, to + 64));
            map = map.window(windowFrom, windowTo);
            if (from < heapSize) {
                map = map.marker(from, "the payload in question");
            }
        }
        return "  the allocator's own picture of its heap (size " + heapSize + "):\n" + map.render().indent(4);
    }

    /** Passes every call on, remembering a stub's {@link NotImplemented} that the validator turns into a report. */
    private final class Watched implements Allocator {
        private final Allocator inner;

        Watched(Allocator inner) {
            this.inner = inner;
        }

        private <T extends RuntimeException> T seen(T e) {
            if (e instanceof NotImplemented marker) {
                notStarted = marker;
            }
            return e;
        }

        @Override
        public int alloc(int size) {
            try {
                return inner.alloc(size);
            } catch (RuntimeException e) {
                throw seen(e);
            }
        }

        @Override
        public void dealloc(int index) {
            try {
                inner.dealloc(index);
            } catch (RuntimeException e) {
                throw seen(e);
            }
        }

        @Override
        public int realloc(int index, int size) {
            try {
                return inner.realloc(index, size);
            } catch (RuntimeException e) {
                throw seen(e);
            }
        }

        @Override
        public HeapBytes heap() {
            return inner.heap();
        }

        @Override
        public int usableSize(int index) {
            try {
                return inner.usableSize(index);
            } catch (RuntimeException e) {
                throw seen(e);
            }
        }

        @Override
        public List<HeapRegion> regions() {
            return inner.regions();
        }
    }
}
