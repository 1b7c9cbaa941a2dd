package dev.alloclab.companion;

import dev.alloclab.companion.review.CodeReview;
import dev.alloclab.companion.review.ReviewFlag;
import dev.alloclab.core.course.Exercise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A submission's main code outside the exercise packages (a helper in {@code dev/alloclab/support/}, say), and the
 * rule that says which exercises it belongs to: <b>a shared class belongs to the exercises whose main classes reach
 * it</b>, directly or through other shared classes.
 *
 * <p>Why a rule is needed: every exercise is compiled and run with all of the shared code, and before this rule the
 * grader treated it as belonging to none and to all at once. To none for coverage: an exercise whose code was moved
 * into a shared class and forwarded to had only the forwarder measured, and an assertion-free test covered 100% of
 * it. To all for the review: an unused test helper under {@code src/main/java} that calls {@code ReferenceAllocator}
 * withheld the points of all nine exercises. With the rule, an exercise's coverage is measured over its own classes
 * and the shared classes it reaches, and a call to the kit's answer in a shared class costs only the exercises that
 * reach it; one no exercise reaches costs nothing and gets a {@link #unusedNote note}.
 *
 * <p>"Reach" is read from the class files, with the review's own walk ({@link CodeReview#firstUses}): a call, a
 * {@code new}, a field access, a cast, a class literal, a method reference or a supertype that names the class. A
 * class reached only by a name built at run time is not reached, but that takes reflection or code loading, which
 * the review flags where it happens.
 *
 * <p>The other flags (reflection, code loading, ...) are not about whose answer the code is but about what it can
 * do to the measurement, and test code can load a class without naming it in its code (a JUnit extension listed in
 * {@code src/test/resources}): in the exercises that do not reach the class from their main code, they count as
 * the tests' flags do (coverage withheld), as they did before.
 *
 * <p>INTERNAL.
 */
public final class SharedMainCode {
    private final Map<String, byte[]> classes;
    /** Each shared class, to the shared classes its own code names (itself excluded). */
    private final Map<String, Set<String>> uses = new LinkedHashMap<>();
    /** Each shared class, to what the review flags in it as main code ({@link CodeReview#scanMain}). */
    private final Map<String, List<ReviewFlag>> flags = new LinkedHashMap<>();

    private SharedMainCode(Map<String, byte[]> classes) {
        this.classes = new LinkedHashMap<>(classes);
    }

    /**
     * The shared main classes {@code classes} (internal name to bytes, as {@link ClassFiles#under} reads them), each
     * reviewed on its own as main code.
     *
     * @param ownClasses     every class compiled from the submission, as {@link CodeReview#scanMain} takes them
     * @param trustedSources the starter's unchanged files, as {@link CodeReview#scanMain} takes them
     */
    public static SharedMainCode of(Map<String, byte[]> classes, Set<String> ownClasses, Set<String> trustedSources) {
        SharedMainCode shared = new SharedMainCode(classes);
        shared.classes.forEach((name, bytes) -> {
            Set<String> named = shared.named(List.of(bytes));
            named.remove(name);
            shared.uses.put(name, named);
            shared.flags.put(name, CodeReview.scanMain(List.of(bytes), ownClasses, trustedSources));
        });
        return shared;
    }

    /**
     * One exercise's compiled main code, as {@code check} and {@code coverage} compile it (the exercise's package and
     * every shared class), split by owner.
     *
     * @param exercise the classes under the exercise's package folder, by internal name
     * @param shared   the others (package and module descriptors left out), by internal name
     */
    public record Split(Map<String, byte[]> exercise, Map<String, byte[]> shared) {
        /** Splits {@code mainClasses} (internal name to bytes, as {@link ClassFiles#under} reads them). */
        public static Split of(Map<String, byte[]> mainClasses, Exercise exercise) {
            String folder = exercise.javaPackage().replace('.', '/') + "/";
            Map<String, byte[]> own = new LinkedHashMap<>();
            Map<String, byte[]> shared = new LinkedHashMap<>();
            mainClasses.forEach((name, bytes) -> {
                if (name.startsWith(folder)) {
                    own.put(name, bytes);
                } else if (!name.endsWith("package-info") && !name.endsWith("module-info")) {
                    shared.put(name, bytes);
                }
            });
            return new Split(own, shared);
        }
    }

    /**
     * The shared classes that {@code classFiles} (an exercise's main classes) reach, directly or through other
     * shared classes: internal names, in name order.
     */
    public Set<String> reachedBy(Collection<byte[]> classFiles) {
        Set<String> reached = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(named(classFiles));
        while (!next.isEmpty()) {
            String name = next.pop();
            if (reached.add(name)) {
                next.addAll(uses.getOrDefault(name, Set.of()));
            }
        }
        return reached;
    }

    /**
     * What the review flags in the shared code for an exercise whose main classes reach {@code reached}: every flag
     * of those classes, as the exercise's own main code's.
     */
    public List<ReviewFlag> mainFlags(Set<String> reached) {
        List<ReviewFlag> found = new ArrayList<>();
        flags.forEach((name, list) -> {
            if (reached.contains(name)) {
                found.addAll(list);
            }
        });
        return found;
    }

    /**
     * What the review flags in the shared code that an exercise's main classes do not reach ({@code reached} is what
     * they do), to count as its tests' flags: every flag but the calls to the kit's answer (tests may use the kit's
     * allocators as an oracle; an answer may not delegate to them, and this code is no part of this answer).
     */
    public List<ReviewFlag> testFlags(Set<String> reached) {
        List<ReviewFlag> found = new ArrayList<>();
        flags.forEach((name, list) -> {
            if (!reached.contains(name)) {
                list.stream().filter(f -> f.kind() != ReviewFlag.Kind.KIT_ANSWER).forEach(found::add);
            }
        });
        return found;
    }

    /**
     * One note for each shared class that calls the kit's answer and that no exercise's main code reaches
     * ({@code reachedByAny}: the union of what each exercise checked or graded reaches): it costs nothing, and the
     * note says where it belongs. Empty when there is none.
     */
    public List<String> unusedNotes(Set<String> reachedByAny) {
        return unusedNotes(reachedByAny, null);
    }

    /**
     * As {@link #unusedNotes(Set)}, for {@code alloclab check}, which sees one exercise: the notes for the shared
     * classes that call the kit's answer and that {@code exerciseId}'s main code ({@code reached}: what it reaches)
     * does not reach, saying they cost this exercise nothing. {@code exerciseId} null: the grader's wording.
     */
    public List<String> unusedNotes(Set<String> reached, String exerciseId) {
        List<String> notes = new ArrayList<>();
        flags.forEach((name, list) -> {
            if (!reached.contains(name)) {
                list.stream().filter(f -> f.kind() == ReviewFlag.Kind.KIT_ANSWER).findFirst()
                        .ifPresent(f -> notes.add(unusedNote(name, f, exerciseId)));
            }
        });
        return notes;
    }

    /**
     * {@code "Oracle.java:13 calls ReferenceAllocator.firstFit, the kit's own answer, but no exercise's main code uses
     * dev.alloclab.support.Oracle, so it costs no points: if it is test support, move it to src/test/java ..."}; with
     * an exercise's id, "but bump's main code does not use ..., so it costs bump no points".
     */
    static String unusedNote(String className, ReviewFlag flag, String exerciseId) {
        String dotted = className.replace('/', '.');
        return flag.where() + " calls " + flag.what() + ", the kit's own answer, but "
                + (exerciseId == null ? "no exercise's main code uses " + dotted + ", so it costs no points"
                        : exerciseId + "'s main code does not use " + dotted + ", so it costs " + exerciseId
                                + " no points")
                + ": if it is test support, move it to src/test/java (a helper your answer calls must not use the "
                + "kit's allocators)";
    }

    /** The shared classes {@code classFiles} name in their code, arrays unwrapped. */
    private Set<String> named(Collection<byte[]> classFiles) {
        Set<String> named = new TreeSet<>();
        CodeReview.firstUses(classFiles, owner -> classes.containsKey(elementType(owner)))
                .keySet().forEach(owner -> named.add(elementType(owner)));
        return named;
    }

    /** {@code a/B} for {@code a/B}, {@code [La/B;} and {@code [[La/B;}. */
    private static String elementType(String owner) {
        if (!owner.startsWith("[")) {
            return owner;
        }
        String element = owner.replaceFirst("^\\[+", "");
        return element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
    }
}
