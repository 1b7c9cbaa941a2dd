package dev.alloclab.companion;

/**
 * Where the watch loop learns that the learner saved a file. The real one watches the disk
 * ({@link DirectoryChanges}); tests give a scripted one, so the loop is tested without waiting.
 */
public interface ChangeSource extends AutoCloseable {
    /**
     * Blocks until a change (or a burst of changes) has settled.
     *
     * @return true after a change; false when the source was closed (Ctrl-C) and the loop should end
     */
    boolean awaitChange() throws InterruptedException;

    /**
     * The files the last change added, changed or removed, relative to the watched folder
     * ({@code main/java/dev/alloclab/exercises/bump/BumpAllocator.java}); empty when the source cannot tell.
     */
    default java.util.Set<java.nio.file.Path> changedFiles() {
        return java.util.Set.of();
    }

    @Override
    void close();
}
