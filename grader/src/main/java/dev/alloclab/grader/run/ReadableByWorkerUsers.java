package dev.alloclab.grader.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a worker user could read that it must not: the hidden suites' sources inside the grader's own jar (or
 * classes folder), and in a class run the classmates' folders. The grading JVM's classpath has no hidden source
 * ({@link WorkerClasspath}), but student code can open any file by its path, and the grader's command line (in
 * {@code /proc}) tells every process where the kit and the class folder are. A worker user is an "other" user to
 * those files, so what decides is the "others" permission bits: every folder on the way must let others enter
 * ({@code o+x}) and the file must let them read ({@code o+r}); a usual {@code umask 022} allows both.
 *
 * <p>The grader warns and goes on (it cannot know which groups the user is in, and a warning keeps a
 * machine set up another way working); the Gradescope package makes its own copy unreadable
 * ({@code chmod -R go-rwx} in {@code run_autograder}), so it is never warned.
 */
public final class ReadableByWorkerUsers {
    private ReadableByWorkerUsers() {
    }

    /**
     * One warning for each of the grader's code location and {@code classFolder} (null for one submission:
     * the student's own files are no secret to the student) that users other than the owner can read.
     */
    public static List<String> warnings(Path classFolder) {
        List<String> warnings = new ArrayList<>();
        Path own = WorkerClasspath.ownLocation();
        Path hiddenSource = Files.isDirectory(own) ? own.resolve(WorkerClasspath.HIDDEN_PREFIX + "index.txt") : own;
        if (readableByOthers(hiddenSource)) {
            Path kit = kitFolder(own);
            warnings.add("warning: the worker users can read " + own + ", which holds the hidden suites' source, so a "
                    + "student's code could copy it into its own feedback. Make the kit unreadable to other users "
                    + "before grading with --worker-user: chmod o-rwx " + kit);
        }
        if (classFolder != null && enterableByOthers(classFolder.toAbsolutePath())) {
            warnings.add("warning: the worker users can enter " + classFolder.toAbsolutePath() + ", so a student's code "
                    + "could read a classmate's files. Make it unreadable to other users first: chmod o-rwx "
                    + classFolder.toAbsolutePath());
        }
        return warnings;
    }

    /** The kit's root above the grader's code (…/grader/target/alloclab.jar → the kit), or the code's own folder. */
    static Path kitFolder(Path own) {
        Optional<Path> target = Optional.ofNullable(own.getParent());
        if (target.isPresent() && target.get().getFileName() != null && target.get().getFileName().toString().equals("target")
                && target.get().getParent() != null && target.get().getParent().getParent() != null) {
            return target.get().getParent().getParent();
        }
        return Files.isDirectory(own) ? own : own.getParent();
    }

    /** Whether a user who is neither the owner nor in the group can read {@code file}: o+r on it, o+x on the way. */
    static boolean readableByOthers(Path file) {
        Path real = realPath(file);
        if (real == null) {
            return false;
        }
        Set<PosixFilePermission> own = permissions(real);
        return own != null && own.contains(PosixFilePermission.OTHERS_READ) && real.getParent() != null
                && enterableByOthers(real.getParent());
    }

    /** Whether such a user can go into {@code folder}: o+x on it and on every folder above it. */
    static boolean enterableByOthers(Path folder) {
        Path real = realPath(folder);
        if (real == null) {
            return false;
        }
        for (Path p = real; p != null; p = p.getParent()) {
            Set<PosixFilePermission> permissions = permissions(p);
            if (permissions == null || !permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The permissions, or null where the file system has none to say (not POSIX) or they cannot be read. */
    private static Set<PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}
