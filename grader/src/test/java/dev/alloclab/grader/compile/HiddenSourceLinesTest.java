package dev.alloclab.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The net under the feedback: a place in a hidden suite's file never reaches a student; their own places do. */
class HiddenSourceLinesTest {
    @Test
    void a_suites_class_method_file_and_line_become_the_graders_test_code() {
        assertThat(HiddenSuites.withoutSourceLines("dealloc(block #0) threw X. The allocator's code was at "
                + "ImplicitListHiddenTest$WalkedAfterEveryCall.dealloc (ImplicitListHiddenTest.java:281)."))
                .isEqualTo("dealloc(block #0) threw X. The allocator's code was at the grader's test code.");
        assertThat(HiddenSuites.withoutSourceLines("in a helper (Workout.java:40), then (TrackingHeap.java:7)"))
                .as("shared helpers, bare places").isEqualTo("in a helper the grader's test code, then the grader's test code");
    }

    @Test
    void the_students_own_places_and_test_names_stay() {
        String own = "failed at ImplicitFreeListAllocator.writeTags (ImplicitFreeListAllocator.java:123); test "
                + "ImplicitListHiddenTest > random_workout";
        assertThat(HiddenSuites.withoutSourceLines(own)).isEqualTo(own);
        assertThat(HiddenSuites.withoutSourceLines(null)).isNull();
    }
}
