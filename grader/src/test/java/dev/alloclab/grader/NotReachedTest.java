package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How the coverage feedback names what the student's tests never ran. */
class NotReachedTest {
    @Test
    void consecutive_lines_read_as_ranges_and_many_ranges_are_cut_short() {
        // GIVEN lines 41 to 44 and 47 never ran
        // WHEN they are named
        // THEN the run of four is one range
        assertThat(NotReached.ranges(new TreeSet<>(List.of(47, 41, 42, 43, 44)))).isEqualTo("41-44, 47");
        // AND past four ranges the rest is left to ./alloclab coverage
        assertThat(NotReached.ranges(new TreeSet<>(List.of(1, 3, 5, 7, 9)))).isEqualTo("1, 3, 5, 7, ...");
    }

    @Test
    void methods_are_named_as_the_student_wrote_them() {
        // GIVEN JaCoCo's names: internal class names, <init>, lambdas
        // WHEN they are shown to the student
        // THEN they read as in the source
        assertThat(NotReached.displayName("dev/alloclab/exercises/bump/BumpAllocator", "usableSize"))
                .isEqualTo("BumpAllocator.usableSize");
        assertThat(NotReached.displayName("dev/alloclab/exercises/vec/IntVec$Growth", "<init>"))
                .isEqualTo("the constructor of IntVec.Growth");
        assertThat(NotReached.enclosingMethod("lambda$regions$0")).isEqualTo("regions");
        assertThat(NotReached.enclosingMethod("lambda$new$2")).isEqualTo("<init>");
    }

    @Test
    void the_sentence_names_the_first_items_and_counts_the_rest() {
        // GIVEN eight things not reached
        List<String> items = List.of("A.a", "A.b", "A.c", "A.d", "A.e", "A.f", "A.g", "A.h lines 3-4");
        CoverageAnalysis analysis = new CoverageAnalysis(1, 10, 0, 2, items);
        // WHEN the feedback sentence is made
        String sentence = analysis.notReachedSentence();
        // THEN it names the first six and says how many more there are
        assertThat(sentence).isEqualTo("A.a; A.b; A.c; A.d; A.e; A.f; and 2 more");
    }
}
