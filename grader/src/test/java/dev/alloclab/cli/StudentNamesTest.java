package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.RawNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StudentNames}: every folder of a class gets a row of its own, named by its bytes. */
class StudentNamesTest {
    @TempDir
    Path temp;

    @Test
    void two_latin1_folder_names_get_two_names_and_two_result_files() throws Exception {
        // GIVEN stu\xFF and stu\xFE (one String, stu + U+FFFD, for Java)
        Path ff = RawNames.make(temp, "stu\\xff", null);
        Path fe = RawNames.make(temp, "stu\\xfe", null);
        // WHEN they are named
        StudentNames names = StudentNames.of(List.of(fe, ff), List.of());
        // THEN each by its own byte, with no note
        assertThat(names.of(ff)).isEqualTo("stu\\xFF");
        assertThat(names.of(fe)).isEqualTo("stu\\xFE");
        assertThat(StoredResults.fileName(names.of(ff))).isNotEqualTo(StoredResults.fileName(names.of(fe)));
        assertThat(names.notes()).isEmpty();
    }

    @Test
    void a_folder_that_shows_the_same_as_another_gets_a_name_of_its_own_and_a_note() throws Exception {
        // GIVEN a folder literally named stu\xFF (backslash, x, F, F) and one whose last byte is FF
        Path literal = Files.createDirectories(temp.resolve("stu\\xFF"));
        Path raw = RawNames.make(temp, "stu\\xff", null);
        List<Path> sorted;
        try (Stream<Path> list = Files.list(temp)) {
            sorted = list.sorted().toList();
        }
        // WHEN they are named
        StudentNames names = StudentNames.of(sorted, List.of());
        // THEN the later one is stu\xFF (2), and its row says why: never one row for two students
        assertThat(names.all()).containsExactlyInAnyOrder("stu\\xFF", "stu\\xFF (2)");
        assertThat(names.of(literal)).isNotEqualTo(names.of(raw));
        assertThat(names.notes()).containsOnlyKeys("stu\\xFF (2)");
        assertThat(names.notes().get("stu\\xFF (2)")).contains("shows the same as another folder's");
    }

    @Test
    void two_names_the_gradebooks_formula_quote_makes_alike_get_two_cells() throws Exception {
        // GIVEN folders "+1 Hakon" and "'+1 Hakon": the gradebook writes the first as '+1 Hakon (a leading + is a
        // formula to a spreadsheet), which is how the second reads already
        Path plus = Files.createDirectories(temp.resolve("+1 Hakon"));
        Path quoted = Files.createDirectories(temp.resolve("'+1 Hakon"));
        List<Path> sorted;
        try (Stream<Path> list = Files.list(temp)) {
            sorted = list.sorted().toList();
        }
        // WHEN they are named
        StudentNames names = StudentNames.of(sorted, List.of());
        // THEN their gradebook cells differ, and the renamed one's note says why
        assertThat(GradeAllCommand.nameCell(names.of(plus))).isNotEqualTo(GradeAllCommand.nameCell(names.of(quoted)));
        assertThat(names.notes()).hasSize(1);
        assertThat(names.notes().values().iterator().next()).contains("puts a ' before a name that starts with");
    }

    @Test
    void a_student_folder_that_is_a_symbolic_link_gets_a_note_naming_its_target() throws Exception {
        Path alice = Files.createDirectories(temp.resolve("alice"));
        Path mallory = Files.createSymbolicLink(temp.resolve("mallory"), Path.of("alice"));
        StudentNames names = StudentNames.of(List.of(alice, mallory), List.of());
        assertThat(names.notes()).containsOnlyKeys("mallory");
        assertThat(names.notes().get("mallory")).contains("a symbolic link to 'alice'");
    }

    @Test
    void jorg_with_a_composed_and_with_a_separate_accent_are_two_names_that_read_apart() throws Exception {
        // GIVEN "jörg" twice: ö as one code point, and o followed by a combining diaeresis (as macOS archives write it)
        Path composed = Files.createDirectories(temp.resolve("j\u00F6rg"));
        Path separate = Files.createDirectories(temp.resolve("jo\u0308rg"));
        // WHEN they are named in that order
        StudentNames names = StudentNames.of(List.of(composed, separate), List.of());
        // THEN the second is "jörg (2)", with a note that says why two folders looked the same
        assertThat(names.of(composed)).isEqualTo("j\u00F6rg");
        assertThat(names.of(separate)).isEqualTo("jo\u0308rg (2)");
        assertThat(names.notes()).containsOnlyKeys("jo\u0308rg (2)");
        assertThat(names.notes().get("jo\u0308rg (2)")).contains("accent stored apart from its letter");
        // AND a name made of the same letters in one form only is left alone
        assertThat(StudentNames.of(List.of(composed), List.of()).notes()).isEmpty();
    }
}
