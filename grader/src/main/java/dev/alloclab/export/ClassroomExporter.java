package dev.alloclab.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.alloclab.companion.GradingTimeLimit;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Adds GitHub Classroom autograding to a starter: every push checks each exercise on its own and the Classroom
 * dashboard shows the points.
 *
 * <pre>
 *   DIR/.github/workflows/classroom.yml     checkout, setup-java 17, one command-grader step per exercise
 *                                           (bash ./alloclab check ID, a timeout, its points), then the reporter
 *   DIR/.github/classroom/autograding.json  the same tests in the older autograding.json format
 *   DIR/course-coverage.properties          with a rubric only: the course, for the companion ({@link #courseCoverage})
 *   DIR/README.md                           with a rubric only: its table lists the course's exercises alone
 * </pre>
 *
 * <p>Why {@code ./alloclab check} (the starter's companion, {@code dev.alloclab.cli.CheckCommand}) and not Maven:
 * Maven compiles the whole project before any test runs, so one compile error anywhere scored 0 in every step.
 * The check compiles only its exercise (and the shared test support), runs its visible tests in-process and
 * applies the pass rule: they ran, none failed, none is still "not started" (a fresh starter's tests are skipped,
 * not failed, so "nothing failed" alone would give points for untouched stubs). It needs only Java.
 *
 * <p>The steps call {@code bash ./alloclab}, not {@code ./alloclab}: an instructor who pushes the starter from
 * Windows (or unzips it first) loses the script's executable bit, and a bare {@code ./alloclab} would then fail
 * every step with "Permission denied". Points come from the rubric (the exercise's total, rounded), so the same
 * file chooses the exercises on Gradescope, in {@code grade-all} and here. These are the visible tests only:
 * hidden suites need the grader, which never goes into a student repository.
 */
public final class ClassroomExporter {
    static final String WORKFLOW = ".github/workflows/classroom.yml";
    static final String AUTOGRADING = ".github/classroom/autograding.json";
    /** The command class every step runs, as a jar entry: the starter's companion must have it. */
    static final String CHECK_CLASS = "dev/alloclab/cli/CheckCommand.class";
    /** Minutes one exercise's step may take on the runner. */
    static final int TIMEOUT_MINUTES = 10;

    private ClassroomExporter() {
    }

    /** One graded step: an exercise, its command, its points. */
    public record Step(Exercise exercise, String command, int points) {
        String id() {
            return exercise.packageName();
        }
    }

    /**
     * What was written.
     *
     * @param notes one sentence for each file of the course the export could not adjust (a README or JUnit settings
     *     an instructor edited by hand), saying what to do instead
     */
    public record Result(Path folder, List<Step> steps, List<String> notes) {
        public int totalPoints() {
            return steps.stream().mapToInt(Step::points).sum();
        }
    }

    /**
     * Adds the files to the starter in {@code folder}.
     *
     * @param rubricFile the course's rubric (exercises and points), or null for the grader's default one
     */
    public static Result export(Path folder, Path rubricFile) {
        if (!Files.isRegularFile(folder.resolve("pom.xml"))
                || !Files.isDirectory(folder.resolve("src/test/java/dev/alloclab/exercises"))) {
            throw new ExportException("'" + folder + "' is not a student starter (no pom.xml and "
                    + "src/test/java/dev/alloclab/exercises). Write one first with: alloclab export-starter " + folder);
        }
        requireCheckCommand(folder);
        List<String> written = rubricFile == null ? List.of(WORKFLOW, AUTOGRADING)
                : List.of(WORKFLOW, AUTOGRADING, dev.alloclab.companion.CoverageRule.COURSE_FILE);
        List<String> existing = written.stream().filter(file -> Files.exists(folder.resolve(file))).toList();
        if (!existing.isEmpty()) {
            // all of them at once: an instructor exporting again after a rubric change deletes them in one go
            throw new ExportException(existing.stream().map(file -> "'" + folder.resolve(file) + "'")
                    .collect(Collectors.joining(", ")) + (existing.size() == 1 ? " already exists" : " already exist")
                    + ". An export never overwrites files; delete " + (existing.size() == 1 ? "it" : "them")
                    + " first if you want " + (existing.size() == 1 ? "it" : "them") + " rewritten (the README's "
                    + "exercise table is rewritten for the new rubric).");
        }
        Rubric rubric = rubricFile == null ? RubricLoader.defaultRubric() : RubricLoader.load(rubricFile);
        List<Step> steps = steps(rubric);
        List<String> notes = new ArrayList<>(roundingNotes(rubric, steps));
        try {
            write(folder.resolve(WORKFLOW), workflow(steps));
            write(folder.resolve(AUTOGRADING), autogradingJson(steps));
            if (rubricFile != null) {
                // the student's ./alloclab coverage then judges by the course's thresholds and points
                write(folder.resolve(dev.alloclab.companion.CoverageRule.COURSE_FILE), courseCoverage(rubric));
                // and the README lists the course's exercises, not every one export-starter wrote
                List<Exercise> course = courseExercises(rubric);
                if (!StarterExporter.listOnlyTheCourse(folder, course)) {
                    notes.add("README.md is missing or its exercise table is not the one export-starter wrote, so it "
                            + "was left as it is; the course's exercises are " + course.stream().map(Exercise::id)
                            .collect(Collectors.joining(", ")) + " (edit the table by hand if it lists others).");
                }
                // and mvn test stops a test when the grader would
                int testSeconds = GradingTimeLimit.perTestSeconds(rubric.limits().timeoutSeconds());
                if (!StarterExporter.limitEachTest(folder, testSeconds)) {
                    notes.add(StarterExporter.JUNIT_SETTINGS + ": no '" + StarterExporter.TEST_LIMIT_KEY + "' line, so "
                            + "mvn test keeps its own limit per test; the grader gives a test " + testSeconds + " s "
                            + "(add '" + StarterExporter.TEST_LIMIT_KEY + " = " + testSeconds + " s' there).");
                }
            }
        } catch (IOException e) {
            throw new ExportException("cannot write into '" + folder + "': " + e.getMessage(), e);
        }
        return new Result(folder, steps, List.copyOf(notes));
    }

    /**
     * Refuses a starter whose companion cannot run the steps: no {@code ./alloclab} launcher or companion jar (a
     * starter exported before the companion existed), or a jar without {@code check} (an older kit's).
     */
    private static void requireCheckCommand(Path folder) {
        Path jar = folder.resolve("lib").resolve(CompanionJar.FILE_NAME);
        boolean hasCheck = false;
        if (Files.isRegularFile(folder.resolve("alloclab")) && Files.isRegularFile(jar)) {
            try (JarFile companion = new JarFile(jar.toFile())) {
                hasCheck = companion.getEntry(CHECK_CLASS) != null;
            } catch (IOException unreadable) {
                hasCheck = false;
            }
        }
        if (!hasCheck) {
            throw new ExportException("'" + folder + "' has no companion that can run 'alloclab check' (the "
                    + "./alloclab launcher and lib/" + CompanionJar.FILE_NAME + " of this kit version): every "
                    + "Classroom step runs it. Export a fresh starter with: alloclab export-starter DIR, then add "
                    + "Classroom to that one.");
        }
    }

    /** The exercises {@code rubric} grades, in curriculum order. */
    static List<Exercise> courseExercises(Rubric rubric) {
        return Curriculum.exercises().stream().filter(e -> rubric.exercises().containsKey(e.id())).toList();
    }

    /**
     * What the starter's companion and progress table need of the course rubric, in the companion's format
     * ({@code dev.alloclab.companion.Course}): the course's exercises ({@code exercises=}, so that progress never
     * names a dropped one as next), its time limit when it is not the default ({@code timeoutSeconds=}: half of it
     * is each test's, in the grader and by default in the companion), and its coverage rules ({@code id.points},
     * {@code id.line}, {@code id.branch}); an exercise the rubric gives no coverage points (or drops) has no coverage lines, which the
     * companion reads as 0 points.
     */
    static String courseCoverage(Rubric rubric) {
        StringBuilder text = new StringBuilder("# This course's rubric, for ./alloclab progress, coverage and check and "
                + "the table mvn test prints\n# (written by alloclab export-classroom --rubric). The grader reads the "
                + "rubric itself: editing this\n# file changes what those say, not your grade.\n");
        text.append("# The exercises of the course; the others are \"not in this course\".\n")
                .append(dev.alloclab.companion.Course.EXERCISES_KEY).append('=')
                .append(courseExercises(rubric).stream().map(Exercise::id).collect(Collectors.joining(","))).append('\n');
        if (rubric.limits().timeoutSeconds() != dev.alloclab.grader.run.Limits.DEFAULT.timeoutSeconds()) {
            text.append("# The time limit of one exercise (limits.timeoutSeconds); each test gets half of it, in the "
                    + "grader\n# and in ./alloclab check, coverage, progress and watch (unless --timeout says otherwise).\n")
                    .append(dev.alloclab.companion.Course.TIMEOUT_KEY).append('=')
                    .append(rubric.limits().timeoutSeconds()).append('\n');
        }
        text.append("# Coverage rules: the points, and the line and branch coverage that earn them all.\n");
        for (Exercise e : Curriculum.exercises()) {
            Rubric.ExerciseRubric r = rubric.exercises().get(e.id());
            if (r != null && r.coverage() != null && r.coverage().points() > 0) {
                text.append(e.id()).append(".points=").append(r.coverage().points()).append('\n')
                        .append(e.id()).append(".line=").append(r.coverage().line()).append('\n')
                        .append(e.id()).append(".branch=").append(r.coverage().branch()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * What Classroom's whole points change: a step that rounds to 0 (its exercise then counts for nothing there), and
     * a total unlike the rubric's. Said at export, not found on the course page.
     */
    static List<String> roundingNotes(Rubric rubric, List<Step> steps) {
        List<String> notes = new ArrayList<>();
        for (Step step : steps) {
            double points = rubric.exercises().get(step.exercise().id()).maxScore();
            if (step.points() == 0 && points > 0) {
                notes.add(step.exercise().id() + " is worth " + points + " points in the rubric, which Classroom (whole "
                        + "points only) rounds to 0: its step counts for nothing there. Give it at least 0.5 points.");
            }
        }
        int total = steps.stream().mapToInt(Step::points).sum();
        if (Math.abs(total - rubric.maxScore()) > 1e-9) {
            notes.add("Classroom's points total " + total + " where the rubric's total " + BigDecimal.valueOf(
                    rubric.maxScore()).stripTrailingZeros().toPlainString() + ": each exercise's points are rounded to "
                    + "whole points there (the grader keeps the rubric's).");
        }
        return notes;
    }

    /** One step per exercise of the rubric, in the curriculum's order. */
    static List<Step> steps(Rubric rubric) {
        List<Step> steps = new ArrayList<>();
        for (Exercise e : Curriculum.exercises()) {
            Rubric.ExerciseRubric r = rubric.exercises().get(e.id());
            if (r != null) {
                steps.add(new Step(e, command(e), (int) Math.round(r.maxScore())));
            }
        }
        return steps;
    }

    /**
     * Checks the exercise on its own with the starter's companion: compiles its code and visible tests (not the
     * other exercises, not the student's own tests), runs the visible tests, exits 0 only when all ran and passed.
     */
    static String command(Exercise e) {
        return "bash ./alloclab check " + e.id();
    }

    static String workflow(List<Step> steps) {
        StringBuilder graders = new StringBuilder();
        for (Step s : steps) {
            graders.append("""
                          - name: "%s (%d points)"
                            id: %s
                            uses: classroom-resources/autograding-command-grader@v1
                            with:
                              test-name: "%s"
                              setup-command: ""
                              command: "%s"
                              timeout: %d
                              max-score: %d
                    """.formatted(s.exercise().title(), s.points(), s.id(), s.exercise().id(),
                    s.command().replace("\\", "\\\\").replace("\"", "\\\""), TIMEOUT_MINUTES, s.points()));
        }
        String env = steps.stream()
                .map(s -> "          " + s.id().toUpperCase(java.util.Locale.ROOT) + "_RESULTS: \"${{ steps." + s.id()
                        + ".outputs.result }}\"")
                .collect(Collectors.joining("\n"));
        String runners = steps.stream().map(Step::id).collect(Collectors.joining(","));
        return Template.named("classroom.yml").fill(Map.of(
                "GRADERS", graders.toString().stripTrailing(),
                "REPORTER_ENV", env,
                "RUNNERS", runners));
    }

    static String autogradingJson(List<Step> steps) throws IOException {
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", s.exercise().id());
            test.put("setup", "");
            test.put("run", s.command());
            test.put("input", "");
            test.put("output", "");
            test.put("comparison", "included");
            test.put("timeout", TIMEOUT_MINUTES);
            test.put("points", s.points());
            tests.add(test);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("tests", tests)) + "\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
