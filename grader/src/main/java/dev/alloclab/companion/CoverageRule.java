package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How the grader turns the coverage of a student's own tests into points, in one place for the grader
 * ({@code dev.alloclab.grader.Grader}) and for {@code alloclab coverage}, so the number a student sees before
 * submitting is the number the grader computes.
 *
 * <p>The rule: full points when line coverage reaches {@code line} and branch coverage reaches {@code branch};
 * otherwise {@code points x min(lineRatio / line, branchRatio / branch)}. A threshold of 0 asks nothing. Code
 * without branches has nothing to miss (branch ratio 1); code without lines has covered nothing (line ratio 0).
 *
 * @param points the coverage points of the exercise
 * @param line   the line coverage that earns them all, 0..1
 * @param branch the branch coverage that earns them all, 0..1
 */
public record CoverageRule(double points, double line, double branch) {
    /** The companion's copy of the default rubric's coverage part (the companion jar has no JSON reader). */
    static final String DEFAULTS = "dev/alloclab/companion/default-coverage-rule.properties";

    /** Covered lines / lines; 0 when there are none. */
    public static double lineRatio(int covered, int lines) {
        return lines == 0 ? 0 : (double) covered / lines;
    }

    /** Covered branches / branches; 1 when there are none. */
    public static double branchRatio(int covered, int branches) {
        return branches == 0 ? 1 : (double) covered / branches;
    }

    /** The share of the points earned, 0..1, for coverage {@code lineRatio} and {@code branchRatio}. */
    public double fractionEarned(double lineRatio, double branchRatio) {
        double ratio = Math.min(line == 0 ? 1 : lineRatio / line, branch == 0 ? 1 : branchRatio / branch);
        return Math.max(0, Math.min(1, ratio));
    }

    /**
     * The points earned for coverage {@code lineRatio} and {@code branchRatio}: {@code points x fractionEarned},
     * rounded <em>down</em> to hundredths, so that coverage just under a threshold never shows as the full points
     * (2 x 0.998 is 1.99, not 2.00). The grader's part and {@code alloclab coverage} both print this number.
     */
    public double pointsEarned(double lineRatio, double branchRatio) {
        return Math.floor(points * fractionEarned(lineRatio, branchRatio) * 100 + 1e-9) / 100;
    }

    /** A ratio as a whole percentage, rounded down so that 69.9 % never reads as the 70 % it misses. */
    public static int wholePercent(double ratio) {
        return (int) Math.floor(100 * ratio + 1e-9);
    }

    /** This rule with other thresholds (a course rubric's), the points kept. */
    public CoverageRule withThresholds(double line, double branch) {
        return new CoverageRule(points, line, branch);
    }

    /**
     * The file a course's starter carries with its rubric's coverage rules ({@code export-classroom --rubric}
     * writes it; same keys as the default's), so that {@code alloclab coverage} judges by the course's thresholds
     * and points, not the default rubric's. It holds the course's exercises and time limit too ({@link Course}).
     */
    public static final String COURSE_FILE = Course.FILE;

    /**
     * The course's rule for {@code exercise}, from {@link #COURSE_FILE} in {@code projectRoot}: empty when there is
     * no such file (the default rubric's then holds); a rule of 0 points when the course gives the exercise no
     * coverage points (or drops it).
     *
     * @throws dev.alloclab.core.KitException with a sentence when the file cannot be read or holds a value that is
     *     not a number
     */
    public static java.util.Optional<CoverageRule> courseFor(java.nio.file.Path projectRoot, Exercise exercise) {
        java.util.Optional<Properties> course = Course.of(projectRoot).values();
        if (course.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            CoverageRule rule = ruleIn(course.get(), exercise.id());
            return java.util.Optional.of(rule == null ? new CoverageRule(0, 0, 0) : rule);
        } catch (NumberFormatException e) {
            throw new dev.alloclab.core.KitException(COURSE_FILE + " has a value for " + exercise.id() + " that is not a"
                    + " number (" + e.getMessage() + "). Ask your instructor for the starter's copy of it.");
        }
    }

    /** The rule {@code id.points}, {@code id.line} and {@code id.branch} of {@code p} say, or null without points. */
    private static CoverageRule ruleIn(Properties p, String id) {
        String points = p.getProperty(id + ".points");
        return points == null ? null : new CoverageRule(Double.parseDouble(points),
                Double.parseDouble(p.getProperty(id + ".line", "0.7")),
                Double.parseDouble(p.getProperty(id + ".branch", "0.5")));
    }

    /** The default rubric's rule for {@code exercise}. */
    public static CoverageRule defaultFor(Exercise exercise) {
        Properties p = new Properties();
        try (InputStream in = CoverageRule.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("the companion lacks " + DEFAULTS);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CoverageRule rule = ruleIn(p, exercise.id());
        if (rule == null) {
            throw new IllegalStateException(DEFAULTS + " has no coverage rule for " + exercise.id());
        }
        return rule;
    }
}
