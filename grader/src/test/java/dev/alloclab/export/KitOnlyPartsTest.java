package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a page of docs/ becomes the starter's copy: kit-only parts out, starter-only parts in. */
class KitOnlyPartsTest {
    @Test
    void a_page_without_markers_is_copied_as_it_is() {
        String page = "# Title\r\n\r\nText with `<!-- kit-only -->` quoted inside a line.\n";
        assertThat(KitOnlyParts.starterCopy("docs/a.md", page)).isEqualTo(page);
    }

    @Test
    void a_kit_only_part_and_its_markers_are_left_out_and_a_starter_only_part_is_unwrapped() {
        String page = String.join("\n",
                "## Heading",
                "",
                "<!-- starter-only",
                "Shown to students.",
                "-->",
                "<!-- kit-only -->",
                "How the grader is attacked.",
                "-->",
                "<!-- /kit-only -->",
                "",
                "After.");
        assertThat(KitOnlyParts.starterCopy("docs/a.md", page))
                .isEqualTo(String.join("\n", "## Heading", "", "Shown to students.", "", "After."));
    }

    @Test
    void a_part_that_is_never_closed_names_the_page_and_the_line_it_opens_at() {
        String page = "one\n<!-- kit-only -->\nsecret\n";
        assertThatThrownBy(() -> KitOnlyParts.starterCopy("docs/instructors.md", page))
                .isInstanceOf(ExportException.class)
                .hasMessage("docs/instructors.md line 2 opens a kit-only part that is never closed; end it with "
                        + "<!-- /kit-only --> on a line of its own.");
        assertThatThrownBy(() -> KitOnlyParts.starterCopy("docs/b.md", "<!-- starter-only\nhello\n"))
                .hasMessageContaining("docs/b.md line 1 opens a starter-only part that is never closed; end it with -->");
    }

    @Test
    void a_part_inside_another_or_a_close_without_an_open_is_refused() {
        assertThatThrownBy(() -> KitOnlyParts.starterCopy("docs/a.md",
                "<!-- kit-only -->\nx\n<!-- starter-only\ny\n-->\n<!-- /kit-only -->\n"))
                .isInstanceOf(ExportException.class)
                .hasMessage("docs/a.md line 3 opens a part inside the part opened at line 1; close that one first "
                        + "(<!-- /kit-only -->).");
        assertThatThrownBy(() -> KitOnlyParts.starterCopy("docs/a.md", "x\n<!-- /kit-only -->\n"))
                .hasMessageStartingWith("docs/a.md line 2 closes a kit-only part that was never opened");
    }

    @Test
    void only_pages_of_docs_are_filtered() {
        byte[] source = "<!-- kit-only -->\n".getBytes(StandardCharsets.UTF_8);
        assertThat(StarterExporter.starterCopy("src/main/java/A.java", source)).isSameAs(source);
        assertThat(new String(StarterExporter.starterCopy("docs/x.md",
                "a\n<!-- kit-only -->\nb\n<!-- /kit-only -->\nc".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("a\nc");
    }
}
