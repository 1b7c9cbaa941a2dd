package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradebookCellTest {
    @Test
    void a_folder_name_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text() {
        // GIVEN student folder names as an LMS download or a student could make them
        // THEN a cell starting with = + - @ or a tab gets a leading quote; commas and quotes are quoted as CSV
        assertThat(GradeAllCommand.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(GradeAllCommand.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(GradeAllCommand.cell("+1-2")).isEqualTo("'+1-2");
        assertThat(GradeAllCommand.cell("\t=1")).isEqualTo("'\t=1");
        // AND numbers, even negative ones, stay numbers; plain names stay as they are
        assertThat(GradeAllCommand.cell("-2.5")).isEqualTo("-2.5");
        assertThat(GradeAllCommand.cell("ada")).isEqualTo("ada");
    }

    @Test
    void a_line_break_in_a_name_or_note_never_starts_a_new_row() {
        // GIVEN a folder named "bob<CR>=2+3" and a note of two lines
        // THEN each is one cell on its row: the break becomes a space, so no row starts with the formula
        assertThat(GradeAllCommand.cell("bob\r=2+3")).isEqualTo("bob =2+3");
        assertThat(GradeAllCommand.cell("first line\nsecond, line")).isEqualTo("\"first line second, line\"");
        assertThat(GradeAllCommand.cell("esc\u001b[2J")).isEqualTo("esc\\u001B[2J");
    }

    @Test
    void a_students_name_keeps_its_control_characters_visible_and_a_signed_number_is_text() {
        // GIVEN folders named "<CR>CR" and " CR" (two students), "+1" and "-5" (names, not numbers), and "<TAB>=1"
        // THEN the two CR names stay apart, and no name is read as a number or a formula
        assertThat(GradeAllCommand.nameCell("\rCR")).isEqualTo("\\u000DCR");
        assertThat(GradeAllCommand.nameCell(" CR")).isEqualTo(" CR");
        assertThat(GradeAllCommand.nameCell("+1")).isEqualTo("'+1");
        assertThat(GradeAllCommand.nameCell("-5")).isEqualTo("'-5");
        assertThat(GradeAllCommand.nameCell("=a,b")).isEqualTo("\"'=a,b\"");
        assertThat(GradeAllCommand.nameCell("\t=1")).isEqualTo("'\t=1");
        assertThat(GradeAllCommand.nameCell("ada")).isEqualTo("ada");
    }
}
