package dev.alloclab.exercises.vec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.exercises.support.ProgramHeaps;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link IntVec}. Add a test for each case you want to be sure of; the grader
 * measures how much of your class they cover. One to start from:
 */
class IntVecStudentTest {
    @Test
    void a_pushed_value_can_be_read_back() {
        IntVec vec = new IntVec(ProgramHeaps.checked());
        vec.push(42);
        assertThat(vec.get(0)).isEqualTo(42);
    }
}
