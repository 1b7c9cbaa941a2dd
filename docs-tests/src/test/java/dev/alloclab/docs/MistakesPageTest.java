package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.check.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every checked-heap report ends with "Lesson: docs/mistakes.md#kind": that anchor must exist. */
class MistakesPageTest {
    /** The anchors a page offers: GitHub's heading slugs and explicit {@code <a id="...">}. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-'));
            }
        }
        Matcher id = Pattern.compile("<a id=\"([^\"]+)\"").matcher(markdown);
        while (id.find()) {
            anchors.add(id.group(1));
        }
        return anchors;
    }

    @Test
    void every_violation_kind_links_to_a_section_of_the_mistakes_page() throws IOException {
        String page = Files.readString(Docs.dir().resolve("mistakes.md"));
        Set<String> anchors = anchors(page);
        for (Violation.Kind kind : Violation.Kind.values()) {
            String lesson = kind.lesson();
            assertThat(lesson).as("lesson of " + kind).startsWith("docs/mistakes.md#");
            assertThat(anchors).as("anchor for " + kind + "'s lesson " + lesson)
                    .contains(lesson.substring(lesson.indexOf('#') + 1));
        }
        assertThat(anchors).as("the learning path's names for the sections")
                .contains("use-after-free", "double-free", "double-free-after-reuse", "invalid-free", "out-of-bounds", "leak");
    }

    @Test
    void anchors_follow_githubs_heading_slugs() {
        assertThat(anchors("## Out of bounds (heap-buffer-overflow)\n<a id=\"x\"></a>\n```\n# not a heading\n```\n"))
                .containsExactlyInAnyOrder("out-of-bounds-heap-buffer-overflow", "x");
    }
}
