package dev.alloclab.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the grader says of a source that is not UTF-8 text: the sentence names the cause, not the package line. */
class SourceEncodingTest {
    private static final String SOURCE = "package dev.alloclab.exercises.bump;\n\npublic class BumpAllocator {\n}\n";
    private static final String NAME = "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java";

    @Test
    void a_file_saved_as_utf_16_with_or_without_its_mark_is_named_so() {
        // GIVEN the source as Notepad's "Unicode" (UTF-16 LE with a byte-order mark) and as UTF-16 BE without one
        byte[] notepad = SOURCE.getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[notepad.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(notepad, 0, marked, 2, notepad.length);
        // THEN both are no text, and the note says UTF-16 and what to do
        for (byte[] bytes : new byte[][] {marked, SOURCE.getBytes(StandardCharsets.UTF_16BE)}) {
            assertThat(SourceEncoding.isNotText(bytes)).isTrue();
            assertThat(SourceEncoding.note(NAME, bytes)).hasValueSatisfying(note -> assertThat(note)
                    .startsWith("BumpAllocator.java is saved as UTF-16").endsWith("Save the file as UTF-8 in your editor."));
        }
    }

    @Test
    void a_file_of_nul_bytes_is_named_as_damaged() {
        byte[] placeholder = new byte[3000];
        assertThat(SourceEncoding.isNotText(placeholder)).isTrue();
        assertThat(SourceEncoding.note(NAME, placeholder)).hasValue("BumpAllocator.java holds 3000 bytes that are not "
                + "text (NUL bytes): the file was damaged or not copied whole (an interrupted download, a cloud folder's "
                + "placeholder). Open it in your editor, and save or upload it again.");
    }

    @Test
    void an_empty_file_is_named_as_empty() {
        assertThat(SourceEncoding.isNotText(new byte[0])).isTrue();
        assertThat(SourceEncoding.note(NAME, new byte[0])).hasValueSatisfying(note -> assertThat(note)
                .startsWith("BumpAllocator.java is empty (0 bytes): its content was lost on the way"));
    }

    @Test
    void utf_8_with_accents_and_latin_1_are_text_and_keep_their_own_notes() {
        // GIVEN the source with an accented comment, saved as UTF-8 and as Latin-1
        String accented = SOURCE.replace("public class", "// größer als nötig\npublic class");
        // THEN neither is "no text"; UTF-8 needs no note, Latin-1 gets the bytes javac read as U+FFFD
        assertThat(SourceEncoding.isNotText(accented.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SourceEncoding.note(NAME, accented.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SourceEncoding.isNotText(accented.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
        assertThat(SourceEncoding.note(NAME, accented.getBytes(StandardCharsets.ISO_8859_1)))
                .hasValueSatisfying(note -> assertThat(note).startsWith("BumpAllocator.java is not saved as UTF-8"));
    }
}
