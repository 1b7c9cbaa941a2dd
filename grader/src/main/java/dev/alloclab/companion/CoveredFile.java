package dev.alloclab.companion;

import java.util.List;

/**
 * The coverage of one main source file of an exercise by the student's own tests: the counts the grader sums, and
 * the lines a student should look at next.
 *
 * @param path            the file as the student knows it, e.g. {@code src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java}
 * @param linesCovered    lines with at least one instruction run
 * @param lines           lines with code
 * @param branchesCovered branches taken
 * @param branches        branches in all
 * @param notRun          the lines no test ran, in order
 * @param partlyTaken     the lines that ran but whose branches were only partly taken, in order
 */
public record CoveredFile(String path, int linesCovered, int lines, int branchesCovered, int branches,
        List<LineNote> notRun, List<LineNote> partlyTaken) {
    public CoveredFile {
        notRun = List.copyOf(notRun);
        partlyTaken = List.copyOf(partlyTaken);
    }

    /** The file's name without folders, e.g. {@code BumpAllocator.java}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public double lineRatio() {
        return CoverageRule.lineRatio(linesCovered, lines);
    }

    public double branchRatio() {
        return CoverageRule.branchRatio(branchesCovered, branches);
    }
}
