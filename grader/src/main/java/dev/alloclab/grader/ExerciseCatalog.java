package dev.alloclab.grader;

import java.util.List;
import java.util.Optional;

/**
 * The exercises the grader knows, in course order: id (as students and rubrics name it) and the
 * Java package under {@code dev.alloclab.exercises} that holds it in a submission.
 *
 * <p>INTERNAL. This mirrors the curriculum's catalogue so that the grader can name exercises even
 * when a submission lacks some of them.
 */
public final class ExerciseCatalog {
    /** One exercise: its id and its package's last segment. */
    public record Entry(String id, String pkg) {
        /** The full package name, e.g. {@code dev.alloclab.exercises.bump}. */
        public String packageName() {
            return ROOT_PACKAGE + "." + pkg;
        }

        /** The package as a relative folder, e.g. {@code dev/alloclab/exercises/bump}. */
        public String folder() {
            return packageName().replace('.', '/');
        }
    }

    /** The package every exercise package lives under. */
    public static final String ROOT_PACKAGE = "dev.alloclab.exercises";

    private static final List<Entry> ALL = List.of(
            new Entry("stack-frames", "stackframes"),
            new Entry("bump", "bump"),
            new Entry("implicit-list", "implicitlist"),
            new Entry("explicit-list", "explicitlist"),
            new Entry("segregated-fits", "segregated"),
            new Entry("buddy", "buddy"),
            new Entry("vec", "vec"),
            new Entry("scope", "scope"),
            new Entry("refcount", "refcount"));

    private ExerciseCatalog() {
    }

    /** Every exercise in course order. */
    public static List<Entry> all() {
        return ALL;
    }

    /** The exercise with this id, if there is one. */
    public static Optional<Entry> byId(String id) {
        return ALL.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The exercise whose package segment is {@code pkg}, if there is one. */
    public static Optional<Entry> byPackage(String pkg) {
        return ALL.stream().filter(e -> e.pkg().equals(pkg)).findFirst();
    }

    /** The ids, comma separated, for messages that list what is allowed. */
    public static String idList() {
        return String.join(", ", ALL.stream().map(Entry::id).toList());
    }
}
