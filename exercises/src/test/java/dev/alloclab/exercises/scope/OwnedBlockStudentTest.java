package dev.alloclab.exercises.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.exercises.support.ProgramHeaps;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link OwnedBlock}. Add a test for each case you want to be sure of; the
 * grader measures how much of your class they cover. One to start from:
 */
class OwnedBlockStudentTest {
    @Test
    void a_new_owner_owns_its_block() {
        try (OwnedBlock block = OwnedBlock.allocate(ProgramHeaps.checked(), 8)) {
            assertThat(block.isOwner()).isTrue();
        }
    }
}
