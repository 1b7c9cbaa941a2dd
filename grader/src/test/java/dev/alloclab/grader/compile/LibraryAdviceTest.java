package dev.alloclab.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LibraryAdviceTest {
    @Test
    void a_missing_package_of_another_library_gets_the_advice_once_right_after_its_first_error() {
        // GIVEN javac's errors for a file that imports commons-lang3 twice
        List<String> errors = List.of(
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:5: package org.apache.commons.lang3 does not exist",
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:6: package org.apache.commons.lang3 does not exist",
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:49: cannot find symbol");
        // WHEN the advice is added
        List<String> advised = LibraryAdvice.added(errors, Set.of());
        // THEN it follows the first error, and only it
        assertThat(advised).hasSize(4);
        assertThat(advised.get(1)).isEqualTo(LibraryAdvice.sentence("org.apache.commons.lang3"))
                .contains("does not read pom.xml", "Java 17", "JUnit 5, jqwik, AssertJ, alloclab's core");
    }

    @Test
    void packages_of_the_jdk_the_kit_and_the_starters_libraries_get_no_advice() {
        // GIVEN errors about packages the grader does have (a typo, a missing class of the student's)
        List<String> errors = List.of(
                "A.java:1: package java.utill does not exist",
                "A.java:2: package dev.alloclab.exercises.vec does not exist",
                "A.java:3: package org.junit.jupiter.paramz does not exist",
                "A.java:4: package net.jqwik.apix does not exist",
                "A.java:5: package org.assertj.core.apix does not exist");
        // WHEN / THEN nothing is added
        assertThat(LibraryAdvice.added(errors, Set.of())).isEqualTo(errors);
    }

    @Test
    void a_package_of_a_shared_file_the_grader_left_out_gets_no_advice_about_libraries() {
        // GIVEN an error about the package of a shared file that was left out (its own line says why)
        List<String> errors = List.of("V.java:3: package dev.mine.support does not exist");
        // WHEN / THEN nothing is added
        assertThat(LibraryAdvice.added(errors, Set.of("dev.mine.support"))).isEqualTo(errors);
    }
}
