package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class RubricLoaderTest {
    @Test
    void the_default_rubric_grades_every_exercise_for_100_points() {
        Rubric rubric = RubricLoader.defaultRubric();
        assertThat(rubric.exercises().keySet()).containsExactlyElementsOf(
                dev.alloclab.core.course.Curriculum.exercises().stream().map(dev.alloclab.core.course.Exercise::id).toList());
        assertThat(rubric.maxScore()).isEqualTo(100.0);
        assertThat(rubric.exercises().get("segregated-fits").performance()).isNotNull();
    }

    @Test
    void a_typo_in_a_key_names_the_key_and_what_is_allowed() {
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hiden\": 3}}}", "rubric 'r.json'"))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("rubric 'r.json'")
                .hasMessageContaining("\"exercises.bump.hiden\"")
                .hasMessageContaining("coverage, hidden, performance");
    }

    @Test
    void an_unknown_exercise_lists_the_known_ids() {
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bumpp\": {\"hidden\": 3}}}", "r"))
                .hasMessageContaining("unknown exercise id 'bumpp'")
                .hasMessageContaining("stack-frames, bump");
    }

    @Test
    void a_trailing_comma_is_read_a_yaml_rubric_is_named_and_a_rubric_of_no_points_is_refused() {
        // GIVEN a comma after the last entry, as editors let one stand
        Rubric trailing = RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 6,},},}", "r");
        assertThat(trailing.maxScore()).isEqualTo(6);
        // AND a rubric written in YAML, by its name or by its look
        assertThatThrownBy(() -> RubricLoader.parse("exercises:\n  bump:\n    hidden: 6\n", "course.yaml"))
                .hasMessageStartingWith("course.yaml looks like YAML, and rubrics are JSON: write it as JSON");
        assertThatThrownBy(() -> RubricLoader.parse("# my course\nlimits:\n  timeoutSeconds: 30\n", "course.txt"))
                .hasMessageStartingWith("course.txt looks like YAML");
        // AND a rubric that gives no points at all
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 0}}}", "r"))
                .isInstanceOf(GradingException.class)
                .hasMessage("r gives 0 points in all, so every submission would get full marks: give at least one part"
                        + " some points (e.g. \"hidden\": 6).");
    }

    @Test
    void broken_json_names_line_and_column() {
        assertThatThrownBy(() -> RubricLoader.parse("{\n  \"exercises\": {\n    \"bump\": {\"hidden\" 3}}}", "r"))
                .hasMessageContaining("not valid JSON at line 3");
        // a key given twice is no missing comma: say which and what to do
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 3}, \"bump\": "
                + "{\"hidden\": 4}}}", "r")).hasMessageContaining("r gives a key twice at line 1")
                .hasMessageContaining("'bump' stands twice in the same object").hasMessageNotContaining("missing comma");
    }

    @Test
    void text_after_the_rubric_and_fractional_limits_are_refused_while_comments_and_a_bom_are_read() {
        // a stray brace left behind by deleting a section changes nothing visible: refused, not ignored
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 6}}}}\n", "r"))
                .isInstanceOf(GradingException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RubricLoader.parse("{\"limits\": {\"timeoutSeconds\": 20.5}, \"exercises\": {\"bump\": {\"hidden\": 6}}}", "r"))
                .hasMessageContaining("\"limits.timeoutSeconds\" is 20.5; it must be a whole number");
        Rubric annotated = RubricLoader.parse("\uFEFF{ // bump is worth 6 points this term\n"
                + "\"exercises\": {\"bump\": {\"hidden\": 6 /* was 8 */}}}", "r");
        assertThat(annotated.maxScore()).isEqualTo(6.0);
    }

    @Test
    void out_of_range_values_say_the_range() {
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 2, \"coverage\": {\"line\": 80}}}}", "r"))
                .hasMessageContaining("\"exercises.bump.coverage.line\" is 80; it must be between 0 and 1");
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"performance\": {\"points\": 1}}}}", "r"))
                .hasMessageContaining("only measured for segregated-fits");
    }

    @Test
    void performance_indexes_written_as_fractions_are_refused_with_the_percentage_to_write() {
        // GIVEN zeroIndex and fullIndex written as fractions, as "utilizationWeight" and the coverage thresholds are
        // WHEN the rubric is read
        // THEN it is refused with the value to write instead (taken as they are, every allocator that passes the
        // hidden tests would earn the full performance points)
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"segregated-fits\": {\"hidden\": 2, "
                + "\"performance\": {\"points\": 8, \"zeroIndex\": 0.6}}}}", "r"))
                .isInstanceOf(GradingException.class)
                .hasMessage("r: \"exercises.segregated-fits.performance.zeroIndex\" is 0.6, but the index runs from 0 to"
                        + " 100 (the Malloc Lab score: 100 x (w x utilization + (1 - w) x throughput share)), so this"
                        + " reads as a fraction: write 60 for 60 % (the defaults are zeroIndex 70, fullIndex 87).");
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"segregated-fits\": {\"hidden\": 2, "
                + "\"performance\": {\"points\": 8, \"zeroIndex\": 0, \"fullIndex\": 0.85}}}}", "r"))
                .hasMessageContaining("\"exercises.segregated-fits.performance.fullIndex\" is 0.85").hasMessageContaining("write 85 for 85 %");
        // AND a zeroIndex of 0 (points from the first index point on) is still allowed
        assertThat(RubricLoader.parse("{\"exercises\": {\"segregated-fits\": {\"hidden\": 2, \"performance\": "
                + "{\"points\": 8, \"zeroIndex\": 0, \"fullIndex\": 50}}}}", "r").exercises().get("segregated-fits")
                .performance().zeroIndex()).isZero();
    }

    @Test
    void several_problems_are_reported_together_in_file_order_each_with_its_line() {
        // GIVEN a rubric with three mistakes, the first in the file (vec) checked last in curriculum order, an
        // unknown exercise between them, and a bad limit at the end
        String rubric = """
                {
                  "exercises": {
                    "vec":   { "hidden": "six" },
                    "bumpp": { "hidden": 6 },
                    "bump":  { "hidden": 6, "coverage": { "points": 2, "line": 80 } }
                  },
                  "limits": { "timeoutSeconds": 0 }
                }
                """;
        // WHEN it is read
        // THEN one message lists all of them in the order of the file, each with its line and key, in the sentences
        // each would have alone
        assertThatThrownBy(() -> RubricLoader.parse(rubric, "rubric 'course.json'"))
                .isInstanceOf(GradingException.class)
                .hasMessage("rubric 'course.json' has 4 problems, in file order:\n"
                        + "  line 3: \"exercises.vec.hidden\" must be a number, not \"six\".\n"
                        + "  line 4: unknown exercise id 'bumpp' under \"exercises\". Use one of: stack-frames, bump, "
                        + "implicit-list, explicit-list, segregated-fits, buddy, vec, scope, refcount.\n"
                        + "  line 5: \"exercises.bump.coverage.line\" is 80; it must be between 0 and 1.\n"
                        + "  line 7: \"limits.timeoutSeconds\" is 0; it must be between 1 and 600.\n"
                        + "Fix them all: a rubric is used only when every value in it is allowed.");
    }

    @Test
    void two_problems_on_one_line_keep_the_order_they_are_written_in() {
        // GIVEN both indexes written as fractions, fullIndex first, on one line
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"segregated-fits\": {\"hidden\": 2, "
                + "\"performance\": {\"points\": 8, \"fullIndex\": 0.85, \"zeroIndex\": 0.6}}}}", "r"))
                // THEN fullIndex is named first, as in the text
                .hasMessageStartingWith("r has 2 problems, in file order:\n"
                        + "  line 1: \"exercises.segregated-fits.performance.fullIndex\" is 0.85")
                .hasMessageContaining("\n  line 1: \"exercises.segregated-fits.performance.zeroIndex\" is 0.6");
    }

    @Test
    void a_part_without_points_is_refused_and_a_missing_full_index_is_the_documented_87() {
        // GIVEN parts whose "points" key was forgotten
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 2, \"coverage\": {\"line\": 0.7}}}}", "r"))
                .isInstanceOf(GradingException.class)
                .hasMessage("r: \"exercises.bump.coverage\" has no \"points\": add them (e.g. \"points\": 2), or remove the"
                        + " section to leave this part ungraded.");
        assertThatThrownBy(() -> RubricLoader.parse(
                "{\"exercises\": {\"segregated-fits\": {\"hidden\": 2, \"performance\": {\"zeroIndex\": 30}}}}", "r"))
                .hasMessageContaining("\"exercises.segregated-fits.performance\" has no \"points\"");
        // AND the defaults a rubric leaves out are the ones docs/instructors.md gives
        Rubric.PerformancePart defaults = RubricLoader.parse(
                "{\"exercises\": {\"segregated-fits\": {\"performance\": {\"points\": 8}}}}", "r")
                .exercises().get("segregated-fits").performance();
        assertThat(defaults.fullIndex()).isEqualTo(87);
        assertThat(defaults.zeroIndex()).isEqualTo(70);
        assertThat(defaults.throughputKops()).isEqualTo(500);
    }

    @Test
    void the_performance_index_follows_the_malloc_lab_formula() {
        Rubric.PerformancePart p = new Rubric.PerformancePart(10, 0.6, 500, 40, 80);
        assertThat(p.index(0.9, 1000)).isEqualTo(100 * (0.6 * 0.9 + 0.4));
        assertThat(p.index(0.5, 250)).isEqualTo(100 * (0.6 * 0.5 + 0.4 * 0.5));
        assertThat(p.pointsFor(80)).isEqualTo(10);
        assertThat(p.pointsFor(60)).isEqualTo(5);
        assertThat(p.pointsFor(30)).isZero();
    }

    @Property(tries = 300)
    void any_text_is_a_rubric_or_a_grading_exception(@ForAll String text) {
        try {
            RubricLoader.parse(text, "r");
        } catch (GradingException expected) {
            assertThat(expected.getMessage()).startsWith("r");
        }
    }

    @Test
    void coverage_thresholds_left_out_are_the_default_rubrics_so_a_copied_rubric_keeps_its_bar() {
        // GIVEN a course rubric that gives coverage points but names no thresholds
        Rubric course = RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 6, \"coverage\": {\"points\": 2}}}}", "r");
        // THEN bump's thresholds are the ones the shipped default rubric uses for bump
        Rubric.CoveragePart shipped = RubricLoader.defaultRubric().exercises().get("bump").coverage();
        Rubric.CoveragePart taken = course.exercises().get("bump").coverage();
        assertThat(taken.line()).isEqualTo(shipped.line());
        assertThat(taken.branch()).isEqualTo(shipped.branch());
    }

    @Test
    void points_finer_than_hundredths_are_refused_with_the_figure_to_write_and_hundredths_are_kept() {
        // GIVEN thirds written to three decimals (a perfect submission would earn 3.33 of 3.333)
        assertThatThrownBy(() -> RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 3.333, "
                + "\"coverage\": {\"points\": 1.005, \"line\": 0.7, \"branch\": 0.5}}}}", "r"))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("\"exercises.bump.hidden\" is 3.333; points are counted in hundredths")
                .hasMessageContaining("Write 3.33")
                .hasMessageContaining("\"exercises.bump.coverage.points\" is 1.005");
        // AND hundredths, and binary fractions such as 0.1 + 0.2, are accepted as written
        Rubric rubric = RubricLoader.parse("{\"exercises\": {\"bump\": {\"hidden\": 3.33, "
                + "\"coverage\": {\"points\": 0.3, \"line\": 0.7, \"branch\": 0.5}}}}", "r");
        assertThat(rubric.exercises().get("bump").hiddenPoints()).isEqualTo(3.33);
        assertThat(rubric.maxScore()).isCloseTo(3.63, org.assertj.core.data.Offset.offset(1e-9));
    }
}
