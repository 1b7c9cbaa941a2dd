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

    @Test
    void students_who_handed_in_the_same_files_are_named_in_each_others_notes() throws Exception {
        // GIVEN five graded reports: ada, bo and cy with one content hash, dee with another, and an ungraded row
        java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> reports = new java.util.LinkedHashMap<>();
        for (String[] row : new String[][] {{"ada", "h1"}, {"bo", "h1"}, {"cy", "h1"}, {"dee", "h2"}, {"eve", ""}}) {
            reports.put(row[0], JSON.readTree("{\"contentHash\": \"" + row[1] + "\", \"exercises\": []}"));
        }
        // WHEN the groups are made
        java.util.Map<String, java.util.List<String>> same = GradeAllCommand.sameFiles(reports);
        // THEN each of ada, bo and cy names the other two; dee and the ungraded row name nobody
        assertThat(same).containsOnlyKeys("ada", "bo", "cy");
        assertThat(GradeAllCommand.withSameFiles("", "bo", same.get("bo"))).isEqualTo("same files as ada, cy");
        assertThat(GradeAllCommand.withSameFiles("review: 1 flagged use(s) in bump", "ada", same.get("ada")))
                .isEqualTo("review: 1 flagged use(s) in bump; same files as bo, cy");
        assertThat(GradeAllCommand.withSameFiles("", "x", java.util.List.of("a", "b", "c", "d", "e")))
                .isEqualTo("same files as a, b, c and 2 more");
    }
}
