package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that only look right from outside (QA session 18, hostile 4 and 5): each kept every hidden point before
 * the hidden suites read their answers as checked values and the heap's own bytes. One submission carries all three,
 * graded once (each exercise runs on its own).
 */
class UnearnedHiddenPointsTest {
    private static final String EXERCISES = "src/main/java/dev/alloclab/exercises/";

    /** A buddy allocator that never merges, with a free list that "equals" anything and is "empty" when asked. */
    private static final String AGREEABLE_LIST = """
                /** A list that agrees with whatever it is compared with: empty when asked, one element when iterated. */
                @SuppressWarnings({"unchecked", "rawtypes"})
                private static final class Agreeable extends java.util.AbstractList<Integer> {
                    private static final Object YES = new Object() {
                        @Override public boolean equals(Object other) { return true; }
                        @Override public int hashCode() { return 0; }
                    };
                    @Override public Integer get(int i) { return (Integer) (Object) ((List) List.of(YES)).get(i); }
                    @Override public int size() { return 1; }
                    @Override public boolean isEmpty() { return true; }
                    @Override public java.util.Iterator<Integer> iterator() {
                        return (java.util.Iterator<Integer>) (java.util.Iterator<?>) List.of(YES).iterator();
                    }
                    @Override public boolean equals(Object other) { return true; }
                    @Override public int hashCode() { return 0; }
                }

                /** Arena offsets of the free blocks of {@code blockSize} bytes, lowest first. */
                public List<Integer> freeBlocksOfSize(int blockSize) {
                    return new Agreeable();
                }

                /** The real lists, unused. */
                public List<Integer> unusedFreeBlocksOfSize(int blockSize) {
            """;

    /** A vec whose elements live in a Java array: the heap only sees blocks of the right size come and go. */
    private static final String JAVA_ARRAY_VEC = """
            package dev.alloclab.exercises.vec;

            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.alloc.Heap;
            import dev.alloclab.core.vec.VecMetadata;
            import java.util.Arrays;

            public final class IntVec {
                private final Heap heap;
                private int[] elements = new int[0];
                private int length;
                private int block = Allocator.NULL;

                public IntVec(Heap heap) { this.heap = heap; }

                public VecMetadata metadata() { return new VecMetadata(block, length, elements.length); }
                public int length() { return length; }
                public int capacity() { return elements.length; }

                public void push(int value) {
                    if (length == elements.length) {
                        int capacity = Math.max(4, elements.length * 2);
                        int fresh = heap.alloc(capacity * 4);
                        if (block != Allocator.NULL) { heap.dealloc(block); }
                        block = fresh;
                        elements = Arrays.copyOf(elements, capacity);
                    }
                    elements[length++] = value;
                }
                public int get(int i) { check(i); return elements[i]; }
                public void set(int i, int value) { check(i); elements[i] = value; }
                public int pop() {
                    if (length == 0) { throw new IllegalStateException("pop() on an empty vec"); }
                    return elements[--length];
                }
                public void free() {
                    if (block != Allocator.NULL) { heap.dealloc(block); }
                    block = Allocator.NULL;
                    elements = new int[0];
                    length = 0;
                }
                private void check(int i) {
                    if (i < 0 || i >= length) { throw new IndexOutOfBoundsException("index " + i); }
                }
            }
            """;

