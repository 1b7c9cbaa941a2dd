package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileNames}: a name is shown as its bytes say, so two Latin-1 names never look the same. */
class FileNamesTest {
    @TempDir
    Path temp;

    @Test
    void a_name_that_is_not_utf8_is_shown_with_each_odd_byte_escaped_and_two_such_names_differ() throws Exception {
        // GIVEN two folders whose names differ only in a byte that is not UTF-8 (Latin-1 ÿ and þ)
        Path ff = RawNames.make(temp, "stu\\xff", null);
        Path fe = RawNames.make(temp, "stu\\xfe", null);
        // THEN each is shown by its own byte, and neither maps back from its String form
        assertThat(FileNames.shown(ff)).isEqualTo("stu\\xFF");
        assertThat(FileNames.shown(fe)).isEqualTo("stu\\xFE");
        assertThat(FileNames.mapsBack(ff)).isFalse();
        // AND the file is still there by the listed Path
        assertThat(Files.isDirectory(ff)).isTrue();
    }

    @Test
    void a_utf8_name_is_shown_as_it_is() throws Exception {
        Path umlaut = Files.createDirectories(temp.resolve("Übung3"));
        assertThat(FileNames.shown(umlaut)).isEqualTo("Übung3");
        assertThat(FileNames.shownRelative(Path.of("a", "Größe.java"))).isEqualTo("a/Größe.java");
    }

    @Test
    void bytes_are_decoded_as_utf8_with_malformed_ones_escaped() {
        byte[] bytes = {'J', (byte) 0xC3, (byte) 0xB6, 'r', 'g', (byte) 0xF6, (byte) 0xC3};
        assertThat(FileNames.decode(bytes)).isEqualTo("Jörg\\xF6\\xC3");
    }
}
