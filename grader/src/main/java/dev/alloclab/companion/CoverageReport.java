package dev.alloclab.companion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of {@code alloclab coverage EXERCISE}: per main source file line and branch coverage, the thresholds and
 * where they come from, what the grader would give, the lines never run and the branches partly taken, then the
 * grader's other rules where they apply (failing tests, the starter's example, hidden tests first).
 *
 * @param result          what the run found
 * @param rule            the thresholds and points to judge it by
 * @param source          where {@code rule} comes from
 * @param course          the course's rule when the starter carries one that gives the exercise coverage points: the bar
 *                        the grader will use, which {@code --line} and {@code --branch} are compared with
 */
public record CoverageReport(CoverageResult result, CoverageRule rule, RuleSource source,
        java.util.Optional<CoverageRule> course) {
    /** A report in a project without a course's rule: the default rubric's is the grader's bar. */
    public CoverageReport(CoverageResult result, CoverageRule rule, RuleSource source) {
        this(result, rule, source, java.util.Optional.empty());
    }

    /** Where the thresholds and points come from. */
    public enum RuleSource {
        /** The kit's default rubric. */
        DEFAULT_RUBRIC,
        /** The course's rubric, as the starter's {@link CoverageRule#COURSE_FILE} carries it. */
        COURSE_RUBRIC,
        /** {@code --line} and {@code --branch} (the points stay the default rubric's, and are not shown). */
        COMMAND_LINE
    }

    /** How many lines of each list (never run, partly taken) a file shows before "... and N more". */
    public static final int MAX_LINES = 15;
    /** The sentence about the hidden tests, printed whenever coverage was measured. */
    public static final String HIDDEN_TESTS_FIRST = "The grader also needs your code to pass its tests: coverage points count "
            + "only once at least one of its hidden tests passes.";

    /** True when the coverage earns every coverage point under {@link #rule}. */
    public boolean earnsAll() {
        return result.outcome() == CoverageResult.Outcome.MEASURED && pointsEarned() >= rule.points();
    }

    /**
     * True when the student's tests took longer than an exercise's whole time limit ({@code exerciseSeconds}): the
     * grader stops them, and their coverage earns nothing whatever the figures (QA owntests27: "full points", exit 0).
     */
    public boolean pastTheLimit(int exerciseSeconds) {
        return result.outcome() == CoverageResult.Outcome.MEASURED
                && result.tests().took().toMillis() > exerciseSeconds * 1000L;
    }

    /** {@link #lines()}, with the verdict saying the grade gives nothing when the tests are {@link #pastTheLimit}. */
    public List<String> lines(int exerciseSeconds) {
        List<String> lines = new ArrayList<>(lines());
        if (pastTheLimit(exerciseSeconds)) {
            String verdict = "  " + verdict();
            int at = lines.indexOf(verdict);
            if (at >= 0) {
                lines.set(at, "  would earn nothing in the grade: your tests take longer than the exercise's "
                        + exerciseSeconds + " s, so the grader would stop them (see the note at the end); by these "
                        + "figures alone it " + verdict.strip());
            }
        }
        return lines;
    }

    public List<String> lines() {
        String id = result.exercise().id();
        List<String> lines = new ArrayList<>();
        switch (result.outcome()) {
            case DOES_NOT_COMPILE -> {
                lines.add(id + ": coverage not measured: the code does not compile, so no test ran:");
                CompileErrorHints.of(result.compileErrors()).forEach(h -> lines.add("  first: " + h));
                result.compileErrors().stream().limit(CheckResult.MAX_LINES).forEach(e -> lines.add("  " + e));
                more(lines, result.compileErrors().size(), CheckResult.MAX_LINES, "  ");
                lines.add("  Fix the first error and run ./alloclab coverage " + id + " again. The grader gives no "
                        + "coverage points for tests that do not compile.");
            }
            case NO_MAIN_CODE -> lines.add(id + ": coverage not measured: there is no main code of " + id + " in "
                    + mainFolder() + ". Is the exercise's class still there, in package " + result.exercise().javaPackage()
                    + "?");
            case NO_STUDENT_TEST -> lines.add(id + ": coverage not measured: there is no ...StudentTest class in "
                    + testFolder() + ". Only your own tests count: write them in a class whose name ends in "
                    + "StudentTest there (the starter ships one to start from).");
            case ONLY_STARTER_EXAMPLE -> {
                lines.add(id + ": your tests earn no coverage points yet: " + String.join(", ", result.starterExamples())
                        + (result.starterExamples().size() == 1 ? " is" : " are") + " exactly as the starter ships "
                        + (result.starterExamples().size() == 1 ? "it" : "them") + ", and the grader does not count the "
                        + "starter's example.");
                lines.add("  Add tests of your own to it (a changed file counts whole, the example included), then run "
                        + "./alloclab coverage " + id + " again to see which lines they reach.");
            }
            case MEASURED -> measured(lines);
        }
        if (!result.uncounted().isEmpty() && result.outcome() != CoverageResult.Outcome.DOES_NOT_COMPILE) {
            lines.addAll(1, UncountedTestFiles.sentences(result.uncounted()).stream().map(l -> "  not counted: " + l)
                    .toList());
        }
        return lines;
    }

    private void measured(List<String> lines) {
        String id = result.exercise().id();
        StudentTests tests = result.tests();
        lines.add(id + ": coverage of your code by your own tests (" + String.join(", ", tests.classes()) + ": "
                + count(tests.total(), "test") + ", " + tests.passed() + " pass)");
        int width = result.files().stream().mapToInt(f -> f.fileName().length()).max().orElse(0);
        for (CoveredFile f : result.files()) {
            lines.add(figures(f.fileName(), width, f.linesCovered(), f.lines(), f.branchesCovered(), f.branches()));
        }
        if (result.files().size() > 1) {
            lines.add(figures("all", width, result.linesCovered(), result.lines(), result.branchesCovered(),
                    result.branches()));
        }
        lines.add("  thresholds: lines " + percent(rule.line()) + ", branches " + percent(rule.branch())
                + switch (source) {
                    case DEFAULT_RUBRIC -> ", the default rubric's (your course's rubric may set others: pass them as "
                            + "--line 0.8 --branch 0.6)";
                    case COURSE_RUBRIC -> ", your course's (from " + CoverageRule.COURSE_FILE + ")";
                    case COMMAND_LINE -> ", from --line and --branch (" + course.map(c -> "your course's are "
                            + thresholds(c) + ", from " + CoverageRule.COURSE_FILE).orElse("the default rubric's are "
                            + thresholds(CoverageRule.defaultFor(result.exercise()))) + ")";
                });
        lines.add("  " + verdict());
        for (CoveredFile f : result.files()) {
            notes(lines, f.fileName() + ": " + count(f.notRun().size(), "line") + " never run:", f.notRun(), false);
            notes(lines, f.fileName() + ": branches partly taken:", f.partlyTaken(), true);
        }
        lines.add("");
        if (tests.failed() > 0) {
            lines.add(tests.failed() + " of your " + count(tests.total(), "test") + " fail; their coverage still counts, "
                    + "but fix them:");
            tests.failures().stream().limit(CheckResult.MAX_LINES).forEach(f -> lines.add("  - " + f));
            more(lines, tests.failures().size(), CheckResult.MAX_LINES, "  - ");
        }
        if (tests.notStarted() > 0) {
            lines.add(tests.notStarted() + " of your tests " + (tests.notStarted() == 1 ? "is" : "are")
                    + " \"not started\": they reach a method that still throws NotImplemented, so they stop there.");
        }
        if (!tests.skips().isEmpty()) {
            lines.add(tests.skips().size() + " of your tests " + (tests.skips().size() == 1 ? "was" : "were")
                    + " skipped (@Disabled, an assumption that did not hold, or a @Test JUnit does not run), so "
                    + (tests.skips().size() == 1
                    ? "it covers" : "they cover") + " nothing:");
            tests.skips().stream().limit(CheckResult.MAX_LINES).forEach(f -> lines.add("  - " + f));
            more(lines, tests.skips().size(), CheckResult.MAX_LINES, "  - ");
        }
        if (!result.unannotated().isEmpty()) {
            lines.add(count(result.unannotated().size(), "method") + " of your tests never ran: "
                    + (result.unannotated().size() == 1 ? "it has" : "they have") + " no @Test above "
                    + (result.unannotated().size() == 1 ? "it" : "them") + ", so JUnit does not know "
                    + (result.unannotated().size() == 1 ? "it is a test" : "they are tests") + ":");
            result.unannotated().stream().limit(CheckResult.MAX_LINES).forEach(m -> lines.add("  - " + m));
            more(lines, result.unannotated().size(), CheckResult.MAX_LINES, "  - ");
        }
        if (tests.total() == 0) {
            lines.add("No test ran: add @Test methods to " + String.join(", ", tests.classes()) + ".");
        }
        if (!result.starterExamples().isEmpty()) {
            lines.add(String.join(", ", result.starterExamples()) + " is still exactly as the starter ships it: the "
                    + "grader does not count it (it is left out above).");
        }
        lines.add(HIDDEN_TESTS_FIRST);
    }

    /** What the grader would give, rounded as the grader rounds ({@link CoverageRule#pointsEarned}). */
    private double pointsEarned() {
        return rule.pointsEarned(result.lineRatio(), result.branchRatio());
    }

    private String verdict() {
        double fraction = result.fractionEarned(rule);
        boolean rubric = source != RuleSource.COMMAND_LINE;
        String with = switch (source) {
            case DEFAULT_RUBRIC -> "with the default rubric";
            case COURSE_RUBRIC -> "with your course's rubric";
            case COMMAND_LINE -> "with these thresholds";
        };
        if (pointsEarned() >= rule.points()) {
            return "would earn the full coverage points " + with
                    + (rubric ? " (" + number(rule.points()) + " points)." : ".");
        }
        String formula = "min(" + percent(result.lineRatio()) + " / " + percent(rule.line()) + ", "
                + percent(result.branchRatio()) + " / " + percent(rule.branch()) + ")";
        if (rubric) {
            return String.format(Locale.ROOT, "would earn about %d %% of the coverage points %s: %s x %s = %s of %s",
                    CoverageRule.wholePercent(fraction), with, number(rule.points()), formula, number(pointsEarned()),
                    number(rule.points()));
        }
        return String.format(Locale.ROOT, "would earn about %d %% of the coverage points %s: points x %s",
                CoverageRule.wholePercent(fraction), with, formula);
    }

    private static String thresholds(CoverageRule bar) {
        return "lines " + percent(bar.line()) + " and branches " + percent(bar.branch());
    }

    private static String figures(String name, int width, int linesCovered, int lines, int branchesCovered,
            int branches) {
        return String.format(Locale.ROOT, "  %-" + width + "s   lines %4s (%d of %d)   branches %4s (%s)", name,
                percent(CoverageRule.lineRatio(linesCovered, lines)), linesCovered, lines,
                percent(CoverageRule.branchRatio(branchesCovered, branches)),
                branches == 0 ? "none to take" : branchesCovered + " of " + branches);
    }

    private static void notes(List<String> lines, String heading, List<LineNote> notes, boolean withBranches) {
        if (notes.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(heading);
        int width = String.valueOf(notes.get(notes.size() - 1).number()).length();
        for (LineNote n : notes.stream().limit(MAX_LINES).toList()) {
            lines.add(String.format(Locale.ROOT, "  %" + width + "d: %s%s", n.number(), n.text(),
                    withBranches ? "   (" + n.branchesTaken() + " of " + n.branches() + " branches)" : ""));
        }
        more(lines, notes.size(), MAX_LINES, "  ");
    }

    private static void more(List<String> lines, int size, int shown, String indent) {
        if (size > shown) {
            lines.add(indent + "... and " + (size - shown) + " more");
        }
    }

    private String mainFolder() {
        return "src/main/java/" + result.exercise().javaPackage().replace('.', '/') + "/";
    }

    private String testFolder() {
        return "src/test/java/" + result.exercise().javaPackage().replace('.', '/') + "/";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** A ratio as a whole percentage, rounded down ({@link CoverageRule#wholePercent}). */
    static String percent(double ratio) {
        return CoverageRule.wholePercent(ratio) + " %";
    }

    /** Points as the rubric writes them: 2, 1.5, 1.33. */
    private static String number(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded)
                : String.format(Locale.ROOT, "%s", rounded);
    }
}
