package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GradeAllProgressTest {
    @Test
    void in_a_log_each_finished_row_is_one_plain_line() {
        // GIVEN standard error going to a file or a pipe
        StringWriter err = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 2, false, "resume")) {
            // WHEN two rows finish
            progress.step("alice");
            progress.step("bob");
        }
        // THEN two lines, no carriage return or bar to redraw
        assertThat(err.toString()).doesNotContain("\r").doesNotContain("[");
        assertThat(err.toString().lines()).hasSize(2)
                .first().asString().startsWith("grade-all: 1/2 done (alice), elapsed 0:0").contains("ETA");
    }

    @Test
    void on_a_terminal_the_bar_is_redrawn_while_nothing_finishes() throws InterruptedException {
        // GIVEN a terminal
        StringWriter err = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 3, true, "resume")) {
            // WHEN no submission finishes for a while
            for (int waited = 0; waited < 50 && count(err.toString(), '\r') < 2; waited++) {
                Thread.sleep(100);
            }
            // THEN the bar was drawn again by the clock (the elapsed time moves), in place
            assertThat(count(err.toString(), '\r')).isGreaterThanOrEqualTo(2);
            assertThat(err.toString()).contains("0/3  elapsed 0:0");
        }
        // AND closing ends the bar's line and stops the clock
        int drawn = count(err.toString(), '\r');
        Thread.sleep(1300);
        assertThat(count(err.toString(), '\r')).isEqualTo(drawn);
        assertThat(err.toString()).endsWith(System.lineSeparator());
    }

    @Test
    void rows_that_took_no_grading_give_the_eta_no_rate_and_the_bar_names_what_is_being_graded() {
        // GIVEN a log: a kept result first (no grading), then a graded row
        StringWriter log = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(log, true), 3, false, "resume")) {
            progress.step("kept", false);
            progress.step("ada", true);
        }
        // THEN the kept row promises nothing (it said 0:00 for the rest before), the graded one gives a time
        assertThat(log.toString().lines().toList()).first().asString().endsWith("ETA --:--");
        assertThat(log.toString().lines().toList()).element(1).asString().containsPattern("ETA \\d+:\\d\\d$");
        // AND on a terminal the bar names a submission being graded, not the last one that finished
        StringWriter term = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(term, true), 3, 120, "resume")) {
            progress.started("bob");
            progress.step("kept", false);
            String drawn = term.toString();
            assertThat(drawn.substring(drawn.lastIndexOf('\r'))).contains("grading bob").doesNotContain("kept");
        }
    }

    @Test
    void interrupted_it_says_how_many_are_kept_and_how_to_resume_but_not_after_it_finished() {
        StringWriter err = new StringWriter();
        GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 5, false,
                "The finished results are kept in r: run the same command again to grade the rest.");
        progress.step("alice");
        progress.step("bob");
        // WHEN Ctrl-C ends the JVM
        progress.interrupted();
        // THEN one line says how far it got and what to do
        assertThat(err.toString()).contains("grade-all: interrupted after 2 of 5. The finished results are kept in r: run"
                + " the same command again to grade the rest.");
        // AND after a normal end there is nothing to say
        StringWriter quiet = new StringWriter();
        GradeAllProgress finished = new GradeAllProgress(new PrintWriter(quiet, true), 1, false, "resume");
        finished.step("ada");
        finished.close();
        finished.interrupted();
        assertThat(quiet.toString()).doesNotContain("interrupted");
        progress.close();
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(x -> x == c).count();
    }

    @Test
    void a_folder_name_with_an_escape_code_or_a_line_break_is_shown_escaped_on_one_line() {
        // GIVEN a log, and students whose folder names hold ESC [31m (red) and a newline
        StringWriter err = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 2, false, "resume")) {
            progress.step("esc\u001B[31mred");
            progress.step("new\nline");
        }
        // THEN no raw control character reaches the terminal: two lines, the names escaped
        assertThat(err.toString()).doesNotContain("\u001B");
        assertThat(err.toString().lines()).hasSize(2)
                .anyMatch(l -> l.contains("(esc\\u001B[31mred)")).anyMatch(l -> l.contains("(new\\u000Aline)"));
    }

    @Test
    void on_an_80_or_40_column_terminal_each_redraw_fits_in_one_row_so_none_is_left_behind() {
        for (int columns : new int[] {80, 40}) {
            // GIVEN a terminal that many columns wide, and a student with a long name
            StringWriter err = new StringWriter();
            try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 120, columns, "resume")) {
                // WHEN rows finish
                for (int i = 0; i < 57; i++) {
                    progress.step("a-student-with-a-very-long-folder-name-" + i);
                }
            }
            // THEN every redraw is shorter than the terminal (a full-width line wraps), and still says how far it got
            String[] redraws = err.toString().strip().split("\r");
            assertThat(redraws).hasSizeGreaterThan(57).allSatisfy(line ->
                    assertThat(line.length()).as("a redraw on a %d-column terminal", columns).isLessThan(columns));
            assertThat(redraws[redraws.length - 1]).contains("57/120  elapsed 0:0");
        }
    }

    @Test
    void the_bar_narrows_with_the_terminal_then_goes_and_the_name_is_cut_to_what_is_left() {
        // a wide terminal: the whole bar and up to 24 characters of the name
        assertThat(GradeAllProgress.line(120, 15, 30, "1:05", "1:05", "ada"))
                .startsWith("[" + "#".repeat(15) + ".".repeat(15) + "] 15/30  elapsed 1:05  ETA 1:05  ada");
        assertThat(GradeAllProgress.line(80, 15, 30, "1:05", "1:05", "ada")).hasSize(79)
                .matches("\\[#+\\.+\\] 15/30  elapsed 1:05  ETA 1:05  ada *");
        // 40 columns: no room for a bar worth the name, the counts and the start of the name
        assertThat(GradeAllProgress.line(40, 15, 30, "1:05", "1:05", "a-long-name")).hasSize(39)
                .isEqualTo("15/30  elapsed 1:05  ETA 1:05  a-long-n");
        // too narrow for the counts: no line to redraw
        assertThat(GradeAllProgress.line(20, 15, 30, "1:05", "1:05", "ada")).isNull();
    }

    @Test
    void a_terminal_too_narrow_for_the_counts_gets_the_plain_lines_of_a_log() {
        StringWriter err = new StringWriter();
        try (GradeAllProgress progress = new GradeAllProgress(new PrintWriter(err, true), 2, 20, "resume")) {
            progress.step("ada");
        }
        assertThat(err.toString()).doesNotContain("\r").startsWith("grade-all: 1/2 done (ada)");
    }

    @Test
    void the_width_comes_from_columns_when_it_is_a_positive_number() {
        assertThat(TerminalWidth.parse("80")).isEqualTo(80);
        assertThat(TerminalWidth.parse(" 132\n")).isEqualTo(132);
        assertThat(TerminalWidth.parse("0")).isNull();
        assertThat(TerminalWidth.parse("wide")).isNull();
        assertThat(TerminalWidth.parse(null)).isNull();
    }
}
