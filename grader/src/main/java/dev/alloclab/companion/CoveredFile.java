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
 * @param source          the file's lines as they were measured (empty when it could not be read)
 * @param statuses        the status of line {@code n} at index {@code n - 1}, up to the last line with code
 */
public record CoveredFile(String path, int linesCovered, int lines, int branchesCovered, int branches,
        List<LineNote> notRun, List<LineNote> partlyTaken, List<String> source, List<LineStatus> statuses) {
    /** What the tests did to one line, as the HTML picture colours it. */
    public enum LineStatus {
        /** No code on the line (a comment, a brace, a declaration without code). */
        NO_CODE,
        /** Code that never ran. */
        NOT_RUN,
        /** Code that ran, with branches only partly taken (or a line left half-way by an exception). */
        PARTLY,
        /** Code that ran, every branch taken. */
        RUN
    }

    public CoveredFile {
        notRun = List.copyOf(notRun);
        partlyTaken = List.copyOf(partlyTaken);
        source = List.copyOf(source);
        statuses = List.copyOf(statuses);
    }

    /** The status of line {@code number} (from 1). */
    public LineStatus status(int number) {
        return number >= 1 && number <= statuses.size() ? statuses.get(number - 1) : LineStatus.NO_CODE;
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
