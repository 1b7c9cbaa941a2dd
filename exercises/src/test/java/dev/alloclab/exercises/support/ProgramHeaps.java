package dev.alloclab.exercises.support;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.LeakReport;
import dev.alloclab.core.memory.HeapBytes;
import org.opentest4j.AssertionFailedError;

/**
 * The heap the programs' visible tests (vec, scope, refcount) run on: core's {@link CheckedHeap}
 * over the reference first-fit allocator. A use-after-free, double free, invalid free or
 * out-of-bounds access stops the test at once with a {@code ViolationException} whose report
 * names the index, the block, and the lines of your code that allocated, freed and touched it
 * (caller sites are captured: slower, but these are teaching runs). Freed blocks wait in a 1 MiB
 * quarantine, so a stale index keeps pointing at freed bytes instead of at a newer block.
 */
public final class ProgramHeaps {
    private ProgramHeaps() {
    }

    /** A fresh checked heap that may grow to 4 MiB. */
    public static CheckedHeap checked() {
        return checked(1 << 22);
    }

    /** A fresh checked heap that may grow to {@code maxBytes}: a small one runs out, and alloc answers NULL (-1). */
    public static CheckedHeap checked(int maxBytes) {
        return CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(maxBytes)))
                .captureCallerSites(true)
                .build();
    }

    /** Fails with the heap's leak report (each live block and the line that allocated it) if a block is still live. */
    public static void assertNoLeaks(CheckedHeap heap) {
        LeakReport report = heap.leakReport();
        if (report.hasLeaks()) {
            throw new AssertionFailedError("the program is over, but " + report.blocksInUse()
                    + (report.blocksInUse() == 1 ? " block is" : " blocks are") + " still live:\n" + report.render());
        }
    }
}
