package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real WatchService on a temporary folder, with a bounded wait. */
class DirectoryChangesTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_save_in_a_nested_folder_is_reported_once_it_settles_and_close_ends_the_wait(@TempDir Path src)
            throws Exception {
        // GIVEN a watched tree with a nested package folder
        Path pkg = Files.createDirectories(src.resolve("main/java/dev/alloclab/exercises/bump"));
        try (DirectoryChanges changes = DirectoryChanges.watch(src, Duration.ofMillis(100))) {
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> await(changes));
            // WHEN a file is saved there (a burst of two writes)
            Files.writeString(pkg.resolve("BumpAllocator.java"), "class A {}");
            Files.writeString(pkg.resolve("BumpAllocator.java"), "class A { }");
            // THEN the change is reported, with the file it touched (relative to the watched folder)
            assertThat(first.get(50, TimeUnit.SECONDS)).isTrue();
            assertThat(changes.changedFiles())
                    .containsExactly(Path.of("main/java/dev/alloclab/exercises/bump/BumpAllocator.java"));
            // WHEN the watch is closed while waiting (what Ctrl-C does)
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> await(changes));
            Thread.sleep(200);
            changes.close();
            // THEN the wait ends with "stop"
            assertThat(second.get(50, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_write_of_the_same_bytes_is_no_change_and_the_next_real_edit_is(@TempDir Path src) throws Exception {
        // GIVEN a watched file
        Path file = Files.createDirectories(src.resolve("main/java")).resolve("A.java");
        Files.writeString(file, "class A {}");
        try (DirectoryChanges changes = DirectoryChanges.watch(src, Duration.ofMillis(100))) {
            AtomicBoolean edited = new AtomicBoolean();
            CompletableFuture<Boolean> change = CompletableFuture.supplyAsync(() -> await(changes));
            // WHEN the same bytes are written again and touched (an editor's second write of one save), and only a
            // second later the content changes
            Files.writeString(file, "class A {}");
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            Thread.sleep(1_000);
            edited.set(true);
            Files.writeString(file, "class A { int x; }");
            // THEN the wait ends only after the real edit
            assertThat(change.get(50, TimeUnit.SECONDS)).isTrue();
            assertThat(edited).isTrue();
        }
    }

    private static boolean await(DirectoryChanges changes) {
        try {
            return changes.awaitChange();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
