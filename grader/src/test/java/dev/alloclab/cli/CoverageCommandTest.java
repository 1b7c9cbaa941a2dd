package dev.alloclab.cli;

import static dev.alloclab.cli.CompanionCommandsTest.copyTree;
import static dev.alloclab.cli.CompanionCommandsTest.starter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.CoverageReport;
import dev.alloclab.companion.CoverageResult;
import dev.alloclab.companion.CoverageRule;
import dev.alloclab.companion.ExerciseCoverage;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alloclab coverage EXERCISE} on a starter-shaped copy of the kit's exercises: the bump exercise solved (the
 * reference solution copied in) and tested by student tests of different reach.
 */
class CoverageCommandTest {
    private static final Path KIT = KitRoot.path();
    private static final String BUMP_MAIN = "src/main/java/dev/alloclab/exercises/bump";
    private static final String BUMP_STUDENT_TEST = "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java";

    /** A student test that allocates once and checks where the block starts: alloc only, one path through it. */
    private static final String ALLOC_ONLY = """
            package dev.alloclab.exercises.bump;

            import static org.assertj.core.api.Assertions.assertThat;

            import dev.alloclab.core.memory.HeapBytes;
            import org.junit.jupiter.api.Test;

            class BumpAllocatorStudentTest {
                @Test
                void a_block_of_16_bytes_starts_after_its_header() {
                    BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                    assertThat(bump.alloc(16)).isEqualTo(BumpAllocator.HEADER_BYTES);
                }
            }
            """;

    private static Path solvedBump(Path dir, String studentTest) throws IOException {
        Path project = starter(dir);
        copyTree(KIT.resolve("solutions/" + BUMP_MAIN), project.resolve(BUMP_MAIN));
        if (studentTest != null) {
            Files.writeString(project.resolve(BUMP_STUDENT_TEST), studentTest);
        }
        return project;
    }

    /** The 1-based number of the first line of {@code file} that, trimmed, equals {@code text} after {@code after}. */
    private static int lineOf(Path file, String after, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int from = 0;
        while (!lines.get(from).contains(after)) {
            from++;
        }
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line '" + text + "' after '" + after + "'");
    }

