package dev.alloclab.exercises.buddy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link BuddyAllocator}. Add a test for each case you want to be sure of; the
 * grader measures how much of your class they cover. One to start from:
 */
class BuddyAllocatorStudentTest {
    @Test
    void the_buddy_of_the_buddy_is_the_block_itself() {
        assertThat(BuddyAllocator.buddyOf(BuddyAllocator.buddyOf(48, 16), 16)).isEqualTo(48);
    }
}
