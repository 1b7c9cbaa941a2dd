package dev.alloclab.grader.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The grading JVM's classpath: the grader's own, except that the location holding the grader's
 * classes is replaced by a copy without the hidden suites' sources
 * ({@value #HIDDEN_PREFIX}). Student code in the grading JVM can ask any class loader for any
 * resource, so what must stay secret must not be on that classpath at all.
 *
 * <p>The copy is made once per grader process (a folder copy when the grader runs from
 * {@code target/classes}, a jar without those entries when it runs from its shaded jar) and
 * deleted when the grader exits.
 *
 * <p>INTERNAL.
 */
final class WorkerClasspath {
    /** Resource prefix of the hidden suites' sources inside the grader. */
    static final String HIDDEN_PREFIX = "dev/alloclab/grader/hidden/";

    private static String classpath;

    private WorkerClasspath() {
    }

    /** The classpath for the grading JVM, with absolute entries. */
    static synchronized String get() {
        if (classpath == null) {
            classpath = build();
        }
        return classpath;
    }

    private static String build() {
        Path own = ownLocation();
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.equals(own)) {
                path = withoutHiddenSources(own);
            }
            cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(path);
        }
        return cp.toString();
    }

    private static Path ownLocation() {
        try {
            return Path.of(WorkerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot locate the grader's own classes to build the grading JVM's classpath", e);
        }
    }

    private static Path withoutHiddenSources(Path own) {
        try {
            Path copy = Files.createTempDirectory("alloclab-worker-cp-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(copy)));
            if (Files.isDirectory(own)) {
                try (Stream<Path> walk = Files.walk(own)) {
                    for (Path file : walk.filter(Files::isRegularFile).toList()) {
                        String rel = own.relativize(file).toString().replace('\\', '/');
                        if (!rel.startsWith(HIDDEN_PREFIX)) {
                            Path target = copy.resolve(rel);
                            Files.createDirectories(target.getParent());
                            Files.copy(file, target);
                        }
                    }
                }
                return copy;
            }
            Path jar = copy.resolve("alloclab-worker.jar");
            try (JarFile in = new JarFile(own.toFile());
                 JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar),
                         in.getManifest() == null ? new Manifest() : in.getManifest())) {
                for (JarEntry e : Collections.list(in.entries())) {
                    String name = e.getName();
                    if (e.isDirectory() || name.startsWith(HIDDEN_PREFIX) || name.equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    try (InputStream bytes = in.getInputStream(e)) {
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the grading JVM's classpath: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }
}