    @Test
    void a_student_test_that_only_allocates_reports_less_than_full_coverage_and_names_the_lines_it_never_ran(
            @TempDir Path dir) throws IOException {
        // GIVEN bump solved, and a student test that calls alloc once (never reset, regions or a second block)
        Path project = solvedBump(dir, ALLOC_ONLY);
        int resetBody = lineOf(project.resolve(BUMP_MAIN + "/BumpAllocator.java"), "public void reset()", "top = 0;");
        // WHEN the student asks for the coverage, with the HTML picture too
        Path page = dir.resolve("pictures/bump.html");
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString(), "--html",
                page.toString());
        // THEN below 100 %, with the thresholds, a verdict, and reset()'s body listed with its number and text
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("bump: coverage of your code by your own tests (BumpAllocatorStudentTest: 1 test, 1 pass)")
                .containsPattern("BumpAllocator\\.java +lines +\\d{1,2} % \\(\\d+ of \\d+\\)")
                .contains("thresholds: lines 70 %, branches 50 %, the default rubric's")
                .contains("BumpAllocator.java: ", " never run:", "  " + resetBody + ": top = 0;",
                        "  " + (resetBody + 1) + ": }   (the end of a method: no call of it got this far)")
                .contains(CoverageReport.HIDDEN_TESTS_FIRST);
        // AND the one branch of alloc it took only one way (size == 0 is never true) is listed as partly taken
        int zeroCheck = lineOf(project.resolve(BUMP_MAIN + "/BumpAllocator.java"), "public int alloc(", "if (size == 0) {");
        assertThat(run.out()).contains("branches partly taken:", "  " + zeroCheck + ": if (size == 0) {   (1 of 2 branches)");
        // AND alloc-only coverage is below the default thresholds: not the full points, exit 1
        assertThat(run.out()).contains("would earn about ").doesNotContain("full coverage points");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        // AND the page colours the same lines: reset()'s body never run, the size check partly taken, alloc's return run
        assertThat(run.out()).contains("the source coloured line by line: " + page);
        assertThat(page).content()
                .contains("<tr class=\"not-run\"><td class=\"number\">" + resetBody + "</td><td class=\"code\">        top = 0;</td>")
                .contains("<tr class=\"partly\"><td class=\"number\">" + zeroCheck
                        + "</td><td class=\"code\">        if (size == 0) {</td><td class=\"note\">1 of 2 branches</td>")
                .containsPattern("<tr class=\"run\"><td class=\"number\">\\d+</td><td class=\"code\"> +return block \\+ HEADER_BYTES;")
                .contains("bump: coverage of your code by your own tests");
    }

    @Test
    void a_starter_with_the_courses_coverage_rules_is_judged_by_them(@TempDir Path dir) throws IOException {
        // GIVEN bump solved and tested by the alloc-only test, in a starter whose course asks 10 % for 5 points
        Path project = solvedBump(dir, ALLOC_ONLY);
        Files.writeString(project.resolve(CoverageRule.COURSE_FILE), "bump.points=5\nbump.line=0.1\nbump.branch=0.1\n");
        // WHEN the student asks for bump's coverage, and for vec's, which the course gives no coverage points
        CommandLineRun bump = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        CommandLineRun vec = CommandLineRun.of("coverage", "vec", "--project", project.toString());
        // THEN bump is judged by the course's thresholds and points: full, exit 0
        assertThat(bump.out()).contains("thresholds: lines 10 %, branches 10 %, your course's (from "
                + CoverageRule.COURSE_FILE + ")", "would earn the full coverage points with your course's rubric (5 points).");
        assertThat(bump.exitCode()).as(bump.out() + bump.err()).isEqualTo(ExitCodes.OK);
        // AND vec says the course gives it no coverage points
        assertThat(vec.out()).startsWith("note: your course's rubric (" + CoverageRule.COURSE_FILE + ") gives vec no "
                + "coverage points; the figures below are for you alone.");
    }

    @Test
    void thresholds_from_the_command_line_in_a_course_starter_are_compared_with_the_courses_not_the_default_rubrics(
            @TempDir Path dir) throws IOException {
        // GIVEN bump solved with the alloc-only test, in a starter whose course asks 90 % of lines and 80 % of branches
        Path project = solvedBump(dir, ALLOC_ONLY);
        Files.writeString(project.resolve(CoverageRule.COURSE_FILE), "bump.points=5\nbump.line=0.9\nbump.branch=0.8\n");
        // WHEN the student tries lower thresholds of their own
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--line", "0.5", "--branch", "0.3", "--project",
                project.toString());
        // THEN the reminder names the bar this starter's grader uses: the course's, not the default rubric's
        assertThat(run.out()).contains("thresholds: lines 50 %, branches 30 %, from --line and --branch (your course's are "
                + "lines 90 % and branches 80 %, from " + CoverageRule.COURSE_FILE + ")").doesNotContain("default rubric");
    }

    @Test
    void a_test_method_that_lost_its_annotation_is_named_as_never_run(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, and the alloc-only student test with a second method that has no @Test
        Path project = solvedBump(dir, ALLOC_ONLY.replaceFirst("\\}\\s*$", """
                    void reset_gives_the_bottom_back() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                        bump.alloc(16);
                        bump.reset();
                        assertThat(bump.alloc(16)).isEqualTo(BumpAllocator.HEADER_BYTES);
                    }
                }
                """));
        // WHEN the student asks for the coverage
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN one test ran, and the report names the method JUnit never saw, with its line
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("(BumpAllocatorStudentTest: 1 test, 1 pass)")
                .contains("1 method of your tests never ran: it has no @Test above it, so JUnit does not know it is a test:",
                        "  - BumpAllocatorStudentTest.reset_gives_the_bottom_back() (line 14)");
    }

    /** Set after each test: ends the loop the stopped property left spinning. */
    private static final String RELEASE = "alloclab.test.release-coverage-loops";

    @AfterEach
    void release_the_spinning_threads() {
        System.setProperty(RELEASE, "true");
    }

    @Test
    void a_property_that_never_returns_is_stopped_by_the_time_limit_and_the_coverage_still_measured(@TempDir Path dir)
            throws IOException {
        // GIVEN bump solved, and the alloc-only student test with a jqwik property that spins for ever
        // (until this class releases it: a stopped test's thread is abandoned, never killed, and one that spun on would
        // slow every later test class in this JVM; ThreadGuard fails the class if it does)
        System.clearProperty(RELEASE);
        Path project = solvedBump(dir, ALLOC_ONLY.replaceFirst("\\}\\s*$", """
                    @net.jqwik.api.Property(tries = 3)
                    void spins(@net.jqwik.api.ForAll int n) {
                        while (n == n && !Boolean.getBoolean("%s")) {
                            Thread.onSpinWait();
                        }
                    }
                }
                """.formatted(RELEASE)));
        // WHEN the student asks for the coverage with a 1-second limit
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString(), "--timeout", "1");
        // THEN the command ends, says the property was stopped, and still measures what the other test covered
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsPattern("BumpAllocator\\.java +lines +\\d{1,2} %")
                .contains("1 of your 2 tests fail")
                .containsPattern("spins.*stopped after \\d+ s");
    }

    @Test
    void a_student_test_that_exercises_everything_covers_more_than_one_that_exercises_little(@TempDir Path dir)
            throws IOException {
        // GIVEN two starters with bump solved: one with the alloc-only student test, one with the kit's exemplary one
        Path little = solvedBump(dir.resolve("little"), ALLOC_ONLY);
        Path thorough = solvedBump(dir.resolve("thorough"),
                Files.readString(KIT.resolve("solutions/" + BUMP_STUDENT_TEST)));
        var bump = Curriculum.named("bump");
        // WHEN both are measured
        CoverageResult few = new ExerciseCoverage(LearnerProject.locate(little)).run(bump);
        CoverageResult many = new ExerciseCoverage(LearnerProject.locate(thorough)).run(bump);
        // THEN the thorough tests cover more lines and more branches, and earn the full points the other does not
        assertThat(few.outcome()).isEqualTo(CoverageResult.Outcome.MEASURED);
        assertThat(many.outcome()).isEqualTo(CoverageResult.Outcome.MEASURED);
        assertThat(many.lines()).as("the same code is measured").isEqualTo(few.lines()).isPositive();
        assertThat(many.linesCovered()).isGreaterThan(few.linesCovered());
        assertThat(many.branchesCovered()).isGreaterThan(few.branchesCovered());
        CoverageRule rule = CoverageRule.defaultFor(bump);
        assertThat(new CoverageReport(many, rule, CoverageReport.RuleSource.DEFAULT_RUBRIC).earnsAll()).isTrue();
        assertThat(new CoverageReport(few, rule, CoverageReport.RuleSource.DEFAULT_RUBRIC).earnsAll()).isFalse();
        // AND the command agrees: exit 0 and the full-points verdict
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", thorough.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("would earn the full coverage points with the default rubric (2 points).");
    }

    @Test
    void methods_the_student_annotates_as_generated_are_measured_all_the_same(@TempDir Path dir) throws IOException {
        // GIVEN bump solved and tested by the alloc-only test twice: as it is, and with the methods that test never
        // reaches annotated with the student's own @Generated, which JaCoCo's filters leave out of the counts
        Path plain = solvedBump(dir.resolve("plain"), ALLOC_ONLY);
        Path annotated = solvedBump(dir.resolve("annotated"), ALLOC_ONLY);
        Files.writeString(annotated.resolve(BUMP_MAIN + "/Generated.java"), """
                package dev.alloclab.exercises.bump;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @interface Generated { }
                """);
        Path source = annotated.resolve(BUMP_MAIN + "/BumpAllocator.java");
        Files.writeString(source, Files.readString(source).replace("    public void reset() {",
                "    @Generated\n    public void reset() {").replace("    public List<HeapRegion> regions() {",
                "    @Generated\n    public List<HeapRegion> regions() {"));
        var bump = Curriculum.named("bump");
        // WHEN both are measured
        CoverageResult asWritten = new ExerciseCoverage(LearnerProject.locate(plain)).run(bump);
        CoverageResult hidden = new ExerciseCoverage(LearnerProject.locate(annotated)).run(bump);
        // THEN the annotated methods count as the plain ones do: the same lines and branches, the same misses
        assertThat(hidden.outcome()).isEqualTo(CoverageResult.Outcome.MEASURED);
        assertThat(hidden.lines()).as("lines with code").isEqualTo(asWritten.lines());
        assertThat(hidden.linesCovered()).isEqualTo(asWritten.linesCovered()).isLessThan(hidden.lines());
        assertThat(hidden.branches()).isEqualTo(asWritten.branches());
        assertThat(hidden.branchesCovered()).isEqualTo(asWritten.branchesCovered());
    }

    @Test
    void a_given_class_left_as_the_starter_has_it_is_not_measured(@TempDir Path dir) throws IOException {
        // GIVEN stack-frames solved, with an own test that never overflows the stack (so never constructs the given
        // FrameStackOverflowException, whose file is still exactly the starter's)
        String main = "src/main/java/dev/alloclab/exercises/stackframes";
        Path project = starter(dir);
        copyTree(KIT.resolve("solutions/" + main), project.resolve(main));
        Files.writeString(project.resolve("src/test/java/dev/alloclab/exercises/stackframes/FrameStackStudentTest.java"), """
                package dev.alloclab.exercises.stackframes;

                import static org.assertj.core.api.Assertions.assertThat;

                import org.junit.jupiter.api.Test;

                class FrameStackStudentTest {
                    @Test
                    void a_pushed_frame_starts_at_the_old_stack_length() {
                        FrameStack stack = new FrameStack(64);
                        assertThat(stack.push(8)).isZero();
                    }
                }
                """);
        // WHEN the student asks for the coverage
        CommandLineRun run = CommandLineRun.of("coverage", "stack-frames", "--project", project.toString());
        // THEN their own file is measured and the given one is not mentioned at all
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("FrameStack.java ").doesNotContain("FrameStackOverflowException.java");
        // AND changed, the given file is the student's and is measured
        Path given = project.resolve(main + "/FrameStackOverflowException.java");
        Files.writeString(given, Files.readString(given) + "// mine now\n");
        assertThat(CommandLineRun.of("coverage", "stack-frames", "--project", project.toString()).out())
                .contains("FrameStackOverflowException.java ");
    }

    @Test
    void thresholds_from_the_command_line_judge_the_same_coverage_and_say_where_they_come_from(@TempDir Path dir)
            throws IOException {
        // GIVEN bump solved with the alloc-only test, WHEN thresholds of 0 are passed (a rubric that asks nothing)
        Path project = solvedBump(dir, ALLOC_ONLY);
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--line", "0", "--branch", "0", "--project",
                project.toString());
        // THEN the same coverage earns everything, and the output names the default rubric's thresholds apart
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("thresholds: lines 0 %, branches 0 %, from --line and --branch (the default "
                + "rubric's are lines 70 % and branches 50 %)", "would earn the full coverage points with these thresholds.");
        // AND a ratio above 1 is bad input, in a sentence
        CommandLineRun bad = CommandLineRun.of("coverage", "bump", "--line", "70", "--project", project.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("--line 70.0 is not a coverage ratio: expected 0 <= ratio <= 1");
    }

    @Test
    void the_starters_own_student_test_unchanged_is_told_it_earns_nothing(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, its BumpAllocatorStudentTest exactly as the starter ships it
        Path project = solvedBump(dir, null);
        // WHEN the student asks for the coverage
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN no coverage is claimed: the example earns nothing, as the grader rules
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).startsWith("bump: your tests earn no coverage points yet: BumpAllocatorStudentTest is "
                + "exactly as the starter ships it").contains("Add tests of your own to it");
        // AND one changed character makes it count again (the rule compares the whole file)
        Path test = project.resolve(BUMP_STUDENT_TEST);
        Files.writeString(test, Files.readString(test).replace("One to start from:", "One to start from, and mine:"));
        assertThat(CommandLineRun.of("coverage", "bump", "--project", project.toString()).out())
                .startsWith("bump: coverage of your code by your own tests");
    }

    @Test
    void own_tests_in_a_class_named_studenttests_are_named_as_not_counted(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, the starter's example untouched, and the student's tests in BumpAllocatorStudentTests
        // (Surefire's *Tests pattern runs it under mvn test)
        Path project = solvedBump(dir, null);
        Files.writeString(project.resolve(BUMP_STUDENT_TEST.replace("StudentTest.java", "StudentTests.java")),
                ALLOC_ONLY.replace("class BumpAllocatorStudentTest ", "class BumpAllocatorStudentTests "));
        // WHEN the student asks for the coverage
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN the report names the file it did not count, the rule, and what to do, right under its first line
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out().lines().toList().get(1)).contains("not counted: BumpAllocatorStudentTests.java",
                "only classes whose name ends in StudentTest count", "Rename it to end in StudentTest");
    }

    @Test
    void a_failing_student_test_still_counts_but_is_named(@TempDir Path dir) throws IOException {
        // GIVEN a student test whose expectation is wrong (the first block starts after its 8-byte header, not at 0)
        Path project = solvedBump(dir, ALLOC_ONLY.replace("isEqualTo(BumpAllocator.HEADER_BYTES)", "isEqualTo(0)"));
        // WHEN measured
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN the coverage is measured all the same, and the failure is named
        assertThat(run.out()).contains("1 test, 0 pass", "1 of your 1 test fail; their coverage still counts",
                "- a_block_of_16_bytes_starts_after_its_header(): expected: 0");
    }

    /** Bump's own tests, with {@code extra} inside the class. */
    private static String bumpTestsWith(String extra) {
        return ALLOC_ONLY.replace("class BumpAllocatorStudentTest {", "class BumpAllocatorStudentTest {\n" + extra);
    }

    @Test
    void the_students_junit_platform_properties_apply_as_under_mvn_test_and_in_the_grade(@TempDir Path dir)
            throws IOException {
        // GIVEN own tests with a non-static @BeforeAll, legal because the project's junit-platform.properties makes
        // one instance per class (QA owntests27 finding 2: coverage showed 0 % and "add @Test methods")
        Path project = solvedBump(dir, bumpTestsWith("    private int runs;\n"
                + "    @org.junit.jupiter.api.BeforeAll void countRuns() { runs++; }\n"));
        Path settings = project.resolve("src/test/resources/junit-platform.properties");
        Files.writeString(settings, Files.readString(settings) + "\njunit.jupiter.testinstance.lifecycle.default = per_class\n");
        // WHEN measured
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN the test ran and passed
        assertThat(run.out()).as(run.out() + run.err()).contains("1 test, 1 pass").doesNotContain("No test ran");
    }

    @Test
    void own_tests_in_a_folder_below_the_exercises_are_not_counted_as_in_the_grade(@TempDir Path dir) throws IOException {
        // GIVEN bump's own tests moved into bump/mine/, package ...bump.mine (QA owntests27 finding 2b: coverage gave
        // full points, the grade 0 with a note)
        Path project = solvedBump(dir, null);
        Files.delete(project.resolve(BUMP_STUDENT_TEST));
        Path mine = Files.createDirectories(project.resolve(BUMP_STUDENT_TEST).getParent().resolve("mine"));
        Files.writeString(mine.resolve("BumpAllocatorStudentTest.java"), ALLOC_ONLY
                .replace("package dev.alloclab.exercises.bump;", "package dev.alloclab.exercises.bump.mine;\n"
                        + "import dev.alloclab.exercises.bump.BumpAllocator;"));
        // WHEN measured
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN it is named as the grade names it, and earns nothing
        assertThat(run.out()).as(run.out() + run.err()).contains("not counted: mine/BumpAllocatorStudentTest.java is in "
                + "a folder below the exercise's: the grader compiles such a file before any exercise, leaves it out");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void a_test_that_reads_basedir_finds_the_project_as_under_mvn_test(@TempDir Path dir) throws IOException {
        // GIVEN an own test that opens a file by the basedir Surefire sets (QA owntests27 finding 10: a
        // NullPointerException here, a pass under mvn test and in the grade)
        Path project = solvedBump(dir, bumpTestsWith("    @Test void sizes_from_a_file() throws Exception {\n"
                + "        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty(\"basedir\"),"
                + " \"src/test/resources/sizes.txt\"))).isEqualTo(\"8 16\");\n    }\n"));
        Files.writeString(project.resolve("src/test/resources/sizes.txt"), "8 16");
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(run.out()).as(run.out() + run.err()).contains("2 tests, 2 pass");
    }

    @Test
    void a_class_that_fails_as_a_whole_or_that_junit_refuses_is_named_with_why(@TempDir Path dir) throws IOException {
        // GIVEN own tests whose @BeforeAll throws (QA owntests27 finding 4: "0 tests ... add @Test methods")
        Path project = solvedBump(dir, bumpTestsWith("    @org.junit.jupiter.api.BeforeAll static void setUp() {\n"
                + "        throw new IllegalStateException(\"setup failed\");\n    }\n"));
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(run.out()).as(run.out() + run.err())
                .contains("- BumpAllocatorStudentTest (whole class): IllegalStateException: setup failed")
                .doesNotContain("No test ran");
        // AND own tests with a non-static @BeforeAll, which JUnit refuses without PER_CLASS: JUnit's own sentence
        Files.writeString(project.resolve(BUMP_STUDENT_TEST), bumpTestsWith(
                "    @org.junit.jupiter.api.BeforeAll void notStatic() { }\n"));
        CommandLineRun refused = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(refused.out()).as(refused.out() + refused.err()).contains("JUnit refused your tests: @BeforeAll "
                + "method 'void dev.alloclab.exercises.bump.BumpAllocatorStudentTest.notStatic()' must be static unless "
                + "the test class is annotated with @TestInstance(Lifecycle.PER_CLASS).").doesNotContain("No test ran");
    }

    @Test
    void disabled_tests_and_assumptions_are_skipped_with_their_reason_not_called_not_started(@TempDir Path dir)
            throws IOException {
        // GIVEN own tests beside the working one: one @Disabled, one whose assumption does not hold (QA owntests27
        // finding 7: both were "not started: they reach a method that still throws NotImplemented")
        Path project = solvedBump(dir, bumpTestsWith(
                "    @org.junit.jupiter.api.Test @org.junit.jupiter.api.Disabled(\"work in progress\") void later() { }\n"
                + "    @org.junit.jupiter.api.Test void elsewhere() {\n"
                + "        org.junit.jupiter.api.Assumptions.assumeTrue(false, \"not on this machine\");\n    }\n"));
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(run.out()).as(run.out() + run.err())
                .contains("2 of your tests were skipped (@Disabled, an assumption that did not hold, or a @Test JUnit does "
                        + "not run), so they cover nothing:", "- later(): work in progress",
                        "- elsewhere(): Assumption failed: not on this machine")
                .doesNotContain("NotImplemented");
    }

    @Test
    void a_test_junit_will_not_run_is_named_with_junits_reason(@TempDir Path dir) throws IOException {
        // GIVEN a private @Test beside the working one (QA owntests27 finding 11: mvn test warns, coverage said nothing)
        Path project = solvedBump(dir, bumpTestsWith("    @Test private void hidden_away() { }\n"));
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(run.out()).as(run.out() + run.err()).contains("- hidden_away(): JUnit does not run it: @Test method "
                + "'private void dev.alloclab.exercises.bump.BumpAllocatorStudentTest.hidden_away()' must not be private.");
    }

    @Test
    void a_failing_parameterized_case_is_named_with_its_method_and_a_null_by_its_variable(@TempDir Path dir)
            throws IOException {
        // GIVEN a parameterized own test whose second case fails, and one that dereferences a null local
        // (QA owntests27 findings 12 and 14: "[2] 16" alone, and "<local1>" where mvn test names the variable)
        Path project = solvedBump(dir, bumpTestsWith("    @org.junit.jupiter.params.ParameterizedTest\n"
                + "    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 16})\n"
                + "    void sizes_of_eight(int size) { assertThat(size).isEqualTo(8); }\n"
                + "    @Test void reads_a_null() { String s = null; s.length(); }\n"));
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(run.out()).as(run.out() + run.err()).contains("- sizes_of_eight(int) > [2] 16: ")
                .contains("because \"s\" is null");
    }

    @Test
    void a_compile_error_is_shown_as_the_compiler_says_it_without_a_stack_trace(@TempDir Path dir) throws IOException {
        // GIVEN a student test with a missing ';'
        Path project = solvedBump(dir, ALLOC_ONLY.replace("new BumpAllocator(HeapBytes.withMax(1024));",
                "new BumpAllocator(HeapBytes.withMax(1024))"));
        int broken = lineOf(project.resolve(BUMP_STUDENT_TEST), "class", "BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024))");
        // WHEN measured
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN exit 1 (as check), the file, line and message, and what to do
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).startsWith("bump: coverage not measured: the code does not compile, so no test ran:")
                .contains(BUMP_STUDENT_TEST + ":" + broken + ": ';' expected", "Fix the first error")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void an_unknown_exercise_is_bad_input_listing_the_exercises(@TempDir Path dir) throws IOException {
        // WHEN a name that is no exercise is measured
        CommandLineRun run = CommandLineRun.of("coverage", "bumb", "--project", starter(dir).toString());
        // THEN exit 2 and the ids (and package names) to choose from
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("coverage: there is no exercise 'bumb'.")
                .contains("stack-frames (stackframes), bump", "Use an id or a package name").doesNotContain("\tat ");
    }

    @Test
    void an_exercise_without_a_student_test_or_without_its_code_gets_a_sentence(@TempDir Path dir) throws IOException {
        // GIVEN bump solved but its StudentTest deleted, and vec's main code deleted
        Path project = solvedBump(dir, null);
        Files.delete(project.resolve(BUMP_STUDENT_TEST));
        Files.delete(project.resolve("src/main/java/dev/alloclab/exercises/vec/IntVec.java"));
        // WHEN each is measured THEN a sentence says what is missing and where, exit 1
        CommandLineRun noTest = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        assertThat(noTest.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(noTest.out()).startsWith("bump: coverage not measured: there is no ...StudentTest class in "
                + "src/test/java/dev/alloclab/exercises/bump/.");
        CommandLineRun noCode = CommandLineRun.of("coverage", "vec", "--project", project.toString());
        assertThat(noCode.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(noCode.out()).startsWith("vec: coverage not measured: there is no main code of vec in "
                + "src/main/java/dev/alloclab/exercises/vec/.");
    }

    @Test
    void own_tests_that_take_most_of_the_exercises_limit_in_the_grade_are_told_so(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, in a starter whose course gives 4 s per exercise (2 s per test), and own tests that each
        // pass within their 2 s but take 3 s together: more than half of what the exercise may take in the grade
        Path project = solvedBump(dir, """
                package dev.alloclab.exercises.bump;
                import static org.assertj.core.api.Assertions.assertThat;
                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;
                class BumpAllocatorStudentTest {
                    @Test
                    void first() throws InterruptedException {
                        Thread.sleep(1_500);
                        assertThat(new BumpAllocator(HeapBytes.withMax(1024)).alloc(16)).isEqualTo(BumpAllocator.HEADER_BYTES);
                    }

                    @Test
                    void second() throws InterruptedException {
                        Thread.sleep(1_500);
                        assertThat(new BumpAllocator(HeapBytes.withMax(1024)).alloc(8)).isEqualTo(BumpAllocator.HEADER_BYTES);
                    }
                }
                """);
        Files.writeString(project.resolve(dev.alloclab.companion.Course.FILE), "timeoutSeconds=4\n");
        // WHEN the student asks for bump's coverage
        CommandLineRun run = CommandLineRun.of("coverage", "bump", "--project", project.toString());
        // THEN the coverage is measured as usual, and a note says the tests may not fit the grader's time limit
        assertThat(run.out()).as(run.err()).contains("2 tests, 2 pass)")
                .containsPattern("note: your own tests took [3-9]\\.\\d s together; in the grade, an exercise's tests "
                        + "\\(yours and the grader's\\) share 4 s, and past that your tests are stopped");
        // AND with 2 s per exercise, less than they take, the headline and the exit code say the grade gives nothing
        // (QA owntests27 finding 9: "would earn the full coverage points", exit 0)
        Files.writeString(project.resolve(dev.alloclab.companion.Course.FILE), "timeoutSeconds=2\n");
        CommandLineRun past = CommandLineRun.of("coverage", "bump", "--project", project.toString(), "--timeout", "5");
        assertThat(past.out()).as(past.err()).contains("  would earn nothing in the grade: your tests take longer than "
                + "the exercise's 2 s, so the grader would stop them");
        assertThat(past.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        // AND with the default 20 s per exercise the same tests are quick enough to say nothing
        Files.delete(project.resolve(dev.alloclab.companion.Course.FILE));
        assertThat(CommandLineRun.of("coverage", "bump", "--project", project.toString()).out())
                .contains("2 tests, 2 pass)").doesNotContain("note: your own tests took");
    }
}
