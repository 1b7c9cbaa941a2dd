package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepParserTest {
    private static final String CLASSIC = "20000\n3\n5\n1\na 0 512\na 1 128\nr 0 640\nf 1\nf 0\n";

    private static Trace strict(String text) {
        return Trace.parse("x.rep", text, ParseMode.STRICT);
    }

    private static Trace lenient(String text) {
        return Trace.parse("x.rep", text, ParseMode.LENIENT);
    }

    @Test
    void a_classic_trace_parses_into_its_operations_with_their_lines() {
        // GIVEN a trace in the classic layout, four header lines then five operations
        // WHEN it is parsed strictly
        Trace trace = strict(CLASSIC);
        // THEN the header's ids and ops count are read, and every op keeps its line
        assertThat(trace.header().idCount()).isEqualTo(3);
        assertThat(trace.header().opCount()).isEqualTo(5);
        assertThat(trace.ops()).containsExactly(
                new TraceOp.Alloc(0, 512, 5), new TraceOp.Alloc(1, 128, 6), new TraceOp.Realloc(0, 640, 7),
                new TraceOp.Free(1, 8), new TraceOp.Free(0, 9));
        assertThat(trace.quirks()).isEmpty();
        assertThat(trace.toRep()).isEqualTo(CLASSIC);
    }

    @Test
    void the_header_may_put_the_weight_first_and_stand_on_one_line() {
        // GIVEN the later layout: weight first, last field unused, all on one line
        Trace trace = strict("1 2 2 0\na 1 8\nf 1\n");
        // THEN only the ids and the ops count matter
        assertThat(trace.header()).isEqualTo(new TraceHeader(1, 2, 2, 0));
        assertThat(trace.ops()).hasSize(2);
    }

    @Test
    void sizes_are_longs_so_numbers_past_int_are_read_as_written() {
        Trace trace = strict("0\n1\n1\n1\na 0 30000000000\n");
        assertThat(((TraceOp.Alloc) trace.ops().get(0)).size()).isEqualTo(30_000_000_000L);
    }

    @Test
    void windows_line_endings_trailing_blank_lines_and_comments_are_fine_in_both_modes() {
        // GIVEN CRLF line endings, a comment and blank lines after the last op
        String text = "# a comment before the header\r\n0\r\n1\r\n2\r\n1\r\na 0 8   # block 0\r\nf 0\r\n\r\n\r\n";
        // WHEN parsed strictly THEN the ops are the same as without them
        assertThat(strict(text).ops()).containsExactly(new TraceOp.Alloc(0, 8, 6), new TraceOp.Free(0, 7));
    }

    @Test
    void the_teaching_operations_read_write_and_read_with_negative_offsets() {
        Trace trace = strict("0\n1\n3\n1\na 0 16\nw 0 -4 8\nrd 0 12 8\n");
        assertThat(trace.ops()).containsExactly(new TraceOp.Alloc(0, 16, 5), new TraceOp.Write(0, -4, 8, 6),
                new TraceOp.Read(0, 12, 8, 7));
        assertThat(trace.hasTeachingOps()).isTrue();
        assertThat(strict(CLASSIC).hasTeachingOps()).isFalse();
    }

    @Test
    void a_word_where_a_size_belongs_is_reported_with_file_line_column_and_what_was_expected() {
        assertThatThrownBy(() -> strict("0\n4\n1\n1\na 3 abc\n"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("x.rep:5:5: expected a block size (a whole number >= 0) after 'a 3', found 'abc'.")
                .satisfies(e -> {
                    TraceFormatException format = (TraceFormatException) e;
                    assertThat(format.file()).isEqualTo("x.rep");
                    assertThat(format.line()).isEqualTo(5);
                    assertThat(format.column()).isEqualTo(5);
                });
    }

    @Test
    void each_real_error_names_its_place_and_the_rule() {
        assertError("0\n1\n1\n1\nx 0 8\n", "x.rep:5:1: expected an operation (a, f, r, w or rd), found 'x'.");
        assertError("0\n1\n1\n1\na 0 -8\n", "x.rep:5:5: expected a block size (a whole number >= 0) after 'a 0', found '-8'.");
        assertError("0\n1\n1\n1\na 5 8\n", "x.rep:5:3: block id 5 is out of range");
        assertError("0\n1\n1\n1\na 0 99999999999999999999\n", "x.rep:5:5: expected a block size (a whole number >= 0), found '99999999999999999999', which is too large");
        assertError("0\n1\n1\n1\na 0 8 9\n", "x.rep:5:7: expected the end of the line after 'a 0 8', found '9'.");
        assertError("0\n1\n1\n1\nr 0\n", "x.rep:5:4: expected a block size (a whole number >= 0) after 'r 0', found the end of the line.");
        assertError("0\n1\n1\n1\nf\n", "x.rep:5:2: expected a block id (a whole number) after 'f', found the end of the line.");
        assertError("0\n1\n1\n1\nw 0 4\n", "x.rep:5:6: expected a length in bytes (a whole number >= 0) after 'w 0 4', found the end of the line.");
        assertError("0\n1\n3\n1\na 0 8\n", "x.rep:3:1: the header announces 3 operations, but the file ends after 1 "
                + "(at line 5). Is the file cut short? If not, make this number 1.");
        assertError("0 1 3 1\na 0 8\n", "x.rep:1:5: the header announces 3 operations");
        assertError("0\n1\n", "x.rep:2:1: the file ends inside the header: expected 4 numbers");
        assertError("0\n-1\n0\n1\n", "x.rep:2:1: the header's number of block ids must be between 0 and");
        assertError("0 1 1 1 a\n", "x.rep:1:9: expected the end of the header line after its fourth number, found 'a'.");
        assertError("", "x.rep:1:1: the file ends inside the header");
    }

    @Test
    void strict_mode_rejects_each_quirk_that_lenient_mode_accepts() {
        assertError("0\n1\n1\n1\na 0 8\nf 0\n", "x.rep:6:1: the header announces 1 operations, but this line holds operation 2.");
        assertError("0\n1\n1\n1\na 0\n", "x.rep:5:4: expected a block size (a whole number >= 0) after 'a 0', found the end of the line.");
        assertError("0\n1\n1\n1\nf -1\n", "x.rep:5:3: 'f -1' frees null");
        assertError("0\n2\n2\n1\na 0 8\nf 1\n", "x.rep:6:3: 'f 1' frees block 1, which no earlier line allocated.");
        assertError("0\n1\n2\n1\na 0 8\n\nf 0\n", "x.rep:6:1: blank line between operations.");
    }

    @Test
    void lenient_mode_accepts_the_quirks_of_traces_in_circulation_and_notes_each_one() {
        // GIVEN a trace with every known quirk: f -1, a free of a never-allocated id, an 'a' with
        // no size, a blank line between ops, and more op lines than the header announces
        String text = "0\n3\n3\n1\nf -1\nf 2\na 0\n\na 1 8\nf 1\n";
        // WHEN it is parsed leniently
        Trace trace = lenient(text);
        // THEN every line is kept, the sizeless alloc asks for 0 bytes, and each quirk is noted by line
        assertThat(trace.ops()).containsExactly(new TraceOp.Free(TraceOp.NULL_ID, 5), new TraceOp.Free(2, 6),
                new TraceOp.Alloc(0, 0, 7), new TraceOp.Alloc(1, 8, 9), new TraceOp.Free(1, 10));
        assertThat(trace.quirks()).extracting(TraceQuirk::line).containsExactly(5, 6, 7, 8, 9);
        assertThat(trace.quirks().get(4).toString()).isEqualTo(
                "line 9: more operations than the header announces (3): the extra lines are replayed too");
    }

    @Test
    void text_after_the_announced_operations_is_ignored_when_lenient_and_named_when_strict() {
        // GIVEN a trace whose announced operations are followed by lines that are no operations
        String text = "0\n1\n2\n1\na 0 8\nf 0\nend of trace 7 \n(c) someone\na 0 8\n";
        // WHEN parsed leniently THEN the announced operations are kept, the rest ignored, once noted
        Trace trace = lenient(text);
        assertThat(trace.ops()).containsExactly(new TraceOp.Alloc(0, 8, 5), new TraceOp.Free(0, 6));
        assertThat(trace.quirks()).extracting(TraceQuirk::toString).containsExactly("line 7: text after the 2 operations "
                + "the header announces ('end' is no operation): ignored from here to the end of the file");
        // AND strict parsing names the line
        assertError(text, "x.rep:7:1: the header announces 2 operations, but this line holds operation 3.");
        // AND text before the announced count is reached is still an error, in either mode
        assertThatThrownBy(() -> lenient("0\n1\n2\n1\na 0 8\nend\nf 0\n"))
                .hasMessageStartingWith("x.rep:6:1: expected an operation (a, f, r, w or rd), found 'end'.");
    }

    @Test
    void text_after_the_announced_operations_that_starts_like_an_operation_is_text_too_when_lenient() {
        // GIVEN a signature after the 2 announced operations whose first word is "a", and one extra operation before it
        String text = "0\n1\n2\n1\na 0 8\nf 0\na 0 16\na trace written by J. Smith, 2009\n";
        // WHEN parsed leniently THEN the extra operation is replayed and the signature ignored, each noted once
        Trace trace = lenient(text);
        assertThat(trace.ops()).hasSize(3);
        assertThat(trace.quirks()).extracting(TraceQuirk::toString).containsExactly(
                "line 7: more operations than the header announces (2): the extra lines are replayed too",
                "line 8: text after the 2 operations the header announces (no operation: expected a block id (a whole "
                        + "number) after 'a', found 'trace'): ignored from here to the end of the file");
        // AND the same line with no extra operation before it is text without the "more operations" note
        Trace signedOnly = lenient("0\n1\n2\n1\na 0 8\nf 0\na trace written by J. Smith\n");
        assertThat(signedOnly.quirks()).singleElement().satisfies(q -> assertThat(q.toString()).startsWith("line 7: text "));
    }

    @Test
    void a_header_of_two_numbers_reads_as_ids_and_operations_when_lenient_and_is_explained_when_strict() {
        // GIVEN a header as some ports of the lab write it: only the number of ids and of operations
        String text = "2\n3\na 0 16\na 1 24\nf 0\n";
        // WHEN parsed leniently THEN the two numbers are the ids and the ops, and the quirk is noted
        Trace trace = lenient(text);
        assertThat(trace.header().idCount()).isEqualTo(2);
        assertThat(trace.header().opCount()).isEqualTo(3);
        assertThat(trace.ops()).containsExactly(
                new TraceOp.Alloc(0, 16, 3), new TraceOp.Alloc(1, 24, 4), new TraceOp.Free(0, 5));
        assertThat(trace.quirks()).extracting(TraceQuirk::description)
                .containsExactly("the header has 2 numbers, not 4: read as the number of ids (2) and of operations (3),"
                        + " as some ports of the lab write it");
        // AND strict parsing refuses it with a sentence naming the layout
        assertError(text, "x.rep:3:1: expected the header's third number, the number of operations, found 'a'. "
                + "This header has 2 numbers");
        // AND the ids announced still bound the ids used
        assertThatThrownBy(() -> lenient("1\n1\na 1 8\n"))
                .hasMessageStartingWith("x.rep:3:3: block id 1 is out of range");
    }

    @Test
    void a_header_of_three_numbers_reads_as_the_driver_reads_it_when_lenient_and_says_what_to_add_when_strict() {
        // GIVEN a header without its weight line: hint, ids, operations (the Malloc Lab driver replays it)
        String text = "20000\n2\n3\na 0 16\na 1 24\nf 0\n";
        // WHEN parsed leniently THEN the three numbers keep their places, the weight is 1, and the quirk is noted
        Trace trace = lenient(text);
        assertThat(trace.header().idCount()).isEqualTo(2);
        assertThat(trace.header().opCount()).isEqualTo(3);
        assertThat(trace.ops()).hasSize(3);
        assertThat(trace.quirks()).extracting(TraceQuirk::description).containsExactly("the header has 3 numbers, not 4: "
                + "read as the heap size hint, the number of ids (2) and of operations (3), weight 1, as the Malloc Lab "
                + "driver reads it");
        // AND strict parsing says which number is missing and what to add
        assertError(text, "x.rep:4:1: expected the header's fourth number (a weight or unused), found 'a'. This header "
                + "has 3 numbers (heap size hint, number of ids, number of operations): add a fourth line with the "
                + "weight, e.g. 1, or parse leniently.");
    }

    @Test
    void a_trace_without_a_header_is_counted_from_its_lines_when_lenient_and_told_what_the_header_looks_like_when_strict() {
        // GIVEN operations with no header before them (some hand-written traces and course ports leave it out)
        String text = "a 0 8\na 2 16\nf 0\nr 2 24\n";
        // WHEN parsed leniently
        Trace trace = lenient(text);
        // THEN every line is an operation, and the header is what the lines count: 3 ids (0..2), 4 operations
        assertThat(trace.ops()).containsExactly(new TraceOp.Alloc(0, 8, 1), new TraceOp.Alloc(2, 16, 2),
                new TraceOp.Free(0, 3), new TraceOp.Realloc(2, 24, 4));
        assertThat(trace.header().idCount()).isEqualTo(3);
        assertThat(trace.header().opCount()).isEqualTo(4);
        assertThat(trace.quirks()).extracting(TraceQuirk::toString).containsExactly("line 1: the trace has no header: "
                + "read as 4 operations on block ids 0 to 2, counted from its lines (heap size hint 0, weight 1)");
        assertThat(trace.quirks().get(0).changesProgram()).as("the operations are the ones written").isFalse();
        // AND strict parsing says the header is missing and shows one
        assertThatThrownBy(() -> strict(text))
                .hasMessageStartingWith("x.rep:1:1: expected the header's first number, found the operation 'a':"
                        + " this trace has no header.")
                .hasMessageContaining("e.g. '0 2 2 1'").hasMessageContaining("docs/formats.md");
    }

    @Test
    void a_trace_without_a_header_still_has_its_errors_named_and_its_ids_bounded() {
        // a word where a size belongs is the same error as under a header
        assertThatThrownBy(() -> lenient("a 0 8\na 1 lots\n"))
                .hasMessage("x.rep:2:5: expected a block size (a whole number >= 0) after 'a 1', found 'lots'.");
        // an id past what the replay can hold a slot for
        assertThatThrownBy(() -> lenient("a " + RepParser.MAX_IDS + " 8\n"))
                .hasMessageStartingWith("x.rep:1:3: block id " + RepParser.MAX_IDS + " is too large: a trace without a"
                        + " header may use ids 0 to " + (RepParser.MAX_IDS - 1) + ".");
        // a trace of frees of null only has no block at all
        assertThat(lenient("f -1\n").header().idCount()).isZero();
    }

    @Test
    void a_comment_on_its_own_line_between_operations_is_no_blank_line_in_either_mode() {
        // GIVEN a comment line between two operations (formats.md: '#' starts a comment)
        String text = "20000\n3\n4\n1\na 0 16\n# a comment\na 1 32\n   # indented\nf 0\nf 1\n";
        // WHEN parsed in either mode
        // THEN the operations are read, with no quirk noted
        for (Trace trace : new Trace[] {strict(text), lenient(text)}) {
            assertThat(trace.ops()).containsExactly(new TraceOp.Alloc(0, 16, 5), new TraceOp.Alloc(1, 32, 7),
                    new TraceOp.Free(0, 9), new TraceOp.Free(1, 10));
            assertThat(trace.quirks()).isEmpty();
        }
        // AND a really blank line is still one
        assertError("0\n1\n2\n1\na 0 8\n# fine\n\nf 0\n", "x.rep:7:1: blank line between operations.");
    }

    @Test
    void a_byte_order_mark_is_skipped_with_a_note_when_lenient_and_named_when_strict() {
        // GIVEN a trace saved by Windows Notepad: U+FEFF before the first number
        String text = "\uFEFF" + CLASSIC;
        // WHEN parsed leniently THEN it is the classic trace, with a note
        Trace trace = lenient(text);
        assertThat(trace.ops()).isEqualTo(strict(CLASSIC).ops());
        assertThat(trace.header()).isEqualTo(strict(CLASSIC).header());
        assertThat(trace.quirks()).extracting(TraceQuirk::toString)
                .containsExactly("line 1: the file starts with a byte-order mark (U+FEFF, as Windows Notepad saves UTF-8): skipped");
        // AND strict parsing names the mark rather than calling 20000 no number
        assertError(text, "x.rep:1:1: the file starts with a byte-order mark (U+FEFF)");
    }

    @Test
    void an_invisible_character_in_a_token_is_named_by_code_point() {
        // GIVEN a no-break space after a size, where a space was meant
        assertError("20000\n3\n4\n1\na 0 16\u00A0\na 1 32\nf 0\nf 1\n", "x.rep:5:5: expected a block size "
                + "(a whole number >= 0) after 'a 0', found '16' followed by U+00A0 (a no-break space; only spaces and tabs "
                + "separate tokens).");
        // AND one between tokens, and a zero-width space before an operation
        assertError("0\n1\n1\n1\na\u00A00 8\n", "x.rep:5:1: expected an operation (a, f, r, w or rd), found 'a' "
                + "followed by U+00A0 (a no-break space;");
        assertError("0\n1\n1\n1\n\u200Ba 0 8\n", "x.rep:5:1: expected an operation (a, f, r, w or rd), found U+200B "
                + "(a zero-width space; only spaces and tabs separate tokens) before 'a'.");
        assertThat(RepParser.found("16")).isEqualTo("'16'");
        assertThat(RepParser.found("\uFFFD")).isEqualTo("U+FFFD (a byte that is not UTF-8; only spaces and tabs "
                + "separate tokens)");
    }

    @Test
    void carriage_returns_without_newlines_are_line_ends_when_lenient_and_explained_when_strict() {
        // GIVEN a trace with classic Mac OS line ends
        String text = CLASSIC.replace('\n', '\r');
        // WHEN parsed leniently THEN it is the classic trace, with a note
        Trace trace = lenient(text);
        assertThat(trace.ops()).isEqualTo(strict(CLASSIC).ops());
        assertThat(trace.quirks()).extracting(TraceQuirk::description)
                .containsExactly("the lines end in carriage returns only (CR, as classic Mac OS wrote them): read as line ends");
        // AND strict parsing says so, at the first carriage return
        assertError(text, "x.rep:1:6: the lines end in carriage returns (CR) without newlines, as classic Mac OS wrote "
                + "them, so the whole file reads as one line.");
    }

    @Test
    void lenient_mode_still_rejects_real_errors() {
        assertThatThrownBy(() -> lenient("0\n1\n1\n1\na 0 abc\n")).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("x.rep:5:5: ");
        assertThatThrownBy(() -> lenient("0\n1\n2\n1\na 0 8\n")).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("the file ends after 1 (at line");
    }

    @Test
    void control_characters_and_long_tokens_are_shown_safely_in_messages() {
        assertThat(RepParser.shown("a\u0001b")).isEqualTo("a?b");
        assertThat(RepParser.shown("x".repeat(30))).isEqualTo("x".repeat(24) + "...");
    }

    @Test
    void a_file_is_read_from_disk_and_a_missing_one_is_a_sentence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.rep");
        Files.writeString(file, CLASSIC);
        assertThat(Trace.read(file, ParseMode.STRICT).name()).isEqualTo(file.toString());
        assertThatThrownBy(() -> Trace.read(dir.resolve("missing.rep"), ParseMode.STRICT))
                .hasMessageContaining("does not exist");
        // AND a folder passed as a trace gets the reason, not only its path again
        assertThatThrownBy(() -> Trace.read(dir, ParseMode.STRICT))
                .hasMessage("cannot read trace file '" + dir + "': is a directory.");
    }

    @Test
    void a_utf16_file_is_named_as_such_with_what_to_do(@TempDir Path dir) throws Exception {
        // GIVEN the classic trace saved as Notepad's "Unicode" (UTF-16 little-endian, with its mark)
        Path file = dir.resolve("t.rep");
        Files.write(file, ("\uFEFF" + CLASSIC).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        // WHEN read THEN the sentence says UTF-16 and how to save it, instead of naming a stray byte
        assertThatThrownBy(() -> Trace.read(file, ParseMode.LENIENT)).hasMessage("trace file '" + file + "' is UTF-16 "
                + "text (it starts with the byte-order mark FF FE): save it as UTF-8 or ASCII, as the Malloc Lab's "
                + "traces are (in Notepad: Save As, Encoding UTF-8).");
    }

    @Test
    void a_trace_file_ends_in_rep_in_any_case() {
        assertThat(Trace.hasTraceExtension(Path.of("traces", "binary.rep"))).isTrue();
        assertThat(Trace.hasTraceExtension(Path.of("RANDOM-1.REP"))).isTrue();
        assertThat(Trace.hasTraceExtension(Path.of("notes.txt"))).isFalse();
        assertThat(Trace.hasTraceExtension(Path.of("rep"))).isFalse();
    }

    @Test
    void bundled_traces_are_found_by_name_and_an_unknown_name_lists_the_known_ones() {
        assertThat(Trace.bundled("teaching/leak").hasTeachingOps()).isTrue();
        assertThatThrownBy(() -> Trace.bundled("nope")).hasMessageContaining("no bundled trace called 'nope'")
                .hasMessageContaining("random-1");
    }

    private static void assertError(String text, String messageStart) {
        assertThatThrownBy(() -> strict(text)).isInstanceOf(TraceFormatException.class).hasMessageStartingWith(messageStart);
    }
}
