package dev.alloclab.core.course;

import java.util.List;
import java.util.Optional;

/**
 * The exercises of the kit, in the order a learner does them. Each builds on the one before: from
 * bytes on a stack to allocators over {@code heap_bytes}, then to programs that must free at the
 * right moment.
 *
 * <p>Stable API. Adding an exercise here without its stub package in {@code exercises}, its
 * solution package in {@code solutions} and its page under {@code docs/exercises/} breaks the
 * build (see the exercises module's {@code CurriculumLayoutTest}).
 */
public final class Curriculum {
    private static final List<Exercise> EXERCISES = List.of(
            new Exercise("stack-frames", "stackframes", "Stack frames on a byte array", 1),
            new Exercise("bump", "bump", "Bump allocator: dealloc at the end", 2),
            new Exercise("implicit-list", "implicitlist", "Implicit free list with boundary tags", 3),
            new Exercise("explicit-list", "explicitlist", "Explicit free list: fit policies and coalescing", 4),
            new Exercise("segregated-fits", "segregated", "Segregated fits: the performance allocator", 5),
            new Exercise("buddy", "buddy", "Buddy allocator", 6),
            new Exercise("vec", "vec", "A heap-backed growable vec", 7),
            new Exercise("scope", "scope", "Scope-based deallocation and moves", 8),
            new Exercise("refcount", "refcount", "Reference counting", 9));

    private Curriculum() {
    }

    /** Every exercise, in learning order. */
    public static List<Exercise> exercises() {
        return EXERCISES;
    }

    /** The exercise with this id. */
    public static Optional<Exercise> byId(String id) {
        return EXERCISES.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The exercise with this id or package name ({@code implicit-list} or {@code implicitlist}: a student sees both,
     * one in the docs, the other in the source folders), or a {@link UnknownExerciseException} whose message lists
     * the ids and package names there are.
     */
    public static Exercise named(String id) {
        return byId(id).or(() -> EXERCISES.stream().filter(e -> e.packageName().equals(id)).findFirst())
                .orElseThrow(() -> new UnknownExerciseException(id, EXERCISES));
    }

    /** The exercise a class (fully qualified name) belongs to, if any. */
    public static Optional<Exercise> owning(String className) {
        return EXERCISES.stream().filter(e -> e.owns(className)).findFirst();
    }
}
