package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet convention and the runner, tested on small pages so a broken harness cannot pass silently. */
class MarkdownSnippetsTest {
    private static final Path PAGE = Path.of("example.md");
    private static final SnippetRunner RUNNER = new SnippetRunner();

    private static List<Snippet> parse(String markdown) {
        return MarkdownSnippets.of(PAGE, markdown);
    }

    @Test
    void a_java_block_followed_by_an_output_block_is_a_snippet_with_expected_output() {
        // GIVEN a page with a snippet at line 3 and its output
        List<Snippet> snippets = parse("""
                # Title

                ```java
                System.out.println(1 + 1);
                ```
                <!-- output -->
                ```text
                2
                ```
                ```sh
                echo not java
                ```
                """);
        // THEN one snippet, with its line and output; the sh block is not a snippet
        assertThat(snippets).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(3);
            assertThat(s.code()).isEqualTo("System.out.println(1 + 1);\n");
            assertThat(s.expectedOutput()).contains("2\n");
            assertThat(s.outputLine()).isEqualTo(7);
            assertThat(s.fragment()).isFalse();
            assertThat(s.where()).isEqualTo("docs/example.md:3");
        });
    }

    @Test
    void fragments_are_marked_and_unclosed_blocks_are_refused() {
        assertThat(parse("<!-- fragment -->\n```java\nint x;\n```\n")).singleElement()
                .satisfies(s -> assertThat(s.fragment()).isTrue());
        assertThatThrownBy(() -> parse("text\n```java\nint x;\n")).hasMessageContaining("example.md:2")
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> parse("```java\nint x;\n```\n<!-- output -->\nno block\n"))
                .hasMessageContaining("must be followed by a ```text block");
    }

    @Test
    void a_statement_snippet_runs_with_the_kits_packages_imported() {
        Snippet snippet = parse("""
                ```java
                HeapBytes heap = HeapBytes.withMax(64);
                System.out.println(heap.sbrk(16) + " " + heap.size());
                ```
                """).get(0);
        SnippetRunner.Result result = RUNNER.run(snippet);
        assertThat(result.problem()).isNull();
        assertThat(result.output()).isEqualTo("0 16\n");
    }

    @Test
    void a_class_snippet_runs_its_own_main() {
        Snippet snippet = parse("""
                ```java
                import java.util.List;

                public class Hello {
                    public static void main(String[] args) {
                        System.out.println(List.of("hi"));
                    }
                }
                ```
                """).get(0);
        assertThat(RUNNER.run(snippet).output()).isEqualTo("[hi]\n");
    }

    @Test
    void a_wrong_output_fails_with_the_page_line_and_a_diff() {
        Snippet snippet = parse("```java\nSystem.out.println(\"four\");\n```\n<!-- output -->\n```text\nfive\n```\n").get(0);
        assertThatThrownBy(() -> DocsSnippetsTest.check(snippet))
                .hasMessageContaining("docs/example.md:1: the snippet printed something else")
                .hasMessageContaining("  - five").hasMessageContaining("  + four");
    }

    @Test
    void a_compile_error_names_the_page_line_of_the_bad_statement() {
        Snippet snippet = parse("text\n\n```java\nint ok = 1;\nHeapBytes.noSuchMethod();\n```\n").get(0);
        assertThatThrownBy(() -> DocsSnippetsTest.check(snippet))
                .hasMessageContaining("does not compile").hasMessageContaining("docs/example.md:5:");
    }

    @Test
    void an_exception_fails_the_snippet_with_its_message() {
        Snippet snippet = parse("```java\nHeapBytes.withMax(8).readInt(100);\n```\n").get(0);
        assertThatThrownBy(() -> DocsSnippetsTest.check(snippet)).hasMessageContaining("threw")
                .hasMessageContaining("HeapIndexOutOfBoundsException");
    }

    @Test
    void trailing_spaces_and_blank_lines_do_not_count() {
        assertThat(OutputDiff.normalize("a  \nb\n\n\n")).isEqualTo(OutputDiff.normalize("a\nb"));
        assertThat(OutputDiff.normalize("a\nb")).isNotEqualTo(OutputDiff.normalize("a\nc"));
    }
}
