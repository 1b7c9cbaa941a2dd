package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
            // THEN the change is reported
            assertThat(first.get(50, TimeUnit.SECONDS)).isTrue();
            // WHEN the watch is closed while waiting (what Ctrl-C does)
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> await(changes));
            Thread.sleep(200);
            changes.close();
            // THEN the wait ends with "stop"
            assertThat(second.get(50, TimeUnit.SECONDS)).isFalse();
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
