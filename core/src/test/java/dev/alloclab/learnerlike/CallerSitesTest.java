package dev.alloclab.learnerlike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.vec.VecMetadata;
import org.junit.jupiter.api.Test;

/**
 * What {@code captureCallerSites(true)} names in a learner's program: the frame of the call, the frame that called
 * it (AddressSanitizer's {@code #1} line), and the kit helper that made the heap call. This class is a learner's
 * program, so it lives outside the kit's packages: frames of {@code dev.alloclab.core} are the kit's and never
 * named as a caller.
 */
class CallerSitesTest {
    private final CheckedHeap heap = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
            .captureCallerSites(true).build();

    private int sumOfTwo(int block) {
        return heap.readInt(block) + heap.readInt(block + 4);
    }

    private int allocate(int bytes) {
        return heap.alloc(bytes);
    }

    @Test
    void a_use_after_free_inside_a_helper_names_the_call_of_the_helper_that_made_it() {
        // GIVEN a helper called before and after a dealloc
        int a = allocate(20);
        int b = allocate(20);
        sumOfTwo(a);
        heap.dealloc(b);
        sumOfTwo(a);
        // WHEN it is called on the freed block
        String report = assertThrows(ViolationException.class, () -> sumOfTwo(b)).getMessage();
        // THEN the read names the helper's line and the caller's, as ASan's #0 and #1 lines do
        assertThat(report).containsPattern("read here +step \\d+ +CallerSitesTest\\.sumOfTwo \\(CallerSitesTest\\.java:\\d+\\), "
                + "called from CallerSitesTest\\.lambda\\$a_use_after_free_inside_a_helper_names_the_call_of_the_helper_that_made_it\\$0");
        assertThat(report).containsPattern("allocated by +alloc\\(20\\) +step 2 +CallerSitesTest\\.allocate "
                + "\\(CallerSitesTest\\.java:\\d+\\), called from CallerSitesTest\\.a_use_after_free");
    }

    @Test
    void leaks_made_through_one_helper_are_told_apart_by_their_callers() {
        // GIVEN three blocks allocated through one helper, on three lines
        allocate(12);
        allocate(20);
        allocate(40);
        // THEN the leak report lists three leaks, each with its own caller's line
        String leaks = heap.leakReport().render();
        assertThat(leaks.lines().filter(line -> line.contains("called from CallerSitesTest.leaks_made_through"))
                .map(line -> line.replaceAll(".*\\(CallerSitesTest\\.java:(\\d+)\\)$", "$1")).distinct().count())
                .as(leaks).isEqualTo(3);
    }

    @Test
    void a_stale_vec_index_after_a_growing_push_is_blamed_on_the_push_not_on_a_dealloc_to_move() {
        // GIVEN a full vec, its first element's index saved, and a push that makes it grow
        VecMetadata vec = VecMetadata.of(heap, 1, 2, 3, 4);
        int saved = vec.memoryIndexOfFirstElement();
        vec = vec.push(heap, 5);
        // WHEN the program reads through the saved index
        String report = assertThrows(ViolationException.class, () -> heap.readInt(saved)).getMessage();
        // THEN the history says the push freed the block, and the advice says to use what push returned
        assertThat(report).containsPattern("freed by +dealloc\\(8\\) +step \\d+ +CallerSitesTest\\.a_stale_vec_index\\w+ "
                + "\\(CallerSitesTest\\.java:\\d+\\) through VecMetadata\\.push");
        assertThat(report).contains("Use what VecMetadata.push returned").doesNotContain("Move dealloc");
        assertThat(vec.length()).isEqualTo(5);
    }

    @Test
    void a_free_of_the_old_index_after_realloc_moved_the_block_says_to_free_what_realloc_returned() {
        // GIVEN a block that realloc moved (a neighbour keeps it from growing in place)
        int old = heap.alloc(8);
        heap.alloc(8);
        int moved = heap.realloc(old, 64);
        // WHEN the program frees the old index
        String report = assertThrows(ViolationException.class, () -> heap.dealloc(old)).getMessage();
        // THEN the advice names the realloc, not a second dealloc to remove
        assertThat(moved).isNotEqualTo(old);
        assertThat(report.replaceAll("\\s+", " ")).startsWith("double-free")
                .contains("realloc(" + old + ", 64) moved the block at step 3", "dealloc the index realloc returned")
                .doesNotContain("remove the second dealloc");
        // AND a test method, which JUnit invoked, has no caller of the program's
        assertThat(report).doesNotContain("LauncherAdapter").containsPattern("freed by +realloc\\(8, 64\\) +step 3 "
                + "+CallerSitesTest\\.a_free_of_the_old_index\\w+ \\(CallerSitesTest\\.java:\\d+\\)\n");
    }
}
