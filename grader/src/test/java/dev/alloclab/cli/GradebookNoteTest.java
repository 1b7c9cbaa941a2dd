package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The gradebook's {@code note} column: why a row could not be graded, and whom to review. */
class GradebookNoteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_report_with_review_lines_names_the_exercises_and_counts_the_flags() throws Exception {
        // GIVEN a stored report in which two exercises carry review lines and one does not
        String report = """
                {"score": 10, "exercises": [
                  {"id": "bump", "feedback": ["coverage points withheld: ...",
                     "review: T.java:5 uses Class.getDeclaredMethods (reflection)",
                     "review: T.java:7 uses Method.setAccessible (reflection)"]},
                  {"id": "vec", "feedback": ["all good"]},
                  {"id": "scope", "feedback": ["review: S.java:3 uses new ProcessBuilder (starting processes)"]}]}
                """;
        // WHEN the row's note is made THEN it counts the flags and names the exercises, in course order
        assertThat(GradeAllCommand.note(JSON.readTree(report)))
                .isEqualTo("review: 3 flagged use(s) in bump scope (see the report's review lines)");
    }

    @Test
    void an_error_comes_first_and_a_clean_report_has_an_empty_note() throws Exception {
        assertThat(GradeAllCommand.note(JSON.readTree("{\"error\": \"the folder is empty\", \"exercises\": []}")))
                .isEqualTo("the folder is empty");
        assertThat(GradeAllCommand.note(JSON.readTree("{\"exercises\": [{\"id\": \"bump\", \"feedback\": []}]}")))
                .isEmpty();
    }
}
