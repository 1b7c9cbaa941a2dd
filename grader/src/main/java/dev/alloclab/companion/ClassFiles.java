package dev.alloclab.companion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The class files javac wrote under a folder, read into memory: what the code review, the sibling-package check and
 * the grading JVM's definitions work on, so that none of them reads a folder student code could rewrite later.
 *
 * <p>INTERNAL.
 */
public final class ClassFiles {
    private ClassFiles() {
    }

    /**
     * Every class file under {@code root} (sub-folders too), by internal name
     * ({@code dev/alloclab/exercises/bump/BumpAllocator}), in name order; empty when {@code root} is no folder.
     */
    public static Map<String, byte[]> under(Path root) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return classes;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('\\', '/');
                classes.put(name.substring(0, name.length() - ".class".length()),
                        CoverageHidingAnnotations.removedFrom(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled classes under " + root, e);
        }
        return classes;
    }
}
