package dev.alloclab.grader.run;

import dev.alloclab.grader.TempFolders;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The grading JVM's classpath and coverage agent, copied for a grading JVM that runs as a {@link WorkerUser}:
 * into one folder that root owns and everyone may read but nobody else may write.
 *
 * <p>Why a copy: the grader's own jars may sit where that user cannot read them (a home folder, a test's
 * private temp folder, the private copy {@link WorkerClasspath} makes), and the user must not be able to
 * write them (a rewritten jar would be a forged worker in the next grading). Made once per grader process,
 * on first use, before any student code ran; deleted when the grader exits.
 *
 * <p>INTERNAL.
 */
final class ReadableClasspath {
    private static String classpath;
    private static String agent;

    private ReadableClasspath() {
    }

    /** The classpath, every entry inside the shared read-only folder. */
    static synchronized String classpath() {
        make();
        return classpath;
    }

    /** The JaCoCo agent jar inside that folder, or null when the grader has none (coverage then reads 0). */
    static synchronized String agentJar() {
        make();
        return agent;
    }

    private static void make() {
        if (classpath != null) {
            return;
        }
        try {
            Path folder = Files.createTempDirectory("alloclab-worker-shared-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TempFolders.deleteQuietly(folder)));
            StringBuilder cp = new StringBuilder();
            int n = 0;
            for (String entry : WorkerClasspath.get().split(File.pathSeparator)) {
                if (entry.isEmpty() || !Files.exists(Path.of(entry))) {
                    continue;
                }
                Path source = Path.of(entry);
                Path target = folder.resolve(String.format("%02d-%s", n++, source.getFileName()));
                copy(source, target);
                cp.append(cp.length() == 0 ? "" : File.pathSeparator).append(target);
            }
            String jacoco = SubmissionRunner.jacocoAgentJar();
            String agentCopy = null;
            if (jacoco != null) {
                Path target = folder.resolve("jacocoagent.jar");
                copy(Path.of(jacoco), target);
                agentCopy = target.toString();
            }
            readableByAll(folder);
            agent = agentCopy;
            classpath = cp.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the grading JVM's classpath for the worker user: " + e.getMessage(), e);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target);
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path file : files) {
            Path to = target.resolve(source.relativize(file).toString());
            Files.createDirectories(to.getParent());
            Files.copy(file, to);
        }
    }

    /** Folders rwxr-xr-x, files rw-r--r--, whatever the grader's umask: owned by root, readable by the worker user. */
    private static void readableByAll(Path folder) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.toList();
        }
        for (Path p : all) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
