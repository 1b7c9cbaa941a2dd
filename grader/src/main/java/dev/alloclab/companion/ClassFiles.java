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
     * {@link #under} for main code, whose coverage counts: the annotations that would hide code from the count
     * ({@link CoverageHidingAnnotations}) are taken out as the bytes are read, so the classes that run and the classes
     * JaCoCo analyses are the same bytes, and every line the student wrote counts. Test code and the hidden suites
     * are read as javac wrote them.
     */
    public static Map<String, byte[]> mainCodeUnder(Path root) {
        Map<String, byte[]> classes = under(root);
        classes.replaceAll((name, bytes) -> CoverageHidingAnnotations.removedFrom(bytes));
        return classes;
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
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the compiled classes under " + root, e);
        }
        return classes;
    }
}
