package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.alloclab.core.examples.DeallocStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pictures in {@code docs/pictures/} are the kit's own output: redrawn here and compared byte for
 * byte. With {@code -Dalloclab.regeneratePictures=true} the test writes them instead.
 */
class DocsPicturesTest {
    /** Only this test: {@code -am} would run core's whole suite first, and the module the browser test. */
    static final String REGENERATE = "mvn -B verify -pl docs-tests -am -Dalloclab.regeneratePictures=true "
            + "-Dtest=DocsPicturesTest -Dsurefire.failIfNoSpecifiedTests=false";

    @Test
    void every_checked_in_picture_is_what_the_kit_draws_today() throws IOException {
        Path dir = Docs.dir().resolve("pictures");
        Map<String, String> drawn = DocsPictures.all();
        if (Boolean.getBoolean("alloclab.regeneratePictures")) {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> picture : drawn.entrySet()) {
                Files.writeString(dir.resolve(picture.getKey()), picture.getValue(), StandardCharsets.UTF_8);
            }
            System.out.println("wrote " + drawn.size() + " pictures to " + dir);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> picture : drawn.entrySet()) {
            Path file = dir.resolve(picture.getKey());
            if (!Files.exists(file)) {
                stale.add(picture.getKey() + " is missing");
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(picture.getValue())) {
                stale.add(picture.getKey() + " differs from what the kit draws now");
            }
        }
        if (!stale.isEmpty()) {
            fail("docs/pictures is out of date:\n  " + String.join("\n  ", stale)
                    + "\nRegenerate the pictures with\n  " + REGENERATE + "\nand commit them.");
        }
    }

    @Test
    void the_pages_give_the_regenerate_command_that_runs_this_test_alone() throws IOException {
        // GIVEN the command the failure above prints
        assertThat(REGENERATE).contains("-Dtest=DocsPicturesTest");
        // THEN the pages that tell how to regenerate the pictures give the same command, not the slow unfiltered one
        for (String page : List.of("02-the-heap.md", "README.md")) {
            assertThat(Files.readString(Docs.dir().resolve(page)).replaceAll("\\s+", " ")).as(page).contains(REGENERATE);
        }
    }

    @Test
    void every_picture_a_page_links_to_exists_and_every_picture_is_used() throws IOException {
        Pattern link = Pattern.compile("\\]\\((pictures/[\\w.-]+)\\)");
        List<String> linked = new ArrayList<>();
        try (Stream<Path> pages = Files.list(Docs.dir())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = link.matcher(Files.readString(page));
                while (m.find()) {
                    linked.add(m.group(1));
                    assertThat(Docs.dir().resolve(m.group(1))).as("linked from " + page.getFileName()).exists();
                }
            }
        }
        for (String name : DocsPictures.all().keySet()) {
            assertThat(linked).as("a page links to pictures/" + name).contains("pictures/" + name);
        }
    }

    @Test
    void every_step_of_the_step_through_names_the_function_that_made_it() {
        // GIVEN the step-through page's steps, drawn without a browser
        String page = DocsPictures.stepThrough(DeallocStrategy.TOO_EARLY);
        // THEN each alloc says which function asked, so the page shows whose block index 8 is
        assertThat(page).contains("alloc(20) -&gt; 8 in getYears", "alloc(20) -&gt; 8 in getCountdown",
                "getCountdown writes [8, 28): 5 4 3 2 1", "findHighestYear reads [8, 28): 5 4 3 2 1");
    }
}
