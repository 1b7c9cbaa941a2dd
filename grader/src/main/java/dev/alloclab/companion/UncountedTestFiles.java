package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test files of an exercise that {@code mvn test} may run but whose tests earn no coverage points, and the
 * sentence that says so, the same in the grade and in {@code alloclab coverage}: only classes whose name ends in
 * {@code StudentTest} count. Three kinds are named: a near miss ({@code BumpAllocatorStudentTests.java}), a copy a
 * download or a file manager made ({@code BumpAllocatorStudentTest (1).java}: delete it, it is no test of yours), and
 * any other test class the student added beside the starter's visible tests ({@code RefCountedNodesExtraTest.java},
 * which Surefire's {@code *Test} pattern runs).
 */
public final class UncountedTestFiles {
    /** What Surefire runs by default: {@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}. */
    private static final Pattern SUREFIRE = Pattern.compile("Test\\w*\\.java|\\w*(Test|Tests|TestCase)\\.java");
    /** {@code X (1).java}, {@code X (2).java}, {@code X - Copy.java}, {@code X - Copy (2).java}, {@code Copy of X.java}. */
    private static final Pattern COPY = Pattern.compile("(?:Copy of )?(\\w+?)(?: \\(\\d+\\)| - Copy(?: \\(\\d+\\))?)?\\.java");

    private UncountedTestFiles() {
    }

    /**
     * The files among {@code fileNames} (the names of the exercise's test files) that are not counted; {@code kitFile}
     * tells the starter's own test files (the visible tests) by their path under {@code src/test/java}.
     */
    public static List<String> in(List<String> fileNames, Exercise exercise, Predicate<String> kitFile) {
        String folder = "src/test/java/" + exercise.javaPackage().replace('.', '/') + "/";
        List<String> uncounted = new ArrayList<>();
        for (String name : fileNames.stream().sorted().toList()) {
            if (name.endsWith("StudentTest.java") && !isCopy(name)) {
                continue; // counted
            }
            boolean nearMiss = name.contains("StudentTest");
            boolean runByMaven = SUREFIRE.matcher(name).matches() && !kitFile.test(folder + name);
            if (nearMiss || runByMaven || isCopy(name)) {
                uncounted.add(name);
            }
        }
        return uncounted;
    }

    /** The sentence for {@code uncounted} (not empty), copies first; a name with a folder is in a sub-package. */
    public static List<String> sentences(List<String> uncounted) {
        List<String> lines = new ArrayList<>();
        for (String below : uncounted.stream().filter(n -> n.contains("/")).toList()) {
            lines.add(below + " is in a folder below the exercise's: the grader compiles such a file before any "
                    + "exercise, leaves it out and does not run its tests. Move it up into the exercise's own folder "
                    + "and package.");
        }
        uncounted = uncounted.stream().filter(n -> !n.contains("/")).toList();
        List<String> copies = uncounted.stream().filter(UncountedTestFiles::isCopy).toList();
        for (String copy : copies) {
            lines.add(copy + " looks like a copy of " + copied(copy) + ".java that a download or a file manager made: "
                    + "it is not counted for coverage, and mvn test stops at its duplicate class. Delete it.");
        }
        List<String> others = uncounted.stream().filter(n -> !isCopy(n)).toList();
        if (!others.isEmpty()) {
            boolean one = others.size() == 1;
            lines.add(String.join(", ", others) + ": only classes whose name ends in StudentTest count for coverage "
                    + "(mvn test may run " + (one ? "it" : "them") + ", the grader does not). Rename " + (one ? "it" : "them")
                    + " to end in StudentTest, or move " + (one ? "its" : "their") + " tests into a ...StudentTest class.");
        }
        return lines;
    }

    private static boolean isCopy(String name) {
        return !name.equals(copied(name) + ".java");
    }

    /** The name {@code name} is a copy of ({@code BumpAllocatorStudentTest} for {@code BumpAllocatorStudentTest (1).java}). */
    private static String copied(String name) {
        Matcher m = COPY.matcher(name);
        return m.matches() ? m.group(1) : name.substring(0, name.length() - ".java".length());
    }
}
