package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course grades the performance exercise on its own traces ({@code "traces"} in the rubric): the folder is
 * checked when the rubric loads, and the hidden suite measures on exactly those traces.
 */
class CourseTracesTest {
    private static final String PAIR = "0\n2\n4\n1\na 0 200\na 1 300\nf 0\nf 1\n";
    private static final String GROW = "0\n1\n3\n1\na 0 64\nr 0 640\nf 0\n";

    @TempDir
    Path temp;

    private Path rubric(String traces) throws IOException {
        return Files.writeString(temp.resolve("rubric.json"), """
                {"exercises": {"segregated-fits": {"hidden": 8, "performance": {"points": 8, "traces": %s}}}}
                """.formatted(traces));
    }

    @Test
    void the_traces_folder_is_read_relative_to_the_rubric_in_name_order() throws IOException {
        // GIVEN a rubric next to a folder of two traces
        Path folder = Files.createDirectories(temp.resolve("classic"));
        Files.writeString(folder.resolve("b-grow.rep"), GROW);
        Files.writeString(folder.resolve("a-pair.rep"), PAIR);
        Files.writeString(folder.resolve("notes.txt"), "not a trace");
        // WHEN it is loaded
        Rubric rubric = RubricLoader.load(rubric("\"classic\""));
        // THEN the performance part carries both traces' text, by file name, and nothing else
        Rubric.PerformancePart part = rubric.exercises().get("segregated-fits").performance();
        assertThat(part.courseTraces()).isTrue();
        assertThat(part.traces()).extracting(Rubric.TraceText::name).containsExactly("a-pair.rep", "b-grow.rep");
        assertThat(part.traces().get(0).text()).isEqualTo(PAIR);
        assertThat(RubricLoader.defaultRubric().exercises().get("segregated-fits").performance().courseTraces()).isFalse();
    }

    @Test
    void a_folder_that_cannot_serve_is_refused_with_a_sentence_before_any_grading() throws IOException {
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"missing\""))).isInstanceOf(GradingException.class)
                .hasMessageContaining("\"exercises.segregated-fits.performance.traces\" names")
                .hasMessageContaining("which does not exist");
        Files.writeString(temp.resolve("a-file"), "not a folder");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"a-file\""))).hasMessageContaining("which is a file, not a folder");
        assertThatThrownBy(() -> RubricLoader.load(rubric("42"))).hasMessageContaining("must be the path of a folder");
        Files.createDirectories(temp.resolve("empty"));
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"empty\""))).hasMessageContaining("holds no .rep files");
        // a trace that does not parse names its file, line and column
        Path broken = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(broken.resolve("x.rep"), "0\n1\n2\n1\na 0 8\nq 0\n");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"broken\""))).hasMessageContaining("x.rep:6:1");
        // a trace with nothing live (no operations, or only zero-byte requests) has nothing to measure: refused
        Path empty = Files.createDirectories(temp.resolve("nothing-live"));
        Files.writeString(empty.resolve("a-pair.rep"), PAIR);
        Files.writeString(empty.resolve("empty.REP"), "0\n1\n0\n1\n");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"nothing-live\""))).hasMessageContaining("empty.REP")
                .hasMessageContaining("never has a byte live (it has no operations)");
        Files.writeString(empty.resolve("empty.REP"), "0\n1\n2\n1\na 0 0\nf 0\n");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"nothing-live\""))).hasMessageContaining("allocates nothing");
        // one request larger than the heap: it does ask, and gets NULL, which the sentence says
        Files.writeString(empty.resolve("empty.REP"), "0\n1\n1\n1\na 0 100000000\n");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"nothing-live\""))).hasMessageContaining("never has a byte "
                + "live (it asks only for blocks larger than the heap's").hasMessageNotContaining("allocates nothing");
        // a trace nobody can pass (more live bytes than 20 MiB) would fail every student: refused
        Path huge = Files.createDirectories(temp.resolve("huge"));
        Files.writeString(huge.resolve("huge.rep"), "0\n3\n3\n1\na 0 8000000\na 1 8000000\na 2 8000000\n");
        assertThatThrownBy(() -> RubricLoader.load(rubric("\"huge\""))).hasMessageContaining("huge.rep")
                .hasMessageContaining("would fail every student");
    }

    @Test
    void the_hidden_suite_measures_performance_on_the_course_traces() throws IOException {
        // GIVEN the solutions and a rubric that grades segregated-fits on two course traces
        Path folder = Files.createDirectories(temp.resolve("classic"));
        Files.writeString(folder.resolve("a-pair.rep"), PAIR);
        Files.writeString(folder.resolve("b-grow.rep"), GROW);
        Rubric rubric = RubricLoader.load(rubric("\"classic\""));
        // WHEN the solutions are graded
        GradeReport report = Grader.grade(KitSubmissions.copyOfSolutions(temp, "solutions"), rubric);
        // THEN the performance part lists exactly the course's traces, not the kit's suite
        ExerciseGrade segregated = report.exercises().get(0);
        PartGrade performance = BugCollectionTest.part(segregated, "performance");
        assertThat(performance.details()).as("%s", segregated.feedback()).hasSize(2);
        assertThat(performance.details().get(0)).startsWith("a-pair.rep: 4 ops");
        assertThat(performance.details().get(1)).startsWith("b-grow.rep: 3 ops");
        assertThat(String.join("\n", performance.details())).doesNotContain("compiler-like");
        assertThat(BugCollectionTest.part(segregated, "hidden").score()).isEqualTo(8);
    }
}
