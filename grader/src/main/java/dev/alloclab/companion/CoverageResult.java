package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.util.List;

/**
 * What {@code alloclab coverage EXERCISE} found ({@link ExerciseCoverage}); {@link CoverageReport} turns it into text.
 *
 * @param exercise        the exercise measured
 * @param outcome         whether coverage was measured, and if not, why
 * @param compileErrors   the compiler's messages when the code or the tests did not compile
 * @param starterExamples the {@code ...StudentTest} classes still exactly as the starter ships them: not counted
 * @param tests           the student's tests that ran (none unless measured)
 * @param files           the coverage of each main source file of the exercise (none unless measured)
 * @param unannotated     methods of the student's tests that look like tests but lack {@code @Test}, so never ran
 *                        ({@link UnannotatedTests}; none unless measured)
 * @param uncounted       test files of the exercise whose name has {@code StudentTest} in it but does not end in it
 *                        ({@code BumpAllocatorStudentTests.java}): {@code mvn test} may run them, but neither this
 *                        command nor the grader counts them, and the report says so by name
 */
public record CoverageResult(Exercise exercise, Outcome outcome, List<String> compileErrors,
        List<String> starterExamples, StudentTests tests, List<CoveredFile> files, List<String> unannotated,
        List<String> uncounted) {
    /** Measured, or the reason it was not. */
    public enum Outcome {
        /** The student's tests ran and their coverage was measured. */
        MEASURED,
        /** The exercise's code, its tests or the shared code does not compile. */
        DOES_NOT_COMPILE,
        /** The exercise has no main classes to measure (its sources are missing). */
        NO_MAIN_CODE,
        /** The exercise has no {@code ...StudentTest} class. */
        NO_STUDENT_TEST,
        /** Every {@code ...StudentTest} of the exercise is still the starter's example: it earns nothing. */
        ONLY_STARTER_EXAMPLE
    }

    private static final StudentTests NO_TESTS = new StudentTests(List.of(), 0, 0, 0, List.of());

    public CoverageResult(Exercise exercise, Outcome outcome, List<String> compileErrors, List<String> starterExamples,
            StudentTests tests, List<CoveredFile> files, List<String> unannotated) {
        this(exercise, outcome, compileErrors, starterExamples, tests, files, unannotated, List.of());
    }

    public CoverageResult {
        uncounted = List.copyOf(uncounted);
        compileErrors = List.copyOf(compileErrors);
        starterExamples = List.copyOf(starterExamples);
        files = List.copyOf(files);
        unannotated = List.copyOf(unannotated);
    }

    static CoverageResult notMeasured(Exercise exercise, Outcome why, List<String> compileErrors,
            List<String> starterExamples) {
        return new CoverageResult(exercise, why, compileErrors, starterExamples, NO_TESTS, List.of(), List.of());
    }

    /** This result, naming {@code files} as test files that were not counted (see {@link #uncounted}). */
    public CoverageResult withUncounted(List<String> files) {
        return new CoverageResult(exercise, outcome, compileErrors, starterExamples, tests, this.files, unannotated, files);
    }

    public int linesCovered() {
        return files.stream().mapToInt(CoveredFile::linesCovered).sum();
    }

    public int lines() {
        return files.stream().mapToInt(CoveredFile::lines).sum();
    }

    public int branchesCovered() {
        return files.stream().mapToInt(CoveredFile::branchesCovered).sum();
    }

    public int branches() {
        return files.stream().mapToInt(CoveredFile::branches).sum();
    }

    /** Line coverage of all the exercise's main code, as the grader computes it. */
    public double lineRatio() {
        return CoverageRule.lineRatio(linesCovered(), lines());
    }

    /** Branch coverage of all the exercise's main code, as the grader computes it. */
    public double branchRatio() {
        return CoverageRule.branchRatio(branchesCovered(), branches());
    }

    /** The share of {@code rule}'s points this coverage earns, 0 unless measured. */
    public double fractionEarned(CoverageRule rule) {
        return outcome == Outcome.MEASURED ? rule.fractionEarned(lineRatio(), branchRatio()) : 0;
    }
}
