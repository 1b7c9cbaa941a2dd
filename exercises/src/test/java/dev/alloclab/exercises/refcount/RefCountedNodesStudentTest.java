package dev.alloclab.exercises.refcount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.exercises.support.ProgramHeaps;
import org.junit.jupiter.api.Test;

/**
 * Your own tests of {@link RefCountedNodes}. Add a test for each case you want to be sure of;
 * the grader measures how much of your class they cover. One to start from:
 */
class RefCountedNodesStudentTest {
    @Test
    void retain_adds_one() {
        RefCountedNodes nodes = new RefCountedNodes(ProgramHeaps.checked());
        int node = nodes.newNode(5);
        nodes.retain(node);
        assertThat(nodes.count(node)).isEqualTo(2);
    }
}
