package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The progress table's "next" in a course that leaves exercises out (the kit's own check: the starter does not
 * carry this test).
 */
class CourseExercisesTest {
    private static final Exercise STACK_FRAMES = Curriculum.named("stack-frames");
    private static final Exercise BUMP = Curriculum.named("bump");

    @Test
    void next_skips_an_exercise_the_course_leaves_out_and_the_table_names_it_apart() {
        // GIVEN a course without bump, and a run where stack-frames is done and bump is not started
        CourseExercises course = CourseExercises.listed("stack-frames,implicit-list,explicit-list,segregated-fits,"
                + "buddy,vec,scope,refcount");
        Map<Exercise, ExerciseProgress> counted = Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0),
                BUMP, new ExerciseProgress(BUMP, 0, 0, 5));
        // WHEN the table is made
        ProgressReport report = course.report(counted);
        // THEN next is implicit-list, not bump, and bump is neither a row nor counted
        assertThat(report.next()).contains(Curriculum.named("implicit-list"));
        assertThat(report.table()).contains("next: implicit-list", "1 of 8 exercises done.")
                .doesNotContainPattern("\\d +bump +");
        assertThat(course.droppedLine()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("  not in this course: 2 bump (your instructor's rubric leaves it out"));
    }

    @Test
    void without_a_course_list_every_exercise_counts_as_before() {
        // GIVEN no exercises= line (no course file, or one written before the list existed)
        CourseExercises course = CourseExercises.listed(null);
        Map<Exercise, ExerciseProgress> counted = Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0));
        // THEN the table is the curriculum's, as ProgressReport.ofCurriculum makes it, with no extra line
        assertThat(course.report(counted).table()).isEqualTo(ProgressReport.ofCurriculum(counted).table());
        assertThat(course.droppedLine()).isEmpty();
        assertThat(CourseExercises.listed("no-such-exercise").exercises()).isEqualTo(Curriculum.exercises());
    }

    @Test
    void a_filtered_run_shows_only_the_course_exercises_that_ran() {
        // GIVEN a course without bump, and a filtered run of stack-frames and bump
        CourseExercises course = CourseExercises.listed("stack-frames,implicit-list");
        Map<Exercise, ExerciseProgress> counted = Map.of(STACK_FRAMES, new ExerciseProgress(STACK_FRAMES, 3, 0, 0),
                BUMP, new ExerciseProgress(BUMP, 0, 0, 5));
        // THEN only stack-frames is in the table: bump ran, but it is not the course's
        assertThat(course.reportOfRan(counted).exercises()).extracting(ExerciseProgress::exercise)
                .containsExactly(STACK_FRAMES);
    }
}
