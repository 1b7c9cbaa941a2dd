package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The learning path's own pages, and the reference pages beside it, link only to files and sections that exist. */
class DocsLinksTest {
    static final List<String> PATH_PAGES = List.of("README.md", "01-memory-as-bytes.md", "02-the-heap.md",
            "03-when-to-dealloc.md", "mistakes.md", "where-next.md", "quizzes.md", "companion.md",
            "exercises/README.md", "exercises/stack-frames.md", "exercises/bump.md", "exercises/implicit-list.md",
            "exercises/explicit-list.md", "exercises/segregated-fits.md", "exercises/buddy.md", "exercises/vec.md",
            "exercises/scope.md", "exercises/refcount.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** The reference pages beside the learning path; performance.md and its log link into each other. */
    static final List<String> REFERENCE_PAGES = List.of("instructors.md", "formats.md", "traces.md",
            "performance.md", "performance-log.md");

    @Test
    void every_relative_link_of_the_learning_path_resolves() throws IOException {
        assertThat(brokenLinks(PATH_PAGES)).as("broken links in docs/").isEmpty();
    }

    @Test
    void every_relative_link_of_the_reference_pages_resolves() throws IOException {
        // GIVEN the instructor, format and performance pages (cut and moved more often than the chapters)
        // WHEN every relative link and anchor in them is followed
        // THEN each names a file that exists and, with an anchor, a section that file has
        assertThat(brokenLinks(REFERENCE_PAGES)).as("broken links in docs/").isEmpty();
    }

    private static List<String> brokenLinks(List<String> pages) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String name : pages) {
            Path page = Docs.dir().resolve(name);
            String text = Files.readString(page);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(name + ": " + target + " (no file " + file + ")");
                } else if (anchor != null && !MistakesPageTest.anchors(Files.readString(resolved)).contains(anchor)) {
                    broken.add(name + ": " + target + " (no section #" + anchor + " in " + resolved.getFileName() + ")");
                }
            }
        }
        return broken;
    }

    @Test
    void the_front_page_lists_every_chapter_and_exercise_in_order() throws IOException {
        String front = Files.readString(Docs.dir().resolve("README.md"));
        List<String> order = List.of("01-memory-as-bytes.md", "02-the-heap.md", "03-when-to-dealloc.md", "mistakes.md",
                "exercises/stack-frames.md", "exercises/bump.md", "exercises/implicit-list.md",
                "exercises/explicit-list.md", "exercises/segregated-fits.md", "exercises/buddy.md", "exercises/vec.md",
                "exercises/scope.md", "exercises/refcount.md", "where-next.md");
        int last = -1;
        for (String page : order) {
            int at = front.indexOf("](" + page + ")");
            assertThat(at).as(page + " is linked after the page before it").isGreaterThan(last);
            last = at;
        }
    }
}
