package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.alloclab.cli.AlloclabCommand;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GitHub Classroom files, parsed as YAML and JSON and checked for the structure GitHub reads. */
class ClassroomExportTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void the_workflow_runs_each_exercise_with_its_rubric_points_and_reports_them_all() throws IOException {
        // GIVEN a starter with Classroom autograding from the default rubric
        Path starter = starterWithClassroom();
        Rubric rubric = RubricLoader.defaultRubric();
        JsonNode workflow = YAML.readTree(starter.resolve(ClassroomExporter.WORKFLOW).toFile());
        // THEN it runs on push, on ubuntu, checks out the code and sets up Java 17
        assertThat(workflow.path("on").has("push")).as("on: push").isTrue();
        JsonNode job = workflow.path("jobs").path("run-autograding-tests");
        assertThat(job.path("runs-on").asText()).isEqualTo("ubuntu-latest");
        assertThat(workflow.path("permissions").path("checks").asText()).isEqualTo("write");
        List<JsonNode> steps = new ArrayList<>();
        job.path("steps").forEach(steps::add);
        assertThat(steps.get(0).path("uses").asText()).startsWith("actions/checkout@");
        JsonNode setupJava = steps.stream().filter(s -> s.path("uses").asText().startsWith("actions/setup-java@")).findFirst().orElseThrow();
        assertThat(setupJava.path("with").path("java-version").asText()).isEqualTo("17");
        // AND one command-grader step per exercise of the rubric, with its points, checking that exercise alone
        List<JsonNode> graders = steps.stream()
                .filter(s -> s.path("uses").asText().startsWith("classroom-resources/autograding-command-grader@")).toList();
        List<String> expectedIds = Curriculum.exercises().stream().filter(e -> rubric.exercises().containsKey(e.id()))
                .map(Exercise::packageName).toList();
        assertThat(graders).extracting(s -> s.path("id").asText()).containsExactlyElementsOf(expectedIds);
        int total = 0;
        for (JsonNode grader : graders) {
            Exercise exercise = Curriculum.exercises().stream()
                    .filter(e -> e.packageName().equals(grader.path("id").asText())).findFirst().orElseThrow();
            JsonNode with = grader.path("with");
            assertThat(with.path("max-score").asInt()).as("points of %s", exercise.id())
                    .isEqualTo((int) Math.round(rubric.exercises().get(exercise.id()).maxScore())).isPositive();
            assertThat(with.path("timeout").asInt()).isBetween(1, 360);
            assertThat(with.path("command").asText()).as("command of %s", exercise.id())
                    .isEqualTo("bash ./alloclab check " + exercise.id());
            total += with.path("max-score").asInt();
        }
        assertThat(total).isEqualTo((int) Math.round(rubric.maxScore()));
        // AND no step runs Maven (each check compiles its own exercise), and no pass-rule script is left behind
        assertThat(steps).noneMatch(s -> s.toString().contains("mvn") || s.toString().contains("cache"));
        assertThat(starter.resolve(".github/classroom/passed.sh")).doesNotExist();
        // AND the reporter is the last step, runs whatever failed before it, and hears from every grader
        JsonNode reporter = steps.get(steps.size() - 1);
        assertThat(reporter.path("uses").asText()).startsWith("classroom-resources/autograding-grading-reporter@");
        assertThat(reporter.path("if").asText()).isEqualTo("always()");
        assertThat(reporter.path("with").path("runners").asText().split(",")).containsExactlyElementsOf(expectedIds);
        Set<String> envKeys = new TreeSet<>();
        reporter.path("env").fieldNames().forEachRemaining(envKeys::add);
        for (String id : expectedIds) {
            String key = id.toUpperCase(java.util.Locale.ROOT) + "_RESULTS";
            assertThat(envKeys).contains(key);
            assertThat(reporter.path("env").path(key).asText()).isEqualTo("${{ steps." + id + ".outputs.result }}");
        }
    }

    @Test
    void autograding_json_lists_the_same_tests_and_points() throws IOException {
        // GIVEN a starter with Classroom autograding
        Path starter = starterWithClassroom();
        JsonNode tests = JSON.readTree(starter.resolve(ClassroomExporter.AUTOGRADING).toFile()).path("tests");
        JsonNode workflow = YAML.readTree(starter.resolve(ClassroomExporter.WORKFLOW).toFile());
        List<JsonNode> graders = new ArrayList<>();
        workflow.path("jobs").path("run-autograding-tests").path("steps").forEach(s -> {
            if (s.has("id")) {
                graders.add(s);
            }
        });
        // THEN each test matches its workflow step: same command, same points
        assertThat(tests.size()).isEqualTo(graders.size()).isPositive();
        for (int i = 0; i < tests.size(); i++) {
            JsonNode test = tests.get(i);
            assertThat(test.path("run").asText()).isEqualTo(graders.get(i).path("with").path("command").asText());
            assertThat(test.path("points").asInt()).isEqualTo(graders.get(i).path("with").path("max-score").asInt());
            assertThat(test.path("name").asText()).isEqualTo(graders.get(i).path("with").path("test-name").asText());
            assertThat(test.has("timeout")).isTrue();
        }
    }

    @Test
    void classroom_whole_points_that_drop_an_exercise_or_change_the_total_are_said_at_export() {
        // GIVEN a rubric of 0.4 + 2.5 + 3.5 points (6.4), which Classroom rounds to 0 + 3 + 4 (7)
        dev.alloclab.grader.rubric.Rubric rubric = dev.alloclab.grader.rubric.RubricLoader.parse("{\"exercises\": {"
                + "\"stack-frames\": {\"hidden\": 0.4}, \"bump\": {\"hidden\": 2.5}, \"implicit-list\": {\"hidden\": 3.5}}}",
                "course.json");
        // WHEN its steps are made THEN the export notes both
        assertThat(ClassroomExporter.roundingNotes(rubric, ClassroomExporter.steps(rubric))).containsExactly(
                "stack-frames is worth 0.4 points in the rubric, which Classroom (whole points only) rounds to 0: its step "
                        + "counts for nothing there. Give it at least 0.5 points.",
                "Classroom's points total 7 where the rubric's total 6.4: each exercise's points are rounded to whole "
                        + "points there (the grader keeps the rubric's).");
        // AND whole points give no note
        dev.alloclab.grader.rubric.Rubric whole = dev.alloclab.grader.rubric.RubricLoader.defaultRubric();
        assertThat(ClassroomExporter.roundingNotes(whole, ClassroomExporter.steps(whole))).isEmpty();
    }

    @Test
    void a_course_rubric_chooses_the_exercises_and_points() throws IOException {
        // GIVEN a rubric with two exercises
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, """
                {"exercises": {"bump": {"hidden": 7}, "vec": {"hidden": 5, "coverage": {"points": 1, "line": 0.5, "branch": 0.5}}}}
                """);
        Path starter = exportStarter();
        // WHEN Classroom autograding is added with it
        CommandRun run = run("export-classroom", starter.toString(), "--rubric", rubric.toString());
        // THEN only those two exercises are graded, with their points
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("2 exercises, 13 points");
        JsonNode tests = JSON.readTree(starter.resolve(ClassroomExporter.AUTOGRADING).toFile()).path("tests");
        assertThat(tests).extracting(t -> t.path("name").asText() + "=" + t.path("points").asInt())
                .containsExactly("bump=7", "vec=6");
        // AND the starter carries the course's exercises (for progress's "next") and coverage rules for the student's
        // ./alloclab coverage: vec's only; no time limit, since the rubric keeps the default one
        java.util.Properties course = courseFile(starter);
        assertThat(course).containsOnlyKeys("exercises", "vec.points", "vec.line", "vec.branch")
                .containsEntry("exercises", "bump,vec").containsEntry("vec.points", "1.0").containsEntry("vec.line", "0.5");
    }

    @Test
    void a_course_rubric_with_its_own_time_limit_passes_it_on_to_the_companion() throws IOException {
        // GIVEN a rubric whose exercises may take 45 s
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, """
                {"limits": {"timeoutSeconds": 45}, "exercises": {"bump": {"hidden": 7}}}
                """);
        Path starter = exportStarter();
        // WHEN Classroom autograding is added with it
        CommandRun run = run("export-classroom", starter.toString(), "--rubric", rubric.toString());
        // THEN the course file says so, and the companion reads it as the course's limit
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("1 exercise, 7 points");
        assertThat(courseFile(starter)).containsEntry("timeoutSeconds", "45").containsEntry("exercises", "bump");
        assertThat(dev.alloclab.companion.Course.of(starter).timeoutSeconds()).hasValue(45);
        // AND mvn test stops a test when the grader would: after the course's share, 22 s of 45 (10 s before)
        assertThat(junitTestLimit(starter)).isEqualTo("22 s");
    }

    @Test
    void a_starter_without_a_course_stops_a_test_under_mvn_test_when_the_grader_would_by_default() throws IOException {
        // GIVEN a starter as export-starter writes it, and one with the default rubric's Classroom autograding
        Path starter = exportStarter();
        assertThat(junitTestLimit(starter)).isEqualTo("10 s");
        CommandRun run = run("export-classroom", starter.toString());
        // THEN both give a test half of the default 20 s of an exercise, as the grader does
        assertThat(run.exit).as(run.err).isZero();
        assertThat(junitTestLimit(starter)).isEqualTo(dev.alloclab.companion.GradingTimeLimit.perTestSeconds(
                dev.alloclab.companion.GradingTimeLimit.DEFAULT_EXERCISE_SECONDS) + " s");
    }

    @Test
    void files_an_instructor_edited_by_hand_are_left_alone_with_a_note() throws IOException {
        // GIVEN a starter whose README table and JUnit settings an instructor rewrote, and a course of two exercises
        Path starter = exportStarter();
        Files.writeString(starter.resolve("README.md"), "# Our course\n\nDo bump, then vec.\n");
        Path settings = starter.resolve(StarterExporter.JUNIT_SETTINGS);
        Files.writeString(settings, Files.readString(settings).replace(StarterExporter.TEST_LIMIT_KEY, "# was the limit"));
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, """
                {"limits": {"timeoutSeconds": 30}, "exercises": {"bump": {"hidden": 7}, "vec": {"hidden": 5}}}
                """);
        // WHEN Classroom autograding is added with the course
        CommandRun run = run("export-classroom", starter.toString(), "--rubric", rubric.toString());
        // THEN both files are as the instructor left them, and the output says what to do by hand
        assertThat(run.exit).as(run.err).isZero();
        assertThat(starter.resolve("README.md")).hasContent("# Our course\n\nDo bump, then vec.");
        assertThat(run.out).contains("note: README.md is missing or its exercise table is not the one export-starter "
                        + "wrote, so it was left as it is; the course's exercises are bump, vec")
                .contains("note: " + StarterExporter.JUNIT_SETTINGS + ": no '" + StarterExporter.TEST_LIMIT_KEY
                        + "' line, so mvn test keeps its own limit per test; the grader gives a test 15 s");
    }

    /** The per-test limit of the starter's mvn test, from its junit-platform.properties. */
    private static String junitTestLimit(Path starter) throws IOException {
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newInputStream(starter.resolve(StarterExporter.JUNIT_SETTINGS))) {
            settings.load(in);
        }
        return settings.getProperty(StarterExporter.TEST_LIMIT_KEY);
    }

    @Test
    void a_course_rubric_leaves_only_its_exercises_in_the_starter_readme_and_names_the_others() throws IOException {
        // GIVEN a starter, and a rubric with two of the curriculum's exercises
        Path starter = exportStarter();
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, """
                {"exercises": {"vec": {"hidden": 5}, "bump": {"hidden": 7}}}
                """);
        // WHEN Classroom autograding is added with it
        CommandRun run = run("export-classroom", starter.toString(), "--rubric", rubric.toString());
        // THEN the README's table has those two exercises only, in curriculum order, with their numbers and pages
        assertThat(run.exit).as(run.err).isZero();
        String readme = Files.readString(starter.resolve("README.md"));
        Exercise bump = Curriculum.named("bump");
        Exercise vec = Curriculum.named("vec");
        assertThat(exerciseRows(readme)).containsExactly(
                "| " + bump.order() + " | " + bump.title() + " | `" + bump.packageName() + "` | [" + bump.docsPage()
                        + "](" + bump.docsPage() + ") |",
                "| " + vec.order() + " | " + vec.title() + " | `" + vec.packageName() + "` | [" + vec.docsPage()
                        + "](" + vec.docsPage() + ") |");
        // AND one line under the table names every other exercise as not part of this course
        List<Exercise> others = Curriculum.exercises().stream().filter(e -> !e.equals(bump) && !e.equals(vec)).toList();
        assertThat(readme).contains("\n\nNot part of this course: " + String.join(", ", others.stream()
                .map(e -> e.order() + " " + e.id()).toList()) + " (your instructor's rubric leaves them out: their "
                + "files stay in this folder, but nothing of them is graded).\n\nWork only in");
    }

    @Test
    void without_a_rubric_the_starter_readme_keeps_every_exercise() throws IOException {
        // GIVEN a starter
        Path starter = exportStarter();
        String before = Files.readString(starter.resolve("README.md"));
        // WHEN Classroom autograding is added with the default rubric
        CommandRun run = run("export-classroom", starter.toString());
        // THEN the README is as export-starter wrote it: every exercise, no "not part of this course" line
        assertThat(run.exit).as(run.err).isZero();
        String after = Files.readString(starter.resolve("README.md"));
        assertThat(after).isEqualTo(before).doesNotContain("Not part of this course");
        assertThat(exerciseRows(after)).hasSize(Curriculum.exercises().size());
    }

    /** The rows of the README's exercise table ({@code | 2 | ... |}), in order. */
    private static List<String> exerciseRows(String readme) {
        return readme.lines().filter(line -> line.matches("\\| \\d+ \\| .*")).toList();
    }

    private static java.util.Properties courseFile(Path starter) throws IOException {
        java.util.Properties course = new java.util.Properties();
        try (var in = Files.newInputStream(starter.resolve(dev.alloclab.companion.Course.FILE))) {
            course.load(in);
        }
        return course;
    }

    @Test
    void a_folder_that_is_not_a_starter_is_refused_with_a_sentence() throws IOException {
        // GIVEN an empty folder WHEN Classroom files are added to it THEN bad input, naming the fix
        Path empty = Files.createDirectories(temp.resolve("empty"));
        CommandRun run = run("export-classroom", empty.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).startsWith("export-classroom: '" + empty + "' is not a student starter")
                .contains("alloclab export-starter");
    }

    @Test
    void a_starter_whose_companion_cannot_check_is_refused_with_a_sentence() throws IOException {
        // GIVEN a starter without the companion jar (as one exported before the companion existed)
        Path starter = exportStarter();
        Files.delete(starter.resolve("lib/alloclab-companion.jar"));
        // WHEN Classroom files are added to it THEN bad input naming the fix, and no workflow that would score 0
        CommandRun run = run("export-classroom", starter.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).startsWith("export-classroom: '" + starter + "' has no companion that can run 'alloclab check'")
                .contains("alloclab export-starter");
        assertThat(starter.resolve(ClassroomExporter.WORKFLOW)).doesNotExist();
    }

    @Test
    void classroom_files_are_never_overwritten() {
        // GIVEN a starter that already has Classroom autograding
        Path starter = starterWithClassroom();
        // WHEN it is added again THEN bad input
        CommandRun run = run("export-classroom", starter.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).startsWith("export-classroom: '" + starter.resolve(ClassroomExporter.WORKFLOW) + "', '"
                + starter.resolve(ClassroomExporter.AUTOGRADING) + "' already exist.").contains("delete them first");
    }

    @Test
    void exported_again_under_a_changed_rubric_the_readme_lists_the_new_course() throws IOException {
        // GIVEN a starter given Classroom autograding under a rubric of bump and vec
        Path starter = exportStarter();
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, "{\"exercises\": {\"vec\": {\"hidden\": 5}, \"bump\": {\"hidden\": 7}}}");
        assertThat(run("export-classroom", starter.toString(), "--rubric", rubric.toString()).exit).isZero();
        // WHEN the rubric gains buddy, the files the export wrote are deleted, and it is exported again
        Files.writeString(rubric, "{\"exercises\": {\"vec\": {\"hidden\": 5}, \"bump\": {\"hidden\": 7}, "
                + "\"buddy\": {\"hidden\": 4}}}");
        for (String file : List.of(ClassroomExporter.WORKFLOW, ClassroomExporter.AUTOGRADING,
                dev.alloclab.companion.CoverageRule.COURSE_FILE)) {
            Files.delete(starter.resolve(file));
        }
        CommandRun again = run("export-classroom", starter.toString(), "--rubric", rubric.toString());
        // THEN the README's table is the new course's, and buddy is no longer "not part of this course"
        assertThat(again.exit).as(again.err).isZero();
        assertThat(again.out + again.err).doesNotContain("README.md is missing");
        String readme = Files.readString(starter.resolve("README.md"));
        assertThat(exerciseRows(readme)).hasSize(3);
        assertThat(readme).containsOnlyOnce("Not part of this course: ").doesNotContain(Curriculum.named("buddy").order()
                + " buddy");
    }

    private Path exportStarter() {
        Path starter = temp.resolve("starter");
        assertThat(run("export-starter", starter.toString()).exit).isZero();
        return starter;
    }

    private Path starterWithClassroom() {
        Path starter = exportStarter();
        CommandRun run = run("export-classroom", starter.toString());
        assertThat(run.exit).as(run.err).isZero();
        return starter;
    }

    record CommandRun(int exit, String out, String err) {
    }

    static CommandRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlloclabCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
