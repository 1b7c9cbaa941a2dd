package dev.alloclab.core.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.alloc.HeapRegion.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlStepThroughTest {
    static HtmlStepThrough threeSteps() {
        return HtmlStepThrough.titled("three steps")
                .step("alloc(20) -> 0", List.of(new HeapRegion(0, 24, Kind.LIVE)), null)
                .step("dealloc(0)", List.of(new HeapRegion(0, 24, Kind.QUARANTINED)), null)
                .add(new HtmlStepThrough.Step("dealloc(0)", List.of(new HeapRegion(0, 24, Kind.QUARANTINED)),
                        Optional.of("double-free: <dealloc(0)> twice"), Optional.of(0)));
    }

    @Test
    void the_page_holds_one_section_per_step_and_only_the_first_is_visible() {
        // GIVEN three steps WHEN rendered
        String html = threeSteps().render();
        // THEN there are three sections, the later ones hidden until the script shows them
        Matcher sections = Pattern.compile("<section class=\"step[^\"]*\" id=\"step-(\\d)\"[^>]*>").matcher(html);
        int count = 0;
        while (sections.find()) {
            count++;
            assertThat(sections.group().contains(" hidden")).isEqualTo(count > 1);
        }
        assertThat(count).isEqualTo(3);
        assertThat(html).contains("max=\"3\"").contains("step 1 of 3");
    }

    @Test
    void the_author_s_words_are_shown_escaped_under_the_title_and_with_their_step() {
        // GIVEN a page about a program, whose second step has its trace comment
        HtmlStepThrough page = HtmlStepThrough.titled("commented").about("a <small> program").about(" ")
                .step("alloc(20) -> 0", List.of(new HeapRegion(0, 24, Kind.LIVE)), null);
        page.add(new HtmlStepThrough.Step("dealloc(0)", List.of(new HeapRegion(0, 24, Kind.FREE)), Optional.empty(),
                Optional.empty()).commented("freed too early & <b>read</b> later"));
        String html = page.render();
        // THEN the introduction is one paragraph, and the comment sits in step 2's section only, escaped
        assertThat(html).containsOnlyOnce("<p class=\"about\">a &lt;small&gt; program</p>");
        int second = html.indexOf("id=\"step-2\"");
        assertThat(html.indexOf("<p class=\"comment\"># freed too early &amp; &lt;b&gt;read&lt;/b&gt; later</p>"))
                .isGreaterThan(second);
        assertThat(html).containsOnlyOnce("class=\"comment\"");
    }

    @Test
    void a_violation_is_shown_escaped_and_marks_its_step() {
        String html = threeSteps().render();
        assertThat(html).contains("<section class=\"step bad\" id=\"step-3\"")
                .contains("<pre class=\"violation\">double-free: &lt;dealloc(0)&gt; twice</pre>")
                .contains("index 0 (quarantined)");
    }

    @Test
    void the_page_needs_no_network() {
        String html = threeSteps().render();
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link")
                .doesNotContain("@import");
    }

    @Test
    void it_writes_a_file_and_refuses_an_empty_replay(@TempDir Path dir) throws Exception {
        Path file = threeSteps().writeTo(dir.resolve("sub/out.html"));
        assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>");
        assertThat(threeSteps().steps()).hasSize(3);
        assertThatThrownBy(() -> HtmlStepThrough.titled(" ").render()).hasMessageContaining("at least one step");
        assertThatThrownBy(() -> HtmlStepThrough.titled("x").step(" ", List.of(), null))
                .hasMessageContaining("operation");
        assertThatThrownBy(() -> threeSteps().writeTo(file.resolve("not-a-dir.html")))
                .hasMessageContaining("could not write")
                .hasMessageContaining("'" + file + "' is a file, not a folder");
    }

    @Test
    void a_folder_or_an_empty_name_is_refused_with_a_file_name_to_pass(@TempDir Path dir) {
        // GIVEN --html naming a folder, or nothing at all
        // WHEN the page is written THEN the message says it is a folder and suggests a file in it
        assertThatThrownBy(() -> threeSteps().writeTo(dir)).isInstanceOf(KitException.class)
                .hasMessage("could not write the step-through page to '" + dir + "': it is a folder. Pass a file name, "
                        + "for example " + dir.resolve("steps.html") + ".");
        assertThatThrownBy(() -> threeSteps().writeTo(Path.of(""))).isInstanceOf(KitException.class)
                .hasMessageContaining("to '.': it is a folder").hasMessageEndingWith("for example steps.html.");
    }
}
