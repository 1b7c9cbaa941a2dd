package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StudentTextTest {
    @Test
    void plain_text_is_returned_as_it_is() {
        String message = "expected: 8 but was: 4 — see [8, 24)\n\tat line 3 ü 日本 😀";
        assertThat(StudentText.lines(message)).isSameAs(message);
    }

    @Test
    void escapes_are_shown_and_line_ends_kept_or_shown() {
        // GIVEN a message that would erase a line and recolour the terminal, with Windows and old-Mac line ends
        String message = "a\r\nb\rc\u001b[2K\u0007\u009b\u202e";
        // THEN several-line text keeps its lines (as LF) and shows the rest as escapes
        assertThat(StudentText.lines(message)).isEqualTo("a\nb\nc\\u001B[2K\\u0007\\u009B\\u202E");
        // AND one-line text (a file name) shows the line ends too
        assertThat(StudentText.line("a\nNotes: x\r")).isEqualTo("a\\u000ANotes: x\\u000D");
    }

    @Test
    void broken_utf16_and_noncharacters_become_the_replacement_character() {
        assertThat(StudentText.lines("x\ud800y\udc00z\uffff\ufffe\ufdd0")).isEqualTo("x\ufffdy\ufffdz\ufffd\ufffd\ufffd");
        assertThat(StudentText.lines("\ud83f\udffe")).isEqualTo("\ufffd"); // U+1FFFE, a noncharacter
        assertThat(StudentText.lines("\ud83d\ude00")).isEqualTo("\ud83d\ude00"); // a real pair stays
    }

    @Property(tries = 500)
    void any_text_becomes_strict_utf8_with_no_control_character_but_newline_and_tab(@ForAll("anyChars") String text)
            throws CharacterCodingException {
        String cleaned = StudentText.lines(text);
        StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(cleaned));
        assertThat(cleaned.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f)).isEmpty();
        assertThat(StudentText.line(text)).doesNotContain("\n");
        assertThat(StudentText.lines(cleaned)).isEqualTo(cleaned);
    }

    @Provide
    Arbitrary<String> anyChars() {
        return Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(40);
    }
}
