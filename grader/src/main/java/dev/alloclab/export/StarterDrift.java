package dev.alloclab.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which files of a kit's working tree differ from the starter its jar was built with. The launcher does not rebuild
 * the jar when {@code exercises/src} or {@code docs} change (a learner working in the kit must not turn their
 * answers into "the starter's file"), so an instructor who edited the stubs, tests or pages for their course, and
 * exports without rebuilding, would hand out the built copies: {@code export-starter} names the files that differ
 * and says how to export the edited ones.
 */
public final class StarterDrift {
    private StarterDrift() {
    }

    /** {@link #of(Path, Map)} against the starter the running kit's jar holds. */
    public static List<String> ofBuiltStarter(Path kitRoot) {
        return of(kitRoot, ResourceTree.at(StarterExporter.RESOURCES).files());
    }

    /**
     * The paths, relative to {@code kitRoot} ({@code exercises/src/main/java/.../BumpAllocator.java},
     * {@code docs/quizzes.md}), of the files under {@code exercises/src} and {@code docs} that differ from
     * {@code starter} (the built starter's files by path: {@code src/...}, {@code docs/...}) or that it lacks, in
     * path order.
     */
    public static List<String> of(Path kitRoot, Map<String, byte[]> starter) {
        List<String> drift = new ArrayList<>();
        compare(kitRoot.resolve("exercises"), "src", kitRoot, starter, drift);
        compare(kitRoot, "docs", kitRoot, starter, drift);
        drift.sort(null);
        return drift;
    }

    private static void compare(Path base, String folder, Path kitRoot, Map<String, byte[]> starter,
            List<String> drift) {
        Path root = base.resolve(folder);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = base.relativize(file).toString().replace('\\', '/');
                byte[] built = starter.get(key);
                if (built == null || !Arrays.equals(built, Files.readAllBytes(file))) {
                    drift.add(kitRoot.relativize(file).toString().replace('\\', '/'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's " + root, e);
        }
    }
}
