package dev.alloclab.companion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.stream.Stream;

/**
 * Changes under a folder tree, from the JDK's {@link WatchService}. Every folder is registered
 * (the service watches one folder at a time) and new folders are registered as they appear.
 * Editors save in bursts (a temporary file, a rename, a second write), so a change is reported
 * only once no further event arrived for the quiet period: the debounce.
 */
public final class DirectoryChanges implements ChangeSource {
    private final WatchService service;
    private final Duration quiet;
    private final Path root;
    private Map<Path, Long> lastContent;
    private Set<Path> lastChanged = Set.of();

    private DirectoryChanges(WatchService service, Duration quiet, Path root) {
        this.service = service;
        this.quiet = quiet;
        this.root = root;
        this.lastContent = content(root);
    }

    /** Watches {@code root} and every folder below it. */
    public static DirectoryChanges watch(Path root, Duration quiet) {
        try {
            DirectoryChanges changes = new DirectoryChanges(FileSystems.getDefault().newWatchService(), quiet, root);
            changes.registerTree(root);
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + root + " for changes: " + e.getMessage(), e);
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    /**
     * Waits for a burst of events to settle, and reports it only when it changed what the files hold: an editor's
     * second write of the same bytes, a touch, or the tail of a save that arrived while the tests ran would otherwise
     * make {@code watch} run and print the same result again.
     */
    @Override
    public boolean awaitChange() throws InterruptedException {
        try {
            while (true) {
                WatchKey key = service.take();
                handle(key);
                while ((key = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    handle(key);
                }
                Map<Path, Long> now = content(root);
                if (!now.equals(lastContent)) {
                    Set<Path> changed = new HashSet<>(now.keySet());
                    changed.addAll(lastContent.keySet());
                    Map<Path, Long> before = lastContent;
                    changed.removeIf(file -> java.util.Objects.equals(before.get(file), now.get(file)));
                    lastChanged = Set.copyOf(changed);
                    lastContent = now;
                    return true;
                }
            }
        } catch (ClosedWatchServiceException closed) {
            return false;
        }
    }

    @Override
    public Set<Path> changedFiles() {
        return lastChanged;
    }

    /** A checksum of every file under {@code root}, by path: what "the sources changed" compares. */
    static Map<Path, Long> content(Path root) {
        Map<Path, Long> sums = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return sums;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                CRC32 crc = new CRC32();
                try {
                    crc.update(Files.readAllBytes(file));
                    sums.put(root.relativize(file), crc.getValue());
                } catch (IOException vanished) {
                    // deleted while we looked: it is absent, which is a change if it was there before
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            sums.put(root, -1L);
        }
        return sums;
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
                Path created = dir.resolve(name);
                if (Files.isDirectory(created)) {
                    try {
                        registerTree(created);
                    } catch (IOException ignored) {
                        // a folder that vanished at once needs no watching
                    }
                }
            }
        }
        key.reset();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException ignored) {
            // closing only ends the watch
        }
    }
}
