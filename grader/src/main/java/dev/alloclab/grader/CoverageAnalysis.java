package dev.alloclab.grader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Line and branch coverage of an exercise's main classes by the student's own tests, from the
 * JaCoCo execution data the grading JVM sent and the class bytes the grader compiled (kept in the
 * grader's memory, so student code cannot swap the class files under the analysis).
 *
 * @param linesCovered    lines with at least one executed instruction
 * @param lines           lines with code
 * @param branchesCovered branches taken
 * @param branches        branches in all
 */
public record CoverageAnalysis(int linesCovered, int lines, int branchesCovered, int branches) {
    /** Nothing measured. */
    public static final CoverageAnalysis NONE = new CoverageAnalysis(0, 0, 0, 0);

    public static CoverageAnalysis of(byte[] executionData, Map<String, byte[]> classes) {
        if (executionData.length == 0 || classes.isEmpty()) {
            return new CoverageAnalysis(0, Math.max(1, classes.size()), 0, 0);
        }
        try {
            ExecFileLoader loader = new ExecFileLoader();
            loader.load(new ByteArrayInputStream(executionData));
            CoverageBuilder builder = new CoverageBuilder();
            Analyzer analyzer = new Analyzer(loader.getExecutionDataStore(), builder);
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                analyzer.analyzeClass(c.getValue(), c.getKey());
            }
            IBundleCoverage bundle = builder.getBundle("submission");
            ICounter l = bundle.getLineCounter();
            ICounter b = bundle.getBranchCounter();
            return new CoverageAnalysis(l.getCoveredCount(), l.getTotalCount(), b.getCoveredCount(), b.getTotalCount());
        } catch (IOException e) {
            throw new UncheckedIOException("the grading JVM sent unreadable coverage data", e);
        }
    }

    /**
     * Analyses {@code classes} against execution data that saw nothing, and forgets the answer: run
     * while the grading JVM works (the grader's own thread only waits then), it loads and compiles
     * JaCoCo's analyzer and ASM, so the real analyses afterwards cost milliseconds, not most of a second.
     */
    public static void warmUp(Map<String, byte[]> classes) {
        try {
            java.io.ByteArrayOutputStream nothing = new java.io.ByteArrayOutputStream();
            new org.jacoco.core.data.ExecutionDataWriter(nothing).flush();
            of(nothing.toByteArray(), classes);
        } catch (IOException | RuntimeException e) {
            // only time is at stake
        }
    }

    /** Covered lines / lines, 0 when there are none. */
    public double lineRatio() {
        return dev.alloclab.companion.CoverageRule.lineRatio(linesCovered, lines);
    }

    /** Covered branches / branches; 1 when the code has no branches (nothing to miss). */
    public double branchRatio() {
        return dev.alloclab.companion.CoverageRule.branchRatio(branchesCovered, branches);
    }
}
