package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * {@code captureCallerSitesIn}: what a grader's hidden suite builds its heap with, so that a report names the
 * learner's lines and never the suite's, through whatever heap wraps the checked one.
 */
class CheckedHeapSitesInTest {
    /** Stands for the learner's code: the only class whose frames are sites. */
    static final class Learner {
        private final Heap heap;

        Learner(Heap heap) {
            this.heap = heap;
        }

        int make() {
            return heap.alloc(12);
        }

        void drop(int block) {
            heap.dealloc(block);
        }

        int peek(int block) {
            return heap.readInt(block);
        }
    }

    /** Stands for a grader's wrapper around the checked heap: its frames are never sites. */
    private static Heap wrapped(CheckedHeap checked) {
        return (Heap) Proxy.newProxyInstance(Heap.class.getClassLoader(), new Class<?>[] {Heap.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(checked, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void the_learner_s_frames_are_the_sites_and_the_suite_s_own_calls_get_the_label() {
        // GIVEN a checked heap, wrapped, whose sites are the Learner class's frames
        CheckedHeap checked = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))
                .captureCallerSitesIn(Learner.class.getName(), "the suite's own call").build();
        Learner learner = new Learner(wrapped(checked));
        // WHEN the learner allocates and frees a block, then reads it, and the suite itself reads it too
        int block = learner.make();
        learner.drop(block);
        String learnersRead = assertThatThrownBy(() -> learner.peek(block)).isInstanceOf(ViolationException.class)
                .actual().getMessage();
        Violation suitesRead = assertThrows(ViolationException.class,
                () -> wrapped(checked).readInt(block)).violation();
        // THEN the learner's report names its methods and file, the suite's read is labelled, and neither asks for
        // labels or captureCallerSites
        assertThat(learnersRead).contains("use-after-free").containsPattern("allocated by +alloc\\(12\\) +step 1 +"
                + "CheckedHeapSitesInTest\\$Learner\\.make \\(CheckedHeapSitesInTest\\.java:\\d+\\)")
                .containsPattern("freed by +dealloc\\(" + block + "\\) +step 2 +CheckedHeapSitesInTest\\$Learner\\.drop")
                .containsPattern("read here +step 3 +CheckedHeapSitesInTest\\$Learner\\.peek").doesNotContain("no site");
        assertThat(suitesRead.report()).containsPattern("read here +step 4 +the suite's own call")
                .doesNotContain("no site", "captureCallerSites");
    }

    @Test
    void a_blank_package_or_label_is_refused_with_a_sentence() {
        CheckedHeap.Builder builder = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(64)));
        assertThatThrownBy(() -> builder.captureCallerSitesIn(" ", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the package of the code under test");
    }
}
