package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import org.junit.jupiter.api.Test;

/** The companion's rule is the grader's: same thresholds and points as the default rubric, same arithmetic. */
class CoverageRuleTest {
    @Test
    void the_companions_copy_of_the_default_rubric_matches_the_rubric_for_every_exercise() {
        // GIVEN the grader's default rubric
        Rubric rubric = RubricLoader.defaultRubric();
        for (Exercise e : Curriculum.exercises()) {
            Rubric.CoveragePart part = rubric.exercises().get(e.id()).coverage();
            // THEN the companion's properties file says the same for each exercise
            assertThat(CoverageRule.defaultFor(e)).as("coverage rule of %s in %s", e.id(), CoverageRule.DEFAULTS)
                    .isEqualTo(new CoverageRule(part.points(), part.line(), part.branch()));
        }
    }

    @Test
    void full_points_at_both_thresholds_otherwise_the_smaller_ratio_to_its_threshold() {
        CoverageRule rule = new CoverageRule(2, 0.7, 0.5);
        // at or above both thresholds: everything
        assertThat(rule.fractionEarned(0.7, 0.5)).isEqualTo(1);
        assertThat(rule.fractionEarned(1, 1)).isEqualTo(1);
        // lines at 35 % of 70 % and branches at 40 % of 50 %: the smaller, one half
        assertThat(rule.fractionEarned(0.35, 0.4)).isEqualTo(0.5);
        // a threshold of 0 asks nothing of its part
        assertThat(rule.withThresholds(0, 0.5).fractionEarned(0, 0.25)).isEqualTo(0.5);
        // code without branches has none to miss, code without lines covers nothing
        assertThat(CoverageRule.branchRatio(0, 0)).isEqualTo(1);
        assertThat(CoverageRule.lineRatio(0, 0)).isZero();
    }

    @Test
    void points_and_percentages_are_rounded_down_so_just_under_a_threshold_never_shows_as_full() {
        // GIVEN the QA case: branch coverage 41 of 52 (78.8 %) against a threshold of 79 %
        CoverageRule rule = new CoverageRule(2, 0.7, 0.79);
        double branches = CoverageRule.branchRatio(41, 52);
        // THEN the points are 2 x 0.998 rounded down (1.99, not the 2.00 the grade once showed), and 78.8 % reads 78
        assertThat(rule.pointsEarned(0.9, branches)).isEqualTo(1.99);
        assertThat(CoverageRule.wholePercent(branches)).isEqualTo(78);
        assertThat(CoverageRule.wholePercent(0.79)).isEqualTo(79);
        // AND at or above both thresholds, the points are whole
        assertThat(rule.pointsEarned(0.7, 0.79)).isEqualTo(2);
        assertThat(new CoverageRule(3, 0.7, 0.5).pointsEarned(0.35, 0.5)).isEqualTo(1.5);
    }
}
