package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grader's teeth: each entry copies the solutions, plants one classic mistake in one file, and
 * grades the copy. The planted exercise must lose points; a canary exercise graded in the same run
 * must keep all of its points (the failure stays where it happened).
 */
class BugCollectionTest {
    @TempDir
    Path temp;

    static Stream<Arguments> bugs() {
        return Stream.of(
                bug("frame not rounded to 8 bytes", "stack-frames", "stackframes/FrameStack.java",
                        "long frameBytes = Checks.alignUp(localsBytes, FRAME_ALIGNMENT);", "long frameBytes = localsBytes;"),
                bug("off-by-one stack overflow check", "stack-frames", "stackframes/FrameStack.java",
                        "stackLength + frameBytes > bytes.length", "stackLength + frameBytes >= bytes.length"),
                bug("misaligned payload", "bump", "bump/BumpAllocator.java",
                        "Checks.alignUp((long) HEADER_BYTES + size, ALIGNMENT)", "((long) HEADER_BYTES + size)"),
                bug("int overflow in the block size (a huge request throws instead of NULL)", "bump",
                        "bump/BumpAllocator.java",
                        "        long blockSize = Checks.alignUp((long) HEADER_BYTES + size, ALIGNMENT);\n"
                                + "        long end = top + blockSize;",
                        "        int blockSize = (HEADER_BYTES + size + 7) / 8 * 8;\n        int end = top + blockSize;"),
                bug("no guard for a size near Integer.MAX_VALUE", "implicit-list",
                        "implicitlist/ImplicitFreeListAllocator.java",
                        "if (size == 0 || size > Integer.MAX_VALUE - 2 * ALIGNMENT) {", "if (size == 0) {"),
                bug("off-by-one in splitting", "implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "available - needed >= MIN_BLOCK", "available - needed > MIN_BLOCK"),
                bug("no coalescing with the right neighbour", "implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "if (next < heap.size() && !isAllocated(heap.readInt(next))) {",
                        "if (false && next < heap.size() && !isAllocated(heap.readInt(next))) {"),
                bug("coalescing that loses the left block", "implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "                size += blockSize(leftFooter);\n", ""),
                bug("footer overwrites the next header", "implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "heap.writeInt(block + blockSize - TAG_BYTES, tag);", "heap.writeInt(block + blockSize, tag);"),
                // (never growing in place is allowed: the page leaves the layout and the realloc policy to the student)
                bug("realloc grows into its free right neighbour but leaves it on its free list", "segregated-fits",
                        "segregated/SegregatedFitsAllocator.java",
                        "            if (nextFree) {\n                unlink(next);\n            }\n            writeTags(block, available, true);",
                        "            writeTags(block, available, true);"),
                bug("wrong buddy index", "buddy", "buddy/BuddyAllocator.java",
                        "return offset ^ blockSize;", "return offset + blockSize;"),
                bug("use-after-free in the vec (dealloc before copy)", "vec", "vec/IntVec.java",
                        "            heap.copy(old, moved, metadata.length() * VecMetadata.ELEMENT_BYTES);\n            heap.dealloc(old);",
                        "            heap.dealloc(old);\n            heap.copy(old, moved, metadata.length() * VecMetadata.ELEMENT_BYTES);"),
                bug("leak when the vec grows", "vec", "vec/IntVec.java",
                        "            heap.dealloc(old);\n", ""),
                bug("the vec ignores a NULL from alloc (the heap is full)", "vec", "vec/IntVec.java",
                        "if (moved == Allocator.NULL) {", "if (false && moved == Allocator.NULL) {"),
                bug("double free on a second close", "scope", "scope/OwnedBlock.java",
                        "        if (!owns) {\n            return;\n        }\n        owns = false;\n        heap.dealloc(index);\n",
                        "        owns = false;\n        heap.dealloc(index);"),
                bug("explicit list: split remainder dropped from the free list", "explicit-list",
                        "explicitlist/ExplicitFreeListAllocator.java",
                        "            link(previous, rest);", "            link(previous, after);"),
                bug("refcount underflow", "refcount", "refcount/RefCountedNodes.java",
                        "if (remaining < 0) {", "if (remaining < -1) {"),
                // the bugs below come from the QA teeth passes of session 22: 181 single mistakes
                // planted in the solutions, of which these kept every hidden point until the suites asked for them
                bug("frame rounded in int (a huge frame wraps to a negative size that fits)", "stack-frames",
                        "stackframes/FrameStack.java", "long frameBytes = Checks.alignUp(localsBytes, FRAME_ALIGNMENT);",
                        "int frameBytes = (localsBytes + 7) / 8 * 8;"),
                bug("the heap grows by the whole block, not the bytes missing", "bump", "bump/BumpAllocator.java",
                        "if (missing > Integer.MAX_VALUE || heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {",
                        "if (blockSize > Integer.MAX_VALUE || heap.sbrk((int) blockSize) == HeapBytes.NO_MEMORY) {"),
                bug("dealloc(NULL) not handled", "implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "    public void dealloc(int index) {\n        if (index == NULL) {\n            return;\n        }\n",
                        "    public void dealloc(int index) {\n"),
                bug("explicit list: a heap that cannot grow is searched again instead of answering NULL", "explicit-list",
                        "explicitlist/ExplicitFreeListAllocator.java",
                        "            if (!grow((int) needed)) {\n                return NULL;\n            }\n",
                        "            grow((int) needed);\n"),
                bug("realloc copies the new size, not the old payload (memcpy(new, old, size))", "segregated-fits",
                        "segregated/SegregatedFitsAllocator.java",
                        "heap.copy(index, moved, Math.min(current - 2 * TAG_BYTES, size));", "heap.copy(index, moved, size);"),
                bug("alloc(0) hands out a block", "buddy", "buddy/BuddyAllocator.java",
                        "if (size == 0 || (long) size + HEADER_BYTES > arenaBytes) {",
                        "if ((long) size + HEADER_BYTES > arenaBytes) {"),
                bug("set checks its index against the length off by one", "vec", "vec/IntVec.java",
                        "        heap.writeInt(indexOf(i), value);\n",
                        "        if (i < 0 || i > metadata.length()) {\n            throw new IndexOutOfBoundsException(\"element \" + i);\n"
                                + "        }\n        heap.writeInt(metadata.memoryIndexOfFirstElement() + i * VecMetadata.ELEMENT_BYTES, value);\n"),
                bug("dealloc forgets where the arena starts (right only when it starts at heap index 0)", "buddy",
                        "buddy/BuddyAllocator.java", "int offset = index - HEADER_BYTES - base;",
                        "int offset = index - HEADER_BYTES;"),
                bug("popping to empty gives the block back while the metadata keeps it", "vec", "vec/IntVec.java",
                        "metadata.length() - 1, metadata.capacity());\n        return last;",
                        "metadata.length() - 1, metadata.capacity());\n        if (metadata.length() == 0) {\n"
                                + "            heap.dealloc(metadata.memoryIndexOfFirstElement());\n        }\n        return last;"),
                bug("freeing a node does not release a next that others still hold", "refcount",
                        "refcount/RefCountedNodes.java",
                        "            if (remaining > 0) {\n                heap.writeInt(current + COUNT_OFFSET, remaining);\n",
                        "            if (remaining > 0) {\n                if (current == node) {\n"
                                + "                    heap.writeInt(current + COUNT_OFFSET, remaining);\n                }\n"),
                bug("setNext releases the old target before retaining the new one", "refcount", "refcount/RefCountedNodes.java",
                        "        if (next != Allocator.NULL) {\n            retain(next);\n        }\n        int old = next(node);\n"
                                + "        heap.writeInt(node + NEXT_OFFSET, next);\n        if (old != Allocator.NULL) {\n"
                                + "            release(old);\n        }\n",
                        "        int old = next(node);\n        if (old != Allocator.NULL) {\n            release(old);\n        }\n"
                                + "        if (next != Allocator.NULL) {\n            retain(next);\n        }\n"
                                + "        heap.writeInt(node + NEXT_OFFSET, next);\n"));

    }

    private static Arguments bug(String name, String exercise, String file, String old, String replacement) {
        return Arguments.of(name, exercise, file, old, replacement);
    }

    @ParameterizedTest(name = "{0} loses points in {1} only")
    @MethodSource("bugs")
    void every_planted_bug_loses_points_in_its_exercise_and_only_there(String name, String exercise, String file,
            String old, String replacement) {
        // GIVEN the solutions with one classic mistake planted
        Path submission = KitSubmissions.copyOfSolutions(temp, "buggy");
        KitSubmissions.patch(submission, file, old, replacement);
        String canary = exercise.equals("stack-frames") ? "bump" : "stack-frames";
        // WHEN the grader grades the planted exercise and a canary
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, exercise, canary));
        // THEN the planted exercise lost hidden points, the canary kept every hidden point
        ExerciseGrade planted = grade(report, exercise);
        ExerciseGrade untouched = grade(report, canary);
        assertThat(part(planted, "hidden").score()).as("%s: hidden points of %s (feedback %s)", name, exercise,
                planted.feedback()).isLessThan(part(planted, "hidden").maxScore());
        assertThat(part(untouched, "hidden").score()).as("hidden points of the canary %s", canary)
                .isEqualTo(part(untouched, "hidden").maxScore());
    }

    static Stream<Arguments> hugeRequestBugs() {
        return Stream.of(
                // the learner's usual version: block size and end in long (the hint), the sbrk increment cast unchecked
                Arguments.of("bump", "bump/BumpAllocator.java",
                        "if (missing > Integer.MAX_VALUE || heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {",
                        "if (heap.sbrk((int) missing) == HeapBytes.NO_MEMORY) {",
                        List.of("increment passed to sbrk", "in long", "before casting anything to int")),
                // blockSizeFor(int) returns int in the stub: the only fix the student has is refusing the size first
                Arguments.of("implicit-list", "implicitlist/ImplicitFreeListAllocator.java",
                        "if (size == 0 || size > Integer.MAX_VALUE - 2 * ALIGNMENT) {", "if (size == 0) {",
                        List.of("Your blockSizeFor(int) returns an int",
                                "return NULL for any size above Integer.MAX_VALUE - 16 before you call blockSizeFor")));
    }

    @ParameterizedTest(name = "a huge request's feedback in {0} names a fix the student can make")
    @MethodSource("hugeRequestBugs")
    void the_feedback_on_a_huge_request_names_the_wrap_the_student_actually_wrote(String exercise, String file,
            String old, String replacement, List<String> advice) {
        // GIVEN the solutions without the check that keeps alloc(Integer.MAX_VALUE) from wrapping
        Path submission = KitSubmissions.copyOfSolutions(temp, "huge");
        KitSubmissions.patch(submission, file, old, replacement);
        // WHEN that exercise is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, exercise));
        // THEN the hidden test's message says where the int wrapped and what to check, in words that fit the stub
        String failures = String.join("\n", part(grade(report, exercise), "hidden").details());
        assertThat(failures).as("the hidden part's failed tests in %s", exercise).contains(advice);
    }

    static ExerciseGrade grade(GradeReport report, String id) {
        return report.exercises().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    static PartGrade part(ExerciseGrade grade, String name) {
        return grade.parts().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
