package dev.alloclab.cli;

import dev.alloclab.grader.Sha256;
import dev.alloclab.grader.rubric.Rubric;
import java.nio.file.Path;

/**
 * What a grade was computed from, in one line every report carries: the rubric (its file's name, and a hash of
 * everything it says, the text of its course traces included) and the kit (its version and a hash of its jar). A
 * student disputes a grade weeks later; the instructor needs to know which rubric and traces to grade with again,
 * and whether the kit was updated since.
 * {@code the rubric course.json (sha256 1a2b3c4d5e6f), alloclab 0.1.0 (build 9f8e7d6c5b4a)}
 */
final class GradedWith {
    /** Hex digits of each hash shown: enough to tell two rubrics or builds apart, short enough to read aloud. */
    private static final int SHOWN = 12;

    /** How the line names the kit's default rubric (a course's is "the rubric FILE"). */
    static final String DEFAULT_RUBRIC = "the kit's default rubric";

    private GradedWith() {
    }

    /** The line for grading under {@code rubric}, read from {@code rubricFile} (null: the kit's default rubric). */
    static String of(Path rubricFile, Rubric rubric) {
        String rubricHash = Sha256.hexOf(rubric.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String name = rubricFile == null ? DEFAULT_RUBRIC
                : "the rubric " + (rubricFile.getFileName() == null ? rubricFile : rubricFile.getFileName());
        String build = GradingKey.graderBuild();
        int slash = build.indexOf('/');
        String kit = "alloclab " + (slash < 0 ? build : build.substring(0, slash) + " (build "
                + build.substring(slash + 1, Math.min(build.length(), slash + 1 + SHOWN)) + ")");
        return name + " (sha256 " + rubricHash.substring(0, SHOWN) + "), " + kit;
    }
}
