package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.examples.DeallocStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the step-through page of the worked example in headless Chromium and steps through it with
 * the page's own buttons, then checks the visible step, its operation and its picture changed.
 */
class StepThroughBrowserTest {
    private static HeadlessChromium browser;
    private static String pageUrl;

    @BeforeAll
    static void open_a_browser_and_write_the_page(@TempDir Path dir) throws Exception {
        StringBuilder why = new StringBuilder();
        Optional<HeadlessChromium> found = HeadlessChromium.find(why);
        Assumptions.assumeTrue(found.isPresent(), () -> "SKIPPED: no headless browser for the step-through test: " + why);
        browser = found.get();
        Path page = dir.resolve("too-early.html");
        Files.writeString(page, DocsPictures.stepThrough(DeallocStrategy.TOO_EARLY));
        pageUrl = page.toUri().toString();
    }

    /** What the browser shows: the current step's number, the op line, and the visible section's SVG. */
    record Shown(int current, String op, int visibleSection, String picture) {
    }

    static Shown shown(String dom) {
        Matcher current = Pattern.compile("<body data-current=\"(\\d+)\"").matcher(dom);
        Matcher op = Pattern.compile("<p id=\"op\" class=\"op[^\"]*\">([^<]*)</p>").matcher(dom);
        Matcher visible = Pattern.compile("<section class=\"step[^\"]*\" id=\"step-(\\d+)\"[^>]*?(hidden[^>]*)?>(.*?)</section>",
                Pattern.DOTALL).matcher(dom);
        int visibleSection = -1;
        String picture = "";
        int sections = 0;
        while (visible.find()) {
            sections++;
            if (visible.group(2) == null) {
                assertThat(visibleSection).as("only one step is visible at a time").isEqualTo(-1);
                visibleSection = Integer.parseInt(visible.group(1));
                picture = visible.group(3);
            }
        }
        assertThat(sections).as("step sections in the page").isGreaterThan(3);
        assertThat(current.find()).as("the script ran and marked the current step on <body>").isTrue();
        assertThat(op.find()).as("the op line").isTrue();
        return new Shown(Integer.parseInt(current.group(1)), op.group(1), visibleSection, picture);
    }

    @Test
    void pressing_next_shows_the_next_step_with_a_different_picture() throws Exception {
        // GIVEN the page opened at step 2, where getYears has written the five years into its block at index 8
        Shown before = shown(browser.dumpDom(pageUrl + "#step=2"));
        assertThat(before.current()).isEqualTo(2);
        assertThat(before.visibleSection()).isEqualTo(2);
        assertThat(before.op()).isEqualTo("getYears writes [8, 28): 1995 2000 2005 2010 2015");
        // WHEN the next button is pressed
        Shown after = shown(browser.dumpDom(pageUrl + "#step=2&press=next"));
        // THEN step 3 is the only visible one: main's too-early dealloc(8), and the block at 8 is now drawn free
        assertThat(after.current()).isEqualTo(3);
        assertThat(after.visibleSection()).isEqualTo(3);
        assertThat(after.op()).isEqualTo("dealloc(8) in main (too early)");
        assertThat(after.picture()).isNotEqualTo(before.picture()).contains("index 8 (free)");
        assertThat(before.picture()).contains("class=\"live\"");
    }

    @Test
    void a_deep_link_opens_a_later_step_and_prev_goes_back_to_the_bad_read() throws Exception {
        // GIVEN step 7, then prev: step 6 is findHighestYear reading the countdown through years' stale index
        Shown back = shown(browser.dumpDom(pageUrl + "#step=7&press=prev"));
        assertThat(back.current()).isEqualTo(6);
        assertThat(back.visibleSection()).isEqualTo(6);
        assertThat(back.op()).isEqualTo("findHighestYear reads [8, 28): 5 4 3 2 1");
    }
}
