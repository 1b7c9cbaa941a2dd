package dev.alloclab.grader.run;

import dev.alloclab.grader.Sha256;
import dev.alloclab.grader.TempFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
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
 * <p>From the shaded jar, that is {@code alloclab-worker.jar}, which the build makes next to it;
 * without it (or once it failed a check) a jar without those entries is written, once per grader
 * process. From {@code target/classes} it is a folder copy. Copies are deleted when the grader exits.
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
        if (classpath != null && copy != null && !java.security.MessageDigest.isEqual(digest(copy), copyDigest)) {
            // changed since we checked it: never trust that file again
            prebuiltRejected |= copy.getFileName().toString().equals(PREBUILT_NAME);
            classpath = null;
        }
        if (classpath == null) {
            classpath = build();
        }
        return classpath;
    }

    /** The stripped copy of the grader's classes (null until built, or when none was needed). */
    private static Path copy;
    private static byte[] copyDigest;

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
                copy = path;
                copyDigest = digest(path);
            }
            cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(path);
        }
        return cp.toString();
    }

    /**
     * Where the grader's own classes are: the jar or folder that also holds the hidden suites' sources
     * (under {@value #HIDDEN_PREFIX}), which must stay unreadable to the worker users.
     */
    static Path ownLocation() {
        try {
            return Path.of(WorkerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            throw new IllegalStateException("cannot locate the grader's own classes to build the grading JVM's classpath", e);
        }
    }

    private static Path withoutHiddenSources(Path own) {
        try {
            if (Files.isDirectory(own)) {
                Path copy = Files.createTempDirectory("alloclab-worker-cp-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFolders.deleteQuietly(copy)));
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
            Path prebuilt = prebuiltWorkerJar(own);
            return prebuilt != null ? prebuilt : strippedJar(own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the grading JVM's classpath: " + e.getMessage(), e);
        }
    }

    /**
     * The jar the build made for the grading JVM next to the grader's own ({@value #PREBUILT_NAME}: the
     * same classes without the hidden sources), or null when there is none, when it still holds hidden
     * sources, or when it was changed since this grader first used it (then a private copy is made
     * instead, see {@link #get()}). Using it saves copying the whole grader jar before the first grading
     * JVM can start: seconds on a busy machine.
     */
    private static Path prebuiltWorkerJar(Path own) throws IOException {
        return prebuiltRejected ? null : usablePrebuiltJar(own);
    }

    /**
     * {@value #PREBUILT_NAME} next to {@code ownJar}, if it is there, reads as a jar and holds no hidden source; else
     * null. A build stopped half-way (Ctrl-C) can leave it truncated: then the private copy serves.
     */
    static Path usablePrebuiltJar(Path ownJar) throws IOException {
        Path prebuilt = ownJar.resolveSibling(PREBUILT_NAME);
        if (!Files.isRegularFile(prebuilt, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (JarFile jar = new JarFile(prebuilt.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith(HIDDEN_PREFIX)) ? null : prebuilt;
        } catch (java.util.zip.ZipException unreadable) {
            return null;
        }
    }

    /** File name of the grading JVM's jar made by the build, next to {@code alloclab.jar}. */
    static final String PREBUILT_NAME = "alloclab-worker.jar";

    /** Set once the prebuilt jar failed a check: from then on this grader uses private copies only. */
    private static boolean prebuiltRejected;

    /** The grader jar without the hidden sources, uncompressed (faster to write), deleted when the grader exits. */
    private static Path strippedJar(Path own) throws IOException {
        Path jar = Files.createTempFile("alloclab-worker-", ".jar");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFolders.deleteQuietly(jar)));
        try (JarFile in = new JarFile(own.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar),
                     in.getManifest() == null ? new Manifest() : in.getManifest())) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
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
    }

    /**
     * SHA-256 over the copy's files (path and bytes), kept in the grader's memory: before each grading
     * JVM starts, the copy is checked against it, so student code that rewrote the copy during one
     * run (the files belong to the same user) cannot plant a forged worker in the next one.
     */
    private static byte[] digest(Path copy) {
        try {
            java.security.MessageDigest sha = Sha256.start();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(copy)) {
                files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            for (Path file : files) {
                Sha256.text(sha, copy.relativize(file).toString());
                Sha256.file(sha, file);
            }
            return sha.digest();
        } catch (IOException | UncheckedIOException e) {
            return new byte[0]; // unreadable: never equal to a real digest, so the copy is made again
        }
    }

}
