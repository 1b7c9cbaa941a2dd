package dev.alloclab.companion;

import dev.alloclab.core.course.Curriculum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The starter's own copies of the visible tests, against the student's. The grader runs its copy of the visible
 * tests, not the student's: an IDE rename that also edits {@code FrameStackTest} compiles and passes in the student's
 * project and fails in the grade. So {@code check} (what GitHub Classroom awards points from) runs the starter's copy
 * of a visible test the student changed or deleted, and says so; {@code progress} only says so, since it shows the
 * student's own project.
 *
 * <p>Why not fail the check outright: an innocent edit (a debug print, one more assertion) would then cost the points
 * although the grader's copy passes; running the starter's copy gives the grader's verdict either way, and the note
 * tells the student where their own tests belong ({@code ...StudentTest}).
 *
 * <p>The copies are resources under {@value StarterCopies#RESOURCES}: the kit's jar holds the whole starter, and a student's
 * companion jar the starter's test sources. Without them (an older companion jar) nothing is compared.
 */
public final class VisibleTestCopies {
    private VisibleTestCopies() {
    }

    /**
     * True when the student's {@code file} differs from the starter's copy of {@code relativePath} (line endings do
     * not count, see {@link StarterCopies#isUnchanged}); false for a file the starter does not have.
     */
    static boolean differs(String relativePath, byte[] file) {
        return StarterCopies.starterFile(relativePath).isPresent() && !StarterCopies.isUnchanged(relativePath, file);
    }

    /** The visible tests of {@code project} (relative paths) that differ from the starter's copies. */
    public static List<String> changed(LearnerProject project, List<Path> visibleTests) {
        List<String> changed = new ArrayList<>();
        for (Path file : visibleTests) {
            String relative = relative(project, file);
            try {
                if (differs(relative, Files.readAllBytes(file))) {
                    changed.add(relative);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return changed;
    }

    /**
     * The test files a check compiles: {@code visibleTests}, except that each one that differs from the starter's
     * copy is replaced by that copy, written under {@code copies} at its relative path. {@code notes} gets one line per
     * replaced file.
     */
    static List<Path> forCheck(LearnerProject project, List<Path> visibleTests, Path copies, List<String> notes) {
        List<Path> files = new ArrayList<>();
        for (String relative : changedOrSame(project, visibleTests, files)) {
            Path copy = copies.resolve(relative);
            try {
                Files.createDirectories(copy.getParent());
                Files.write(copy, StarterCopies.starterFile(relative).orElseThrow());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the starter's copy of " + relative, e);
            }
            files.add(copy);
            notes.add(note(relative));
        }
        return files;
    }

    /** Adds the unchanged files to {@code same} and returns the changed ones. */
    private static List<String> changedOrSame(LearnerProject project, List<Path> visibleTests, List<Path> same) {
        List<String> changed = changed(project, visibleTests);
        for (Path file : visibleTests) {
            if (!changed.contains(relative(project, file))) {
                same.add(file);
            }
        }
        return changed;
    }

    /**
     * {@code errors} with the folder of the copies ({@code copies}, relative to the exercises project as the compiler's
     * lines give it) named for what it is: "the starter's copy of src/test/java/.../FrameStackTest.java:25: ...".
     */
    static List<String> readable(LearnerProject project, Path copies, List<String> errors) {
        String prefix = relative(project, copies) + "/";
        return errors.stream().map(e -> e.startsWith(prefix) ? "the starter's copy of " + e.substring(prefix.length()) : e)
                .toList();
    }

    /**
     * One note per visible test of any exercise that differs from the starter's copy, for {@code progress}, whose
     * counts come from the student's copies.
     */
    public static List<String> progressNotes(LearnerProject project) {
        List<Path> visible = new ArrayList<>();
        Curriculum.exercises().forEach(e -> visible.addAll(ExerciseSources.of(project, e).visibleTests()));
        return changed(project, visible).stream().map(relative -> "note: " + relative.substring(relative.lastIndexOf('/') + 1)
                + " differs from the starter's copy: the grader runs its own copy, so your grade may differ from this "
                + "table (./alloclab check EXERCISE runs the starter's copy).").toList();
    }

    /** The sentence for a visible test the student changed. */
    public static String note(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return "note: " + name + " differs from the starter's copy. The grader runs its own copy, so the check ran the "
                + "starter's; put your own tests in the ...StudentTest file (git checkout " + relative
                + " brings the starter's back).";
    }

    private static String relative(LearnerProject project, Path file) {
        return project.exercises().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
