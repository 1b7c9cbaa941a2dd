package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many classmates were graded beside a grading: those running when it started, and those started during it. */
class GradingOverlapTest {

    @Test
    void a_grading_counts_every_other_grading_that_ran_at_some_moment_beside_it() {
        GradingOverlap overlap = new GradingOverlap();
        // GIVEN a starts alone, b starts beside it, a ends, c starts beside b only
        GradingOverlap.Grading a = overlap.start();
        GradingOverlap.Grading b = overlap.start();
        int besideA = overlap.end(a);
        GradingOverlap.Grading c = overlap.start();
        int besideB = overlap.end(b);
        int besideC = overlap.end(c);
        // THEN a saw b, b saw a and c, c saw b
        assertThat(besideA).isEqualTo(1);
        assertThat(besideB).isEqualTo(2);
        assertThat(besideC).isEqualTo(1);
        // AND a grading after all of them ran alone
        assertThat(overlap.end(overlap.start())).isZero();
    }
}