    /** Reference counts and links in Java maps; the heap block is written once, by newNode, for the first test. */
    private static final String JAVA_MAP_COUNTS = """
            package dev.alloclab.exercises.refcount;

            import dev.alloclab.core.alloc.Allocator;
            import dev.alloclab.core.alloc.Heap;
            import java.util.HashMap;
            import java.util.Map;

            public final class RefCountedNodes {
                public static final int COUNT_OFFSET = 0;
                public static final int NEXT_OFFSET = 4;
                public static final int VALUE_OFFSET = 8;
                public static final int NODE_BYTES = 12;
                private final Heap heap;
                private final Map<Integer, Integer> counts = new HashMap<>();
                private final Map<Integer, Integer> nexts = new HashMap<>();

                public RefCountedNodes(Heap heap) { this.heap = heap; }

                public int newNode(int value) {
                    int node = heap.alloc(NODE_BYTES);
                    heap.writeInt(node + COUNT_OFFSET, 1);
                    heap.writeInt(node + NEXT_OFFSET, Allocator.NULL);
                    heap.writeInt(node + VALUE_OFFSET, value);
                    counts.put(node, 1);
                    nexts.put(node, Allocator.NULL);
                    return node;
                }
                public int count(int node) { return counts.get(node); }
                public int value(int node) { return heap.readInt(node + VALUE_OFFSET); }
                public int next(int node) { return nexts.get(node); }
                public void retain(int node) { counts.merge(node, 1, Integer::sum); }
                public void release(int node) {
                    int current = node;
                    while (current != Allocator.NULL) {
                        int remaining = Math.min(counts.get(current), heap.readInt(current + COUNT_OFFSET) == 0 ? 0 : 99) - 1;
                        if (remaining < 0) { throw new IllegalStateException("count below zero"); }
                        if (remaining > 0) { counts.put(current, remaining); return; }
                        int next = nexts.remove(current);
                        counts.remove(current);
                        heap.dealloc(current);
                        current = next;
                    }
                }
                public void setNext(int node, int next) {
                    if (next != Allocator.NULL) { retain(next); }
                    int old = nexts.put(node, next);
                    if (old != Allocator.NULL) { release(old); }
                }
            }
            """;

    @TempDir
    Path temp;

    @Test
    void answers_that_only_look_right_from_outside_lose_hidden_points_in_the_test_that_reads_them() {
        // GIVEN the solutions with a buddy whose free list agrees with everything (and which never merges), a vec
        // whose elements live in a Java array, and reference counts kept in Java maps
        Path submission = KitSubmissions.copyOfSolutions(temp, "unearned");
        KitSubmissions.patch(submission, "buddy/BuddyAllocator.java",
                "while (size < arenaBytes && freeBlocks", "while (false && size < arenaBytes && freeBlocks");
        KitSubmissions.patch(submission, "buddy/BuddyAllocator.java", """
                    /** Arena offsets of the free blocks of {@code blockSize} bytes, lowest first. */
                    public List<Integer> freeBlocksOfSize(int blockSize) {
                """, AGREEABLE_LIST);
        KitSubmissions.write(submission, EXERCISES + "vec/IntVec.java", JAVA_ARRAY_VEC);
        KitSubmissions.write(submission, EXERCISES + "refcount/RefCountedNodes.java", JAVA_MAP_COUNTS);
        // WHEN the three exercises are graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "buddy", "vec", "refcount"));
        // THEN each loses hidden points, in the tests that read copied values and the heap's bytes
        assertLostHiddenPoints(report, "buddy", "the_first_alloc_splits_the_arena_down_to_its_size",
                "freeBlocksOfSize(16) listed an object of class");
        assertLostHiddenPoints(report, "vec", "the_elements_are_the_heap_ints_of_the_block_the_metadata_names",
                "the heap int at first + 4 * 0 (index 0) after pushing 7");
        assertLostHiddenPoints(report, "refcount", "the_last_release_frees_and_not_before",
                "(the count) after newNode and two retain(n)");
    }

    private static void assertLostHiddenPoints(GradeReport report, String exercise, String test, String message) {
        PartGrade hidden = part(grade(report, exercise), "hidden");
        assertThat(hidden.score()).as("hidden points of %s (%s)", exercise, hidden.details())
                .isLessThan(hidden.maxScore());
        assertThat(hidden.details()).as("the hidden part's failures in %s", exercise)
                .anyMatch(line -> line.contains(test) && line.contains(message));
    }
}
