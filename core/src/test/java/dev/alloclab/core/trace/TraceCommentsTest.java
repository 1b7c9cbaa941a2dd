package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TraceCommentsTest {

    @Test
    void a_teaching_trace_explains_itself_before_its_first_operation_and_on_its_lines() {
        // GIVEN the bundled use-after-free trace (three comment lines, a header, then commented operations)
        TraceComments comments = TraceComments.bundled("teaching/use-after-free");
        // THEN its opening lines are the introduction, and each operation's comment is found by its trace line
        assertThat(comments.introduction()).hasSize(3);
        assertThat(comments.introduction().get(0)).startsWith("use-after-free: block 0 holds five 4-byte years");
        assertThat(comments.at(11)).hasValue("dealloc too early: the vec is still used below");
        assertThat(comments.at(14)).hasValue("use-after-free: block 0 was freed at line 11");
        // AND a line without a comment, or a header line, has none
        assertThat(comments.at(13)).isEmpty();
        assertThat(comments.at(4)).isEmpty();
        // AND the numbers are the parser's: line 11 is the trace's "f 0"
        Trace trace = Trace.bundled("teaching/use-after-free");
        assertThat(trace.ops().stream().filter(op -> op.line() == 11).findFirst().orElseThrow().text()).isEqualTo("f 0");
    }

    @Test
    void comment_lines_between_operations_speak_of_the_next_one_and_windows_line_ends_do_not_show() {
        TraceComments comments = TraceComments.of("# about\r\n1\r\n2\r\n3\r\n1\r\na 0 8\r\n# now the\r\n# mistake:\r\n"
                + "f 0   # freed\r\nf 0\r\n");
        assertThat(comments.introduction()).containsExactly("about");
        assertThat(comments.at(6)).isEmpty();
        assertThat(comments.at(9)).hasValue("now the mistake: freed");
        assertThat(comments.at(10)).isEmpty();
    }

    @Test
    void a_long_comment_is_cut_and_control_characters_become_spaces() {
        TraceComments comments = TraceComments.of("1\n1\n1\n1\na 0 8 # " + "x".repeat(5_000) + "\nf 0 # a\tb\u0007c\n");
        assertThat(comments.at(5).orElseThrow()).hasSize(TraceComments.LONGEST).endsWith("...");
        assertThat(comments.at(6)).hasValue("a b c");
        assertThat(TraceComments.bundled("no-such-trace")).isEqualTo(TraceComments.NONE);
    }

    @Test
    void classic_mac_line_ends_a_byte_order_mark_and_a_header_lines_comment_are_read_as_the_parser_reads_them() {
        // GIVEN a trace with lone CR line ends, and one with a BOM and a comment on a header line
        TraceComments mac = TraceComments.of("# mac intro\r64\r1\r2\r1\ra 0 20 # mac alloc\rf 0 # mac free\r");
        TraceComments bom = TraceComments.of("\uFEFF# first line\r\n64   # the heap it suggests\r\n1\r\n1\r\n1\r\n"
                + "a 0 20 # alloc\r\n");
        // THEN each line is a line: the introduction is the comment lines, and each operation has its own
        assertThat(mac.introduction()).containsExactly("mac intro");
        assertThat(mac.at(6)).hasValue("mac alloc");
        assertThat(mac.at(7)).hasValue("mac free");
        // AND the BOM does not hide the first line, and the header's comment belongs to the introduction
        assertThat(bom.introduction()).containsExactly("first line", "the heap it suggests");
        assertThat(bom.at(6)).hasValue("alloc");
    }

    @Test
    void a_cut_never_splits_an_emoji_in_two() {
        // GIVEN comments whose cut falls inside a surrogate pair, at the clip and at the cleaning
        for (int pad = 290; pad <= 300; pad++) {
            TraceComments comments = TraceComments.of("1\n1\n1\n1\na 0 8 # " + "x".repeat(pad) + "\uD83D\uDE00".repeat(5) + "\n");
            String comment = comments.at(5).orElseThrow();
            // THEN every character of the caption is whole: it can be written as UTF-8
            assertThat(java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(comment)).as(comment).isTrue();
        }
    }

    @Property(tries = 500)
    void any_text_gives_comments_without_failing_each_short_and_on_one_line(@ForAll String text) {
        TraceComments comments = TraceComments.of(text);
        assertThat(comments.introduction()).hasSizeLessThanOrEqualTo(TraceComments.MOST_INTRODUCTION_LINES);
        comments.byLine().values().forEach(comment -> assertThat(comment).hasSizeLessThanOrEqualTo(TraceComments.LONGEST)
                .doesNotContain("\n", "\r", "\t"));
        // every comment can be written on a page: no half of a surrogate pair left by a cut
        java.util.stream.Stream.concat(comments.byLine().values().stream(), comments.introduction().stream()).forEach(
                comment -> assertThat(comment.isEmpty() || !Character.isHighSurrogate(comment.charAt(comment.length() - 1))
                        || comment.endsWith("...")).as(comment).isTrue());
        comments.introduction().forEach(line -> assertThat(line).hasSizeLessThanOrEqualTo(TraceComments.LONGEST)
                .doesNotContain("\n", "\r"));
    }
}
