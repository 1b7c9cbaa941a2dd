package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import dev.alloclab.testing.KitRoot;

class HintBookTest {
    @Test
    void hints_are_the_numbered_list_under_the_hints_line_and_continuations_join_their_item() {
        // GIVEN a page with a hints section whose second item wraps onto an indented line
        String page = "# X\n\nintro 1. not a hint\n\n**Hints.**\n1. first\n2. second,\n   continued\n\n"
                + "**Check yourself.**\n- question\n";
        // WHEN it is parsed
        // THEN there are two hints, the second one joined, and nothing of the next section
        assertThat(HintBook.parse(page)).containsExactly("first", "second, continued");
    }

    @Test
    void a_page_without_a_hints_section_has_no_hints() {
        assertThat(HintBook.parse("# X\n1. a numbered line elsewhere\n")).isEmpty();
    }

    @Test
    void every_exercise_page_of_the_kit_has_two_or_three_hints() {
        LearnerProject kit = LearnerProject.locate(KitRoot.path());
        for (Exercise exercise : Curriculum.exercises()) {
            assertThat(HintBook.of(kit, exercise)).as(exercise.docsPage()).hasSizeBetween(2, 3);
        }
    }

    @Test
    void a_missing_page_is_named_with_what_to_do() {
        LearnerProject elsewhere = new LearnerProject(Path.of("/nonexistent"), Path.of("/nonexistent"));
        assertThatThrownBy(() -> HintBook.of(elsewhere, Curriculum.named("bump"))).isInstanceOf(KitException.class)
                .hasMessageContaining("docs/exercises/bump.md").hasMessageContaining("restore docs/");
    }
}
