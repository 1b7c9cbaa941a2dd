package dev.alloclab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
    /** What a failed trace check looks like in a hidden test's message, plus text a student controls. */
    private static final String FAILURE = "failed: BumpHiddenTest > workout() — AssertionError: misaligned payload\n"
            + "  heap bytes [173, 310), 2 bytes per cell (heap end: 310)\n"
            + "  |aaaa....####XX~~|\n"
            + "   ^173    ^205\n"
            + "  a live payload  # this payload  X both  . not a live payload  ~ past the heap's end";

    private static GradeReport report(String detail, String feedback) {
        PartGrade hidden = new PartGrade("hidden", 3, 6, "2/4 hidden tests passed", List.of(detail));
        ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.GRADED, 3, 8, List.of(hidden), List.of(feedback));
        return new GradeReport("ada <b>", "hash", 3, 8, List.of(bump), List.of("note & more"), 1.5);
    }

    @Test
    void the_html_page_draws_heap_maps_in_colour_and_escapes_everything_a_student_wrote() {
        // GIVEN a failure with a heap map, and feedback carrying markup from a student's exception message
        String html = Reports.html(report(FAILURE, "<script>alert(1)</script>"));
        // THEN each run of equal cells is one coloured span, in order, and the label line is untouched
        // (map and labels in one unwrapped block, so a narrow column cannot break the labels away from their cells)
        assertThat(html).contains("<span class=\"map\">  |<span class=\"m-a\">aaaa</span><span class=\"m-f\">....</span>"
                + "<span class=\"m-p\">####</span><span class=\"m-x\">XX</span><span class=\"m-o\">~~</span>|\n"
                + "   ^173    ^205</span>");
        // AND markup from the submission is text, not markup
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "ada &lt;b&gt;", "note &amp; more")
                .doesNotContain("<script>").doesNotContain("<b>");
    }

    @Test
    void only_whole_map_lines_are_coloured() {
        // a line that merely contains bars and dots, or has text around the map, stays as it is
        assertThat(Reports.withHeapColours("expected |...| in the log")).isEqualTo("expected |...| in the log");
        assertThat(Reports.withHeapColours("  |a.|\nnext")).isEqualTo(
                "<span class=\"map\">  |<span class=\"m-a\">a</span><span class=\"m-f\">.</span>|</span>\nnext");
    }

    @Test
    void the_text_report_keeps_every_line_of_a_multi_line_message_under_its_item() {
        // GIVEN a failure of several lines (a heap picture) and a feedback line of two
        String text = Reports.text(report(FAILURE, "expected: 8\n but was: 4"));
        // THEN each continuation line is indented past its item's first line, none starts at the margin
        assertThat(text).contains("          failed: BumpHiddenTest > workout()", "\n              |aaaa....####XX~~|",
                "      expected: 8\n         but was: 4");
        assertThat(text.lines().skip(1).filter(line -> !line.isBlank() && !line.equals("Notes:")))
                .allMatch(line -> line.startsWith("  "));
    }

    @Test
    void gradescope_puts_the_exercises_feedback_under_the_first_part_that_lost_points() throws Exception {
        // GIVEN vec with a full hidden part and coverage short of its threshold, and bump with full marks
        PartGrade hidden = new PartGrade("hidden", 4, 4, "4/4 hidden tests passed", List.of());
        PartGrade coverage = new PartGrade("coverage", 0.92, 1, "line 89% (need 90%)", List.of());
        ExerciseGrade vec = new ExerciseGrade("vec", ExerciseGrade.GRADED, 4.92, 5, List.of(hidden, coverage),
                List.of("your own tests cover 89% of lines"));
        ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.GRADED, 6, 6,
                List.of(new PartGrade("hidden", 6, 6, "6/6 hidden tests passed", List.of())), List.of("review: a note"));
        GradeReport r = new GradeReport("ada", "hash", 10.92, 11, List.of(vec, bump), List.of(), 1.5);
        // WHEN it is rendered for Gradescope
        com.fasterxml.jackson.databind.JsonNode tests = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Reports.gradescope(r)).get("tests");
        // THEN the coverage sentence is under vec's coverage test, not its full-marks hidden test
        assertThat(tests.get(0).get("output").asText()).isEqualTo("4/4 hidden tests passed");
        assertThat(tests.get(1).get("output").asText()).isEqualTo("line 89% (need 90%)\nyour own tests cover 89% of lines");
        // AND an exercise with full marks keeps its feedback under its first part
        assertThat(tests.get(2).get("output").asText()).isEqualTo("6/6 hidden tests passed\nreview: a note");
    }

    @Test
    void every_format_says_what_graded_it_when_the_report_knows() {
        // GIVEN a report that knows its rubric and kit, and one that does not
        GradeReport with = report(FAILURE, "fix it").withGradedWith("the rubric course.json (sha256 1a2b3c4d5e6f), alloclab 1.0");
        GradeReport without = report(FAILURE, "fix it");
        // THEN each format carries the line, and a report without it has none
        assertThat(Reports.text(with)).endsWith("Graded with the rubric course.json (sha256 1a2b3c4d5e6f), alloclab 1.0"
                + System.lineSeparator());
        for (String out : List.of(Reports.json(with), Reports.gradescope(with), Reports.junit(with), Reports.html(with))) {
            assertThat(out).contains("the rubric course.json (sha256 1a2b3c4d5e6f), alloclab 1.0");
        }
        for (String out : List.of(Reports.text(without), Reports.json(without), Reports.gradescope(without),
                Reports.junit(without), Reports.html(without))) {
            assertThat(out).doesNotContain("raded with");
        }
    }

    @Test
    void junit_xml_has_a_testcase_per_part_and_a_failure_for_each_part_short_of_full_points() {
        String xml = Reports.junit(report(FAILURE, "fix the alignment"));
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<testsuite name=\"alloclab.ada &lt;b&gt;\" tests=\"1\" failures=\"1\"")
                .contains("<testcase classname=\"alloclab.bump\" name=\"hidden\"")
                .contains("<failure message=\"3/6 points: 2/4 hidden tests passed\" type=\"alloclab.graded\">");
    }

    @Test
    void a_part_worth_0_points_whose_tests_failed_is_a_failed_test_in_gradescope_and_junit_and_output_is_plain_text()
            throws Exception {
        // GIVEN a rubric that gives bump's hidden tests 0 points, 2 of 4 of them failing, and a full coverage part
        PartGrade hidden = new PartGrade("hidden", 0, 0, "2/4 hidden tests passed", List.of("failed: x"), false);
        PartGrade coverage = new PartGrade("coverage", 2, 2, "line 90% (need 70%)", List.of(), true);
        ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.GRADED, 2, 2, List.of(hidden, coverage), List.of());
        GradeReport r = new GradeReport("ada", "hash", 2, 2, List.of(bump), List.of("ignored <img src=x>.txt"), 1.5);
        // WHEN it is rendered for Gradescope and as JUnit XML
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Reports.gradescope(r));
        String xml = Reports.junit(r);
        // THEN the 0 / 0 hidden part is failed, not green by Gradescope's score == max_score rule; coverage passed
        assertThat(root.get("tests").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(root.get("tests").get(1).get("status").asText()).isEqualTo("passed");
        assertThat(xml).contains("tests=\"2\" failures=\"1\"")
                .contains("<failure message=\"0/0 points: 2/4 hidden tests passed\" type=\"alloclab.graded\">");
        // AND Gradescope is told the output is text, so a student's file name is not rendered as markup
        assertThat(root.get("output_format").asText()).isEqualTo("text");
        assertThat(root.get("test_output_format").asText()).isEqualTo("text");
        // AND the HTML page does not colour the exercise as full marks
        assertThat(Reports.html(r)).contains("<tr class=\"partial\"><td>bump</td>");
        // AND the passing part's lines and the submission's notes are in the XML too, as test and suite output
        assertThat(xml).contains("<system-out>line 90% (need 70%)</system-out>")
                .contains("  <system-out>ignored &lt;img src=x&gt;.txt</system-out>\n</testsuite>");
        // AND a part that lost points is never "met", whatever its maker said
        assertThat(new PartGrade("hidden", 1, 2, "1/2", List.of(), true).met()).isFalse();
    }

    @Test
    void a_message_with_terminal_escapes_bad_surrogates_and_noncharacters_leaves_every_format_valid() throws Exception {
        // GIVEN a failure message crafted to redraw the terminal, an unpaired surrogate, U+FFFF, and a file name
        // with a newline in the notes
        String forged = "\r\u001b[2K\u001b[1A\u001b[32m      hidden 6 / 6\u001b[8m \ud800 \uffff end";
        PartGrade hidden = new PartGrade("hidden", 3, 6, "2/4 hidden tests passed", List.of("failed: x — " + forged));
        ExerciseGrade bump = new ExerciseGrade("bump", ExerciseGrade.GRADED, 3, 8, List.of(hidden), List.of(forged));
        GradeReport r = new GradeReport("eve\u001b[2J", "hash", 3, 8, List.of(bump),
                List.of("ignored src/a\nNotes: fake line: not a Java source"), 1.5);
        // WHEN rendered in every format
        for (String out : List.of(Reports.text(r), Reports.json(r), Reports.gradescope(r), Reports.junit(r), Reports.html(r))) {
            // THEN no control character but newline and tab is left, and the text encodes as strict UTF-8
            assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f)).isEmpty();
            java.nio.charset.StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(out));
            assertThat(out).doesNotContain("\uffff");
        }
        // AND the escapes are shown, not obeyed, and the forged note stays on its own line
        assertThat(Reports.text(r)).contains("\\u001B[2K", "ignored src/a\\u000ANotes: fake line")
                .doesNotContain("\nNotes: fake line");
        // AND the JUnit XML parses
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(Reports.junit(r).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
