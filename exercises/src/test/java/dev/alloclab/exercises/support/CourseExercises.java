package dev.alloclab.exercises.support;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exercises of this course, for the progress table: a starter exported with a course rubric
 * ({@code alloclab export-classroom --rubric}) carries {@value #FILE}, whose {@code exercises=} line lists the
 * rubric's exercises. Those the rubric leaves out are graded nothing, so the table must not name one as next; it
 * lists them on a line of their own instead. Without the file (or the line) the course is the whole curriculum.
 *
 * <p>The starter's companion ({@code ./alloclab progress}) reads the same line with its own class
 * ({@code dev.alloclab.companion.Course}): these tests compile against core only, so they cannot share it.
 */
final class CourseExercises {
    /** The course file, at the project's root (where Maven runs the tests). */
    static final String FILE = "course-coverage.properties";

    private final List<Exercise> exercises;

    private CourseExercises(List<Exercise> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    /** Every exercise of the curriculum. */
    static CourseExercises wholeCurriculum() {
        return new CourseExercises(Curriculum.exercises());
    }

    /**
     * The course of the project in the current folder. A file that cannot be read, or ids this kit does not know,
     * do not stop the test run: the table then counts what it can (every exercise, or the ids it knows).
     */
    static CourseExercises inWorkingDirectory() {
        Path file = Path.of(FILE);
        if (!Files.isRegularFile(file)) {
            return wholeCurriculum();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            return wholeCurriculum();
        }
        return listed(p.getProperty("exercises"));
    }

    /** The course whose {@code exercises=} value is {@code ids} (comma-separated; null: every exercise). */
    static CourseExercises listed(String ids) {
        if (ids == null) {
            return wholeCurriculum();
        }
        Set<String> wanted = Arrays.stream(ids.split(",")).map(String::strip).collect(Collectors.toSet());
        List<Exercise> known = Curriculum.exercises().stream().filter(e -> wanted.contains(e.id())).toList();
        return known.isEmpty() ? wholeCurriculum() : new CourseExercises(known);
    }

    /** The course's exercises, in curriculum order. */
    List<Exercise> exercises() {
        return exercises;
    }

    /** The report of a whole run: every exercise of the course, with its counts from {@code counted} or none. */
    ProgressReport report(Map<Exercise, ExerciseProgress> counted) {
        return ProgressReport.of(exercises.stream().map(e -> counted.getOrDefault(e, ExerciseProgress.none(e))).toList());
    }

    /** The report of a filtered run: the exercises of the course that ran. */
    ProgressReport reportOfRan(Map<Exercise, ExerciseProgress> counted) {
        return ProgressReport.of(exercises.stream().filter(counted::containsKey).map(counted::get).toList());
    }

    /** The line under the table naming the exercises the course leaves out; empty when it has them all. */
    Optional<String> droppedLine() {
        List<Exercise> dropped = Curriculum.exercises().stream().filter(e -> !exercises.contains(e)).toList();
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("  not in this course: " + dropped.stream().map(e -> e.order() + " " + e.id())
                .collect(Collectors.joining(", ")) + " (your instructor's rubric leaves "
                + (dropped.size() == 1 ? "it" : "them") + " out)");
    }
}
