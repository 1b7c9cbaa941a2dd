package dev.alloclab.core.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurriculumTest {
    @Test
    void the_exercises_come_in_learning_order_with_unique_ids_and_packages() {
        List<Exercise> exercises = Curriculum.exercises();
        assertThat(exercises).extracting(Exercise::id).containsExactly("stack-frames", "bump", "implicit-list",
                "explicit-list", "segregated-fits", "buddy", "vec", "scope", "refcount");
        for (int i = 0; i < exercises.size(); i++) {
            assertThat(exercises.get(i).order()).isEqualTo(i + 1);
        }
        assertThat(exercises).extracting(Exercise::packageName).doesNotHaveDuplicates();
    }

    @Test
    void an_exercise_knows_its_package_and_docs_page_and_which_classes_are_its_own() {
        Exercise implicit = Curriculum.named("implicit-list");
        assertThat(implicit.javaPackage()).isEqualTo("dev.alloclab.exercises.implicitlist");
        assertThat(implicit.docsPage()).isEqualTo("docs/exercises/implicit-list.md");
        assertThat(implicit.owns("dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocatorTest")).isTrue();
        assertThat(implicit.owns("dev.alloclab.exercises.implicitlistx.Other")).isFalse();
        assertThat(implicit.owns(null)).isFalse();
        assertThat(Curriculum.owning("dev.alloclab.exercises.bump.BumpAllocatorTest")).map(Exercise::id).hasValue("bump");
        assertThat(Curriculum.owning("dev.alloclab.exercises.support.ProgressListener")).isEmpty();
    }

    @Test
    void an_unknown_id_is_answered_with_the_ids_there_are() {
        assertThat(Curriculum.byId("malloc")).isEmpty();
        assertThatThrownBy(() -> Curriculum.named("malloc")).isInstanceOf(KitException.class)
                .hasMessageStartingWith("there is no exercise 'malloc'")
                .hasMessageContaining("stack-frames (stackframes), bump, implicit-list (implicitlist)")
                .hasMessageNotContaining("alloclab list");
    }

    @Test
    void an_exercise_is_found_by_its_package_name_too() {
        assertThat(Curriculum.named("implicitlist").id()).isEqualTo("implicit-list");
        assertThat(Curriculum.named("segregated").id()).isEqualTo("segregated-fits");
    }

    @Test
    void ids_and_packages_must_be_well_formed() {
        assertThatThrownBy(() -> new Exercise("Implicit_List", "implicitlist", "t", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> new Exercise("implicit-list", "implicit.list", "t", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one lower-case Java identifier");
        assertThatThrownBy(() -> new Exercise("a", "a", "t", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
