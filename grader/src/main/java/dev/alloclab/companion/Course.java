package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What a starter knows of its course: the instructor's rubric as {@code export-classroom --rubric} left it in
 * {@value #FILE} at the starter's root. Without that file the course is the whole curriculum and nothing changes.
 *
 * <pre>
 *   exercises=stack-frames,implicit-list,...   the rubric's exercises; the others are "not in this course"
 *   timeoutSeconds=40                          the rubric's limits.timeoutSeconds, when it is not the default 20
 *   bump.points=2  bump.line=0.7  ...          coverage rules ({@link CoverageRule#courseFor})
 * </pre>
 *
 * <p>Why the companion needs the list: a rubric that leaves out an exercise (buddy, say) grades nothing of it, so
 * {@code alloclab progress} must not send the student there next. The exercises' own progress listener (the table
 * {@code mvn test} prints) reads the same key from the same file; it cannot share this class, because the starter's
 * tests compile against core only.
 */
public final class Course {
    /** The file, at the starter's root. The name is older than the exercise list and the time limit in it. */
    public static final String FILE = "course-coverage.properties";
    /** The key holding the course's exercise ids, comma-separated. */
    public static final String EXERCISES_KEY = "exercises";
    /** The key holding the course's time limit of one exercise, in seconds. */
    public static final String TIMEOUT_KEY = "timeoutSeconds";

    private final Properties values;
    private final List<Exercise> exercises;

    private Course(Properties values, List<Exercise> exercises) {
        this.values = values;
        this.exercises = List.copyOf(exercises);
    }

    /** Every exercise of the curriculum, no file: what a starter without a course rubric has. */
    public static Course wholeCurriculum() {
        return new Course(null, Curriculum.exercises());
    }

    /**
     * The course of the project at {@code root}: read from its {@value #FILE}, or the whole curriculum without one. A
     * file without an {@value #EXERCISES_KEY} line (written before the companion read one) keeps every exercise.
     *
     * @throws KitException with a sentence when the file cannot be read, names an exercise this kit does not have,
     *     or holds a time limit that is not a whole number of seconds
     */
    public static Course of(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return wholeCurriculum();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new KitException("cannot read " + FILE + " (your course's rules): " + e.getMessage()
                    + ". Ask your instructor for the starter's copy of it.");
        }
        return new Course(p, exercisesIn(p));
    }

    /** The course's exercises in curriculum order, from {@code p}'s {@value #EXERCISES_KEY} (all when absent). */
    static List<Exercise> exercisesIn(Properties p) {
        String listed = p.getProperty(EXERCISES_KEY);
        if (listed == null) {
            return Curriculum.exercises();
        }
        List<String> ids = new ArrayList<>();
        for (String id : listed.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
        for (String id : ids) {
            if (Curriculum.byId(id).isEmpty()) {
                throw new KitException(FILE + " lists the exercise '" + id + "', which this kit does not have (its "
                        + "exercises: " + Curriculum.exercises().stream().map(Exercise::id)
                        .collect(Collectors.joining(", ")) + "). Ask your instructor for the starter's copy of it.");
            }
        }
        return Curriculum.exercises().stream().filter(e -> ids.contains(e.id())).toList();
    }

    /** The course's rules as read, or empty without a file. */
    Optional<Properties> values() {
        return Optional.ofNullable(values);
    }

    /** The exercises of this course, in curriculum order. */
    public List<Exercise> exercises() {
        return exercises;
    }

    /** The exercises of the curriculum this course leaves out, in curriculum order; none without a file. */
    public List<Exercise> dropped() {
        return Curriculum.exercises().stream().filter(e -> !exercises.contains(e)).toList();
    }

    /**
     * The course's time limit of one exercise (the rubric's {@code limits.timeoutSeconds}), when the file sets one;
     * each test gets a part of it ({@link GradingTimeLimit}).
     *
     * @throws KitException when the value is not a whole number
     */
    public OptionalInt timeoutSeconds() {
        String value = values == null ? null : values.getProperty(TIMEOUT_KEY);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new KitException(FILE + " has " + TIMEOUT_KEY + "=" + value + ", which is not a whole number of "
                    + "seconds. Ask your instructor for the starter's copy of it.");
        }
    }

    /** The progress of this course's exercises, each with the counts in {@code counted} or none. */
    public ProgressReport report(Map<Exercise, ExerciseProgress> counted) {
        return ProgressReport.of(exercises.stream()
                .map(e -> counted.getOrDefault(e, ExerciseProgress.none(e))).toList());
    }

    /**
     * {@code report} without the exercises this course leaves out, so that its {@code next()} and its "N of M done"
     * are the course's: a summary written by an older run may still hold them.
     */
    public ProgressReport within(ProgressReport report) {
        return ProgressReport.of(report.exercises().stream().filter(p -> exercises.contains(p.exercise())).toList());
    }

    /**
     * The line printed under the progress table, naming the exercises this course leaves out so that a student
     * who misses one in the table knows why; empty when the course has them all.
     */
    public Optional<String> droppedLine() {
        List<Exercise> dropped = dropped();
        if (dropped.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("  not in this course: " + dropped.stream().map(e -> e.order() + " " + e.id())
                .collect(Collectors.joining(", ")) + " (your instructor's rubric leaves "
                + (dropped.size() == 1 ? "it" : "them") + " out)");
    }
}
