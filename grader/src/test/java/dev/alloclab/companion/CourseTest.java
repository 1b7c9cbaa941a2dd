package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the companion reads of a course: its exercises (progress's "next") and its time limit. */
class CourseTest {
    private static final Exercise STACK_FRAMES = Curriculum.named("stack-frames");
    private static final Exercise BUMP = Curriculum.named("bump");

    @TempDir
    Path root;

    @Test
    void progress_never_names_an_exercise_the_course_leaves_out_as_next() throws IOException {
        // GIVEN a starter whose course leaves out bump, stack-frames done and bump not started
        Files.writeString(root.resolve(Course.FILE), "exercises=stack-frames,implicit-list,vec\n");
        Course course = Course.of(root);
        Map<Exercise, ExerciseProgress> counted = Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0),
                BUMP, new ExerciseProgress(BUMP, 0, 0, 5));
        // WHEN progress makes its report and prints it
        ProgressReport report = course.report(counted);
        StringWriter text = new StringWriter();
        ProgressCheck.print(new PrintWriter(text), report, null, course);
        // THEN next is implicit-list, the table counts the course's three exercises, and the others are named apart
        assertThat(report.next()).contains(Curriculum.named("implicit-list"));
        assertThat(text.toString()).contains("1 of 3 exercises done.", "next: implicit-list",
                        "  not in this course: 2 bump, 4 explicit-list, 5 segregated-fits, 6 buddy, 8 scope, 9 refcount "
                                + "(your instructor's rubric leaves them out")
                .doesNotContainPattern("\\d +bump +");
    }

    @Test
    void a_summary_written_with_every_exercise_is_read_within_the_course() throws IOException {
        // GIVEN a summary of the whole curriculum (a run before the course file came), bump not started
        Files.writeString(root.resolve(Course.FILE), "exercises=stack-frames,implicit-list\n");
        ProgressReport all = ProgressReport.ofCurriculum(Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0)));
        // WHEN it is read within the course THEN bump is not next
        assertThat(Course.of(root).within(all).next()).contains(Curriculum.named("implicit-list"));
    }

    @Test
    void without_a_course_file_every_exercise_counts_and_no_limit_is_set() {
        // GIVEN a project without the course file (a starter without a course rubric, or the kit)
        Course course = Course.of(root);
        // THEN the course is the whole curriculum, as before the file existed
        assertThat(course.exercises()).isEqualTo(Curriculum.exercises());
        assertThat(course.droppedLine()).isEmpty();
        assertThat(course.timeoutSeconds()).isEmpty();
        Map<Exercise, ExerciseProgress> counted = Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0));
        assertThat(course.report(counted).table()).isEqualTo(ProgressReport.ofCurriculum(counted).table());
    }

    @Test
    void a_course_file_of_coverage_rules_only_keeps_every_exercise() throws IOException {
        // GIVEN a course file written before it listed the exercises
        Files.writeString(root.resolve(Course.FILE), "vec.points=1\nvec.line=0.5\nvec.branch=0.5\n");
        // THEN every exercise is the course's
        assertThat(Course.of(root).exercises()).isEqualTo(Curriculum.exercises());
    }

    @Test
    void the_course_time_limit_is_read_and_a_broken_file_is_named_with_a_sentence() throws IOException {
        Files.writeString(root.resolve(Course.FILE), "timeoutSeconds=45\n");
        assertThat(Course.of(root).timeoutSeconds()).hasValue(45);
        // an unknown exercise or a limit that is not a number: a sentence naming the file and what to do
        Files.writeString(root.resolve(Course.FILE), "exercises=bump,bumpp\n");
        assertThatThrownBy(() -> Course.of(root)).isInstanceOf(KitException.class)
                .hasMessageStartingWith(Course.FILE + " lists the exercise 'bumpp', which this kit does not have")
                .hasMessageContaining("Ask your instructor");
        Files.writeString(root.resolve(Course.FILE), "timeoutSeconds=forty\n");
        assertThatThrownBy(() -> Course.of(root).timeoutSeconds()).isInstanceOf(KitException.class)
                .hasMessageStartingWith(Course.FILE + " has timeoutSeconds=forty, which is not a whole number");
    }
}
