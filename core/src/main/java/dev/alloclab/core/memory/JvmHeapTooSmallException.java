package dev.alloclab.core.memory;

import dev.alloclab.core.KitException;

/**
 * The JVM itself has no room for the simulated heap a program grew: the heap limit asked for (say a
 * 2 GiB {@code --heap-max}) is more than Java was given. Not the allocator's mistake and not the
 * trace's, so replays and validators let it through to the user as the sentence it is, instead of
 * calling it "the allocator threw".
 */
public final class JvmHeapTooSmallException extends KitException {
    private static final long serialVersionUID = 1L;

    JvmHeapTooSmallException(long neededBytes, int maxSize) {
        super("the Java VM has no room for a simulated heap of " + neededBytes + " bytes (this heap may grow to "
                + maxSize + "; Java was given at most " + Runtime.getRuntime().maxMemory() + " bytes, and growing "
                + "copies the heap). Ask for a smaller heap limit (--heap-max on the command line), or start Java "
                + "with more memory (-Xmx, e.g. ALLOCLAB_JAVA_OPTS=-Xmx4g for the alloclab launcher).");
    }
}
