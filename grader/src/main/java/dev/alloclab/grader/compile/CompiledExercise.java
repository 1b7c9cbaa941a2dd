package dev.alloclab.grader.compile;

import dev.alloclab.core.course.Exercise;
import dev.alloclab.companion.review.CodeReview;
import dev.alloclab.companion.review.ReviewFlag;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One exercise of a submission after compilation: where its classes are and what went wrong.
 *
 * @param exercise      the exercise
 * @param present       whether the submission has main sources for it at all
 * @param mainErrors    compiler errors in the student's main sources (non-empty: nothing runs)
 * @param testErrors    compiler errors in the student's tests (non-empty: no coverage)
 * @param hiddenErrors  errors compiling the hidden suite against the student's classes (an API that
 *                      does not match what the exercise asks for), each said as what the student's classes
 *                      lack ({@link MissingApi}), without the suite's file, lines or local names
 * @param mainDirs      class folders of the main code (the exercise's own and the common ones)
 * @param testDirs      class folders of the student's tests (and the common test support)
 * @param hiddenDir     class folder of the hidden suite
 * @param mainClasses   the main class files' bytes by class name (for coverage analysis: kept in
 *                      the grader's memory, never re-read after student code ran)
 * @param sharedMainClasses the class files of the submission's shared main code (outside the exercise packages),
 *                      by internal name: with {@code mainClasses}, what the grading JVM defines the student's main
 *                      classes from (the bytes the review read, never the folder)
 * @param sharedReached the shared main classes (internal names) this exercise's main classes reach, directly or
 *                      through other shared classes ({@link dev.alloclab.companion.SharedMainCode}): they belong to
 *                      this exercise, so its coverage is measured over them too
 * @param testClasses   the class files of the exercise's tests and of the shared test code, by internal name: what
 *                      the grading JVM defines the student's test classes from
 * @param testResources {@code src/test/resources} as read before any student code ran, by resource name
 * @param studentTests  the student's own test classes ({@code *StudentTest}), without the starter's untouched examples
 * @param starterExamples the {@code *StudentTest} classes still exactly as the starter ships them: they run no
 *                      coverage (a student who wrote no test has covered nothing), and the feedback says so
 * @param hiddenTests   the hidden suite's top-level classes
 * @param review        what {@link CodeReview} found in the exercise's main and test classes, in the shared test
 *                      code, and in the shared main code: as main code in the shared classes of {@code sharedReached},
 *                      as test code (the kit's answer allowed) in the others
 * @param mainFlag      the first flag that withholds points found in the code the grader measures (the
 *                      exercise's main classes and the shared main classes they reach), or null: it withholds
 *                      performance
 * @param givenClasses  the exercise's main classes (internal names) compiled from a file that is still exactly the
 *                      starter's ({@link dev.alloclab.companion.GivenCode}): the kit's code, left out of the coverage
 * @param unannotatedTests methods of the student's {@code *StudentTest} files that look like tests but have no
 *                      {@code @Test}, so never run ({@code Class.method() (line N)}; see
 *                      {@link dev.alloclab.companion.UnannotatedTests})
 */
public record CompiledExercise(
        Exercise exercise,
        boolean present,
        List<String> mainErrors,
        List<String> testErrors,
        List<String> hiddenErrors,
        List<Path> mainDirs,
        List<Path> testDirs,
        Path hiddenDir,
        Map<String, byte[]> mainClasses,
        Map<String, byte[]> sharedMainClasses,
        Set<String> sharedReached,
        Map<String, byte[]> testClasses,
        Map<String, byte[]> testResources,
        List<String> studentTests,
        List<String> starterExamples,
        List<String> hiddenTests,
        List<ReviewFlag> review,
        ReviewFlag mainFlag,
        Set<String> givenClasses,
        List<String> unannotatedTests) {

    public CompiledExercise {
        review = List.copyOf(review);
        sharedReached = Set.copyOf(sharedReached);
        givenClasses = Set.copyOf(givenClasses);
        unannotatedTests = List.copyOf(unannotatedTests);
    }

    /**
     * The classes whose coverage counts, by internal name: the exercise's main classes but the given ones the student
     * left as they are, and the shared main classes they reach.
     */
    public Map<String, byte[]> measuredClasses() {
        Map<String, byte[]> measured = new java.util.LinkedHashMap<>(mainClasses);
        measured.keySet().removeAll(givenClasses);
        new java.util.TreeSet<>(sharedReached).forEach(name -> measured.put(name, sharedMainClasses.get(name)));
        return measured;
    }

    /** True when the hidden suite can run. */
    public boolean runnable() {
        return present && mainErrors.isEmpty() && hiddenErrors.isEmpty() && !hiddenTests.isEmpty();
    }
}
