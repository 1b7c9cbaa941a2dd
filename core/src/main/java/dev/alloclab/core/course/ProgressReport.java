package dev.alloclab.core.course;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The progress of every exercise after a test run: the table a student sees at the end of
 * {@code mvn test}, and the JSON summary the build (and {@code alloclab progress}) reads back.
 *
 * <p>Stable API. The JSON is one object: {@code {"exercises": [{"id", "status", "passed",
 * "failed", "notStarted"}, ...], "next": id-or-null}}, one exercise per line.
 */
public final class ProgressReport {
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\"id\": \"([^\"]+)\", \"status\": \"[a-z-]+\", \"passed\": (\\d+), \"failed\": (\\d+), \"notStarted\": (\\d+)}");

    private final List<ExerciseProgress> exercises;

    private ProgressReport(List<ExerciseProgress> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    /** A report on {@code progress}, which should list exercises in curriculum order. */
    public static ProgressReport of(List<ExerciseProgress> progress) {
        return new ProgressReport(Checks.notNull(progress, "progress"));
    }

    /** Every exercise of the curriculum, each with the counts found in {@code counted} or none. */
    public static ProgressReport ofCurriculum(Map<Exercise, ExerciseProgress> counted) {
        Checks.notNull(counted, "counted");
        List<ExerciseProgress> all = new ArrayList<>();
        for (Exercise exercise : Curriculum.exercises()) {
            all.add(counted.getOrDefault(exercise, ExerciseProgress.none(exercise)));
        }
        return new ProgressReport(all);
    }

    public List<ExerciseProgress> exercises() {
        return exercises;
    }

    /** The first exercise, in learning order, that is not done. Empty when everything is done. */
    public Optional<Exercise> next() {
        return exercises.stream().filter(p -> p.status() != ExerciseProgress.Status.DONE)
                .map(ExerciseProgress::exercise).findFirst();
    }

    /** The table printed at the end of a test run of every exercise. */
    public String table() {
        StringBuilder out = rows();
        long done = doneCount();
        out.append(String.format("  %d of %d exercises done.%n", done, exercises.size()));
        Optional<Exercise> next = next();
        if (next.isPresent()) {
            out.append("  next: ").append(next.get().id()).append(" \u2014 ").append(next.get().docsPage()).append('\n');
        } else {
            out.append("  next: nothing left \u2014 every exercise is done.\n");
        }
        return out.toString();
    }

    /**
     * The table of a filtered run ({@code mvn test -Dtest=BumpAllocator*}), which holds only the exercises that ran.
     * It cannot know what is next: an exercise that did not run may be the first one not done, so it never says
     * "every exercise is done"; it names the first exercise of the table that is not done, or sends the student to a
     * whole run.
     */
    public String filteredTable() {
        StringBuilder out = rows();
        out.append(String.format("  %d of the %d exercises above done.%n", doneCount(), exercises.size()));
        Optional<Exercise> next = next();
        if (next.isPresent()) {
            out.append("  first not done above: ").append(next.get().id()).append(" \u2014 ")
                    .append(next.get().docsPage()).append('\n');
        } else {
            out.append("  next: unknown from a filtered run; 'mvn test' (or ./alloclab progress) runs every exercise "
                    + "and names it.\n");
        }
        return out.toString();
    }

    private StringBuilder rows() {
        StringBuilder out = new StringBuilder();
        out.append("alloclab progress\n");
        out.append(String.format("  %-3s %-16s %-12s %s%n", "#", "exercise", "status", "tests (passed / failed / not started)"));
        for (ExerciseProgress p : exercises) {
            out.append(String.format("  %-3d %-16s %-12s %d / %d / %d%n", p.exercise().order(), p.exercise().id(),
                    p.status().label(), p.passed(), p.failed(), p.notStarted()));
        }
        return out;
    }

    private long doneCount() {
        return exercises.stream().filter(p -> p.status() == ExerciseProgress.Status.DONE).count();
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"exercises\": [\n");
        for (int i = 0; i < exercises.size(); i++) {
            ExerciseProgress p = exercises.get(i);
            json.append(String.format("  {\"id\": \"%s\", \"status\": \"%s\", \"passed\": %d, \"failed\": %d, \"notStarted\": %d}",
                    p.exercise().id(), p.status().key(), p.passed(), p.failed(), p.notStarted()));
            json.append(i + 1 < exercises.size() ? ",\n" : "\n");
        }
        json.append("], \"next\": ").append(next().map(e -> "\"" + e.id() + "\"").orElse("null")).append("}\n");
        return json.toString();
    }

    /** Reads what {@link #toJson()} wrote. Unknown exercise ids are an error. */
    public static ProgressReport fromJson(String json) {
        Checks.notNull(json, "json");
        Map<Exercise, ExerciseProgress> found = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            Exercise exercise = Curriculum.named(m.group(1));
            found.put(exercise, new ExerciseProgress(exercise, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
        }
        if (found.isEmpty()) {
            throw new KitException("the progress summary holds no exercise entries.\n"
                    + "  Expected lines like {\"id\": \"bump\", \"status\": \"done\", \"passed\": 3, \"failed\": 0, "
                    + "\"notStarted\": 0}. Run the tests again to rewrite it.");
        }
        return new ProgressReport(new ArrayList<>(found.values()));
    }
}
