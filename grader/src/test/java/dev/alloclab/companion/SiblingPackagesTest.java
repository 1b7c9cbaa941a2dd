package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one sentence for code that uses another exercise's package, from javac's "package ... does not exist". */
class SiblingPackagesTest {
    private static final String FILE = "src/main/java/dev/alloclab/exercises/segregated/SegregatedFitsAllocator.java";

    @Test
    void javacs_errors_at_each_use_of_another_exercises_package_become_one_sentence_at_the_first() {
        // GIVEN javac's errors for three uses of the implicit list's package, and an unrelated error
        List<String> errors = List.of(
                FILE + ":77: package dev.alloclab.exercises.implicitlist does not exist",
                FILE + ":78: package dev.alloclab.exercises.implicitlist does not exist",
                FILE + ":79: package dev.alloclab.exercises.implicitlist does not exist",
                FILE + ":90: ';' expected");
        // WHEN they are explained
        List<String> explained = SiblingPackages.explain(errors);
        // THEN one sentence at line 77, naming the rule and what to do, and the other error as it was
        assertThat(explained).containsExactly("SegregatedFitsAllocator.java:77 uses dev.alloclab.exercises.implicitlist, "
                + "another exercise's package: each exercise is compiled on its own, so copy what you need into this "
                + "exercise's package (or a helper outside the exercise packages)", FILE + ":90: ';' expected");
    }

    @Test
    void a_missing_package_that_is_no_exercise_keeps_javacs_message() {
        List<String> errors = List.of(FILE + ":3: package org.apache.commons.lang3 does not exist");
        assertThat(SiblingPackages.explain(errors)).isEqualTo(errors);
    }
}
