package dev.alloclab.cli;

import static dev.alloclab.cli.CompanionCommandsTest.copyTree;
import static dev.alloclab.cli.CompanionCommandsTest.starter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.PolicyLimits;
import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alloclab measure EXERCISE}: the Malloc Lab table for the learner's own allocator, on a starter-shaped copy
 * of the kit's exercises with reference solutions copied in (or planted bugs). Quick settings throughout
 * ({@code --runs 1 --warmups 0}): these tests look at validity, utilization and the sentences, not at speed.
 */
class MeasureCommandTest {
    private static final Path KIT = KitRoot.path();
    private static final String MAIN = "src/main/java/dev/alloclab/exercises/";

    private static Path solved(Path dir, String packageName) throws IOException {
        Path project = starter(dir);
        copyTree(KIT.resolve("solutions/" + MAIN + packageName), project.resolve(MAIN + packageName));
        return project;
    }

    /**
     * Plants a bug: replaces {@code old} (which must be there, or the test no longer checks what it says) with
     * {@code replacement} in {@code file} of {@code project}'s main code.
     */
    private static void patch(Path project, String file, String old, String replacement) throws IOException {
        Path path = project.resolve(MAIN + file);
        String source = Files.readString(path);
        assertThat(source).as("the bug's patch no longer applies to %s", file).contains(old);
        Files.writeString(path, source.replace(old, replacement));
    }

    private static CommandLineRun measure(Path project, String exercise, String traces) {
        return CommandLineRun.of("measure", exercise, "--project", project.toString(), "--traces", traces,
                "--runs", "1", "--warmups", "0");
    }

    /** The utilization a table's row for {@code trace} shows, as printed (e.g. {@code 89.7%}), under {@code heading}. */
    private static String utilization(String out, String heading, String trace) {
        String table = out.substring(out.indexOf(heading));
        Matcher row = Pattern.compile("(?m)^  " + Pattern.quote(trace) + " +\\d+ +yes +(\\d+\\.\\d%)").matcher(table);
        assertThat(row.find()).as("a valid row for %s under '%s' in:%n%s", trace, heading, out).isTrue();
        return row.group(1);
    }

    @Test
    void explicit_list_gets_one_table_per_policy_and_its_address_ordered_fits_match_the_kits_reference_policies(
            @TempDir Path dir) throws IOException {
        // GIVEN explicit-list solved
        Path project = solved(dir, "explicitlist");
        // WHEN the learner measures it on one of the kit's traces, and the kit's reference policies are benched on it
        CommandLineRun yours = measure(project, "explicit-list", "random-1");
        CommandLineRun reference = CommandLineRun.of("bench", "--allocator", "first-fit,best-fit,next-fit",
                "--traces", "random-1", "--runs", "1", "--warmups", "0");
        // THEN there is a table for each placement and list order, every replay valid
        assertThat(yours.exitCode()).as(yours.out() + yours.err()).isZero();
        for (String placement : new String[] {"first-fit", "best-fit", "next-fit"}) {
            for (String order : new String[] {"lifo", "address"}) {
                assertThat(yours.out()).contains("Allocator your explicit-list (" + placement + ", " + order + "): 1 trace");
            }
            // AND the learner's class, placing by address order, lands on exactly the reference's utilization:
            // two implementations of one policy, so the table measures the class the learner wrote
            assertThat(utilization(yours.out(), "your explicit-list (" + placement + ", address)", "random-1.rep"))
                    .isEqualTo(utilization(reference.out(), "Allocator " + placement + ":", "random-1.rep"));
        }
        // AND the index note of the graded exercise is not printed for an exercise whose grade has no performance part
        assertThat(yours.out()).doesNotContain("performance index above");
        assertThat(project.resolve("target/alloclab-measure")).isEmptyDirectory();
    }

    @Test
    void a_bug_is_shown_at_its_first_broken_operation_and_the_command_exits_1(@TempDir Path dir) throws IOException {
        // GIVEN implicit-list solved, then broken: the payload starts at the block's header (a classic slip)
        Path project = solved(dir, "implicitlist");
        patch(project, "implicitlist/ImplicitFreeListAllocator.java", "return block + TAG_BYTES;", "return block;");
        // WHEN the learner measures it, with the step-through page
        Path page = dir.resolve("steps.html");
        CommandLineRun run = CommandLineRun.of("measure", "implicit-list", "--project", project.toString(), "--traces",
                "coalescing", "--runs", "1", "--warmups", "0", "--html", page.toString());
        // THEN the row says it is not valid, and the validator's report of the first broken operation follows
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).containsPattern("coalescing\\.rep +\\d+ +no")
                .contains("The first broken operation, your implicit-list on coalescing.rep:", "What to do:")
                // replay takes only the kit's registered allocators: no command line the learner cannot run
                .doesNotContain("alloclab replay coalescing.rep --allocator your");
        // AND the page steps through the trace up to the broken operation, with the trace's own comments
        assertThat(run.out()).containsPattern("step-through page: .*steps\\.html, 1 steps of coalescing\\.rep on your "
                + "implicit-list");
        assertThat(page).content().contains("coalescing.rep on your implicit-list", "misaligned");
    }

    @Test
    void the_graded_allocator_gets_its_table_and_the_note_that_the_grade_uses_the_courses_rubric(@TempDir Path dir)
            throws IOException {
        // GIVEN segregated-fits solved
        Path project = solved(dir, "segregated");
        // WHEN the learner measures it on a trace of the kit's suite
        CommandLineRun run = measure(project, "segregated-fits", "binary-tiny-big");
        // THEN the table has its valid row, and the note says the grade's performance part is the rubric's
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Allocator your segregated-fits: 1 trace")
                .containsPattern("binary-tiny-big\\.rep +9600 +yes +\\d+\\.\\d%")
                .contains("the grade scores segregated-fits' performance part with your course's rubric");
        assertThat(run.err()).contains("bench: your segregated-fits: binary-tiny-big.rep (1/1)");
    }

    @Test
    void buddy_is_given_the_largest_power_of_two_arena_the_heap_holds_and_the_table_says_what_its_utilization_means(
            @TempDir Path dir) throws IOException {
        Path project = solved(dir, "buddy");
        CommandLineRun run = CommandLineRun.of("measure", "buddy", "--project", project.toString(), "--traces",
                "coalescing", "--runs", "1", "--warmups", "0", "--heap-max", "3MiB");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Allocator your buddy (arena of 2 MiB)",
                "Your buddy takes its arena of 2,097,152 bytes from the heap when it is made");
    }

    @Test
    void a_stub_is_not_started_a_compile_error_is_named_and_neither_is_bad_input(@TempDir Path dir) throws IOException {
        // GIVEN a fresh starter: every exercise still a stub
        Path project = starter(dir);
        // WHEN segregated-fits is measured, THEN one sentence says it is not started and which method to write
        CommandLineRun stub = measure(project, "segregated-fits", "coalescing");
        assertThat(stub.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(stub.err()).contains("segregated-fits is not started yet", "SegregatedFitsAllocator.alloc",
                "./alloclab hint segregated-fits").doesNotContain("\tat ");
        assertThat(stub.out()).isEmpty();

        // GIVEN bump with a syntax error, WHEN it is measured, THEN the compiler's line is shown
        Path bump = project.resolve(MAIN + "bump/BumpAllocator.java");
        Files.writeString(bump, Files.readString(bump).replaceFirst("\\}\\s*$", ""));
        CommandLineRun broken = measure(project, "bump", "coalescing");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(broken.err()).contains("bump does not compile, so it cannot be measured", "BumpAllocator.java:");
    }

    @Test
    void an_exercise_that_is_no_allocator_is_bad_input_with_the_exercises_measure_takes(@TempDir Path dir)
            throws IOException {
        CommandLineRun run = measure(starter(dir), "vec", "coalescing");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'vec' is not an allocator",
                "measure takes bump, implicit-list, explicit-list, segregated-fits, buddy", "./alloclab check vec")
                .doesNotContain("compiling");
        // AND a --traces that names nothing is refused before anything is compiled, with the names there are
        CommandLineRun noTrace = measure(starter(dir.resolve("again")), "bump", "no-such-trace");
        assertThat(noTrace.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noTrace.err()).contains("--traces names 'no-such-trace', which is neither a file or folder nor one "
                + "of the kit's traces (", "coalescing").doesNotContain("compiling");
    }

    @Test
    void an_allocator_that_never_returns_is_stopped_with_where_it_was(@TempDir Path dir) throws IOException {
        // GIVEN implicit-list solved, then stuck in dealloc. (A sleep, not a spin: the test JVM cannot kill the
        // abandoned thread, and a sleep ends at the interrupt the watch sends; a learner's spinning loop would not.)
        Path project = solved(dir, "implicitlist");
        String dealloc = "public void dealloc(int index) {";
        patch(project, "implicitlist/ImplicitFreeListAllocator.java", dealloc, dealloc + """

                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException stopped) {
                            throw new IllegalStateException(stopped);
                        }""");
        // WHEN it is measured with a short limit
        CommandLineRun run = CommandLineRun.of("measure", "implicit-list", "--project", project.toString(), "--traces",
                "coalescing", "--runs", "1", "--warmups", "0", "--timeout", "2");
        // THEN the run stops after the limit, says where the code was, and exits 1 with no table
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).contains("measuring your implicit-list stopped after 2 s without progress",
                "your code did not return", "it was in ImplicitFreeListAllocator.dealloc (ImplicitFreeListAllocator.java:",
                "--timeout");
        assertThat(run.out()).doesNotContain("Allocator your implicit-list");
    }

    @Test
    void html_of_several_valid_traces_asks_for_one_and_writes_nothing(@TempDir Path dir) throws IOException {
        // GIVEN bump solved and a folder of two small traces it replays validly
        Path project = solved(dir, "bump");
        Path traces = Files.createDirectories(dir.resolve("traces"));
        Files.writeString(traces.resolve("one.rep"), "4096\n2\n2\n1\na 0 24\na 1 40\n");
        Files.writeString(traces.resolve("two.rep"), "4096\n1\n2\n1\na 0 100\nf 0\n");
        Path page = dir.resolve("steps.html");
        // WHEN it is measured with --html
        CommandLineRun run = CommandLineRun.of("measure", "bump", "--project", project.toString(), "--traces",
                traces.toString(), "--runs", "1", "--warmups", "0", "--html", page.toString());
        // THEN both traces are valid, no page is written, and the sentence says how to choose a trace
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).containsPattern("one\\.rep +2 +yes").containsPattern("two\\.rep +2 +yes");
        assertThat(run.err()).contains("every trace replayed valid", "pass one with --traces");
        assertThat(page).doesNotExist();
    }

    @Test
    void the_page_of_a_corrupted_heap_ends_at_the_broken_rule_and_is_not_cut_by_the_step_limit(@TempDir Path dir)
            throws IOException {
        // GIVEN implicit-list solved, then splitting a block 8 bytes too low: the free remainder overwrites the
        // allocated block's footer, a later free walks a corrupted heap and throws, and the allocator's later calls
        // would loop on it
        Path project = solved(dir, "implicitlist");
        patch(project, "implicitlist/ImplicitFreeListAllocator.java", "writeTags(block + needed, available - needed, false);",
                "writeTags(block + needed - 8, available - needed + 8, false);");
        Path page = dir.resolve("steps.html");
        // WHEN it is measured on a long trace with its step-through page
        CommandLineRun run = CommandLineRun.of("measure", "implicit-list", "--project", project.toString(), "--traces",
                "random-1", "--runs", "1", "--warmups", "0", "--html", page.toString(), "--timeout", "20");
        // THEN the page is drawn up to the broken operation and no further (the replay does not go on into a loop),
        // and says nothing of a step limit it never reached
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).doesNotContain("without progress");
        assertThat(run.out()).containsPattern("step-through page: .*steps\\.html, \\d+ steps of random-1\\.rep on your "
                + "implicit-list\\R").doesNotContain("raise --max-steps");
        assertThat(page).content().contains("the last step drawn");
    }

    @Test
    void a_class_that_cannot_be_made_is_one_sentence_before_any_trace(@TempDir Path dir) throws IOException {
        String ctor = "this.heap = Checks.notNull(heap, \"heap\");";
        // a constructor that throws, a static initializer that throws, an abstract class: each told once, exit 1
        String[][] breaks = {
            {ctor, ctor + " if (heap != null) { throw new IllegalStateException(\"not today\"); }",
                "your implicit-list's constructor threw IllegalStateException: not today"},
            {"public static final int TAG_BYTES = 4;", "public static final int TAG_BYTES = Integer.parseInt(\"four\");",
                "your implicit-list's class cannot be loaded: its static initializer threw NumberFormatException"},
            {"public final class ImplicitFreeListAllocator", "public abstract class ImplicitFreeListAllocator",
                "ImplicitFreeListAllocator is abstract, so measure cannot make one"}};
        for (int i = 0; i < breaks.length; i++) {
            Path project = solved(dir.resolve("case-" + i), "implicitlist");
            patch(project, "implicitlist/ImplicitFreeListAllocator.java", breaks[i][0], breaks[i][1]);
            CommandLineRun run = measure(project, "implicit-list", "coalescing");
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(run.err()).contains(breaks[i][2]).doesNotContain("\tat ", "bench: your implicit-list: coalescing");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void a_policy_not_written_yet_costs_its_own_tables_and_html_onto_a_folder_is_refused_before_measuring(
            @TempDir Path dir) throws IOException {
        // GIVEN explicit-list solved but for next fit, whose constructor still refuses
        Path project = solved(dir, "explicitlist");
        String line = "this.placement = Checks.notNull(placement, \"placement\");";
        patch(project, "explicitlist/ExplicitFreeListAllocator.java", line, line + " if (placement == Placement.NEXT_FIT) "
                + "{ throw new UnsupportedOperationException(\"next fit comes later\"); }");
        // WHEN it is measured
        CommandLineRun run = measure(project, "explicit-list", "coalescing");
        // THEN the four other tables are there, and a line per left-out policy says why
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Allocator your explicit-list (first-fit, lifo)",
                "Allocator your explicit-list (best-fit, address)",
                "your explicit-list (next-fit, lifo): not measured: your explicit-list's constructor threw "
                        + "UnsupportedOperationException: next fit comes later")
                .doesNotContain("Allocator your explicit-list (next-fit");

        // AND --html naming a folder is refused at once, before anything is compiled or measured
        CommandLineRun folder = CommandLineRun.of("measure", "explicit-list", "--project", project.toString(),
                "--traces", "coalescing", "--html", dir.toString());
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(folder.err()).contains("--html names the folder").doesNotContain("compiling");
    }

    @Test
    void a_constructor_that_throws_only_later_costs_the_traces_it_throws_in_and_fails_as_the_code_s_fault(@TempDir Path dir)
            throws IOException {
        // GIVEN implicit-list solved, whose constructor refuses every allocator after the first
        Path project = solved(dir, "implicitlist");
        String ctor = "this.heap = Checks.notNull(heap, \"heap\");";
        String type = "public final class ImplicitFreeListAllocator implements Allocator {";
        patch(project, "implicitlist/ImplicitFreeListAllocator.java", ctor,
                ctor + " if (++made > 1) { throw new IllegalStateException(\"only one\"); }");
        patch(project, "implicitlist/ImplicitFreeListAllocator.java", type, type + "\n    private static int made;");
        // WHEN it is measured
        CommandLineRun run = measure(project, "implicit-list", "coalescing");
        // THEN the trace is left out with the constructor's exception, the run fails as the code's (not the trace's)
        // fault with a sentence saying why, and no stack trace ends the run
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.err()).contains("its constructor threw IllegalStateException: only one",
                "constructor worked once and then threw").doesNotContain("\tat ", "internal error", "move them out of");
    }

    @Test
    void a_request_larger_than_the_heap_is_marked_without_sending_the_learner_to_replay(@TempDir Path dir)
            throws IOException {
        // GIVEN implicit-list solved and a trace with one request no heap holds
        Path project = solved(dir, "implicitlist");
        Path trace = Files.writeString(dir.resolve("large.rep"), "0\n2\n4\n1\na 0 36507238400\na 1 64\nf 1\nf 0\n");
        // WHEN it is measured
        CommandLineRun run = measure(project, "implicit-list", trace.toString());
        // THEN the footnote says what was changed, and points at no command (replay runs only the kit's allocators,
        // and a starter has none)
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("large.rep: 1 request larger than the heap").doesNotContain("alloclab replay");
    }

    @Test
    void the_reference_answers_run_out_of_memory_only_where_their_policy_makes_them_and_that_fails_nothing(
            @TempDir Path dir) throws IOException {
        // GIVEN bump and explicit-list solved as the reference solutions solve them
        Path project = solved(dir, "bump");
        copyTree(KIT.resolve("solutions/" + MAIN + "explicitlist"), project.resolve(MAIN + "explicitlist"));
        for (String exercise : new String[] {"bump", "explicit-list"}) {
            // WHEN each is measured on the kit's suite at the default heap limit
            CommandLineRun run = CommandLineRun.of("measure", exercise, "--project", project.toString(), "--runs", "1",
                    "--warmups", "0");
            // THEN the traces they run out on are exactly the ones PolicyLimits names (bump's one table, and each of
            // explicit-list's three LIFO tables), a note says why, and the command passes: nothing is broken
            assertThat(run.exitCode()).as(exercise + ": " + run.out() + run.err()).isZero();
            // (an invalid row shows no utilization, as Malloc Lab's driver prints it)
            Matcher failed = Pattern.compile("(?m)^  (\\S+\\.rep) +\\d+ +no +- ").matcher(run.out());
            List<String> failedRows = new ArrayList<>();
            while (failed.find()) {
                failedRows.add(failed.group(1));
            }
            int tablesThatRunOut = exercise.equals("bump") ? 1 : 3;
            assertThat(new HashSet<>(failedRows)).as(exercise).isEqualTo(PolicyLimits.REFERENCE_RUNS_OUT);
            assertThat(failedRows).as(exercise).hasSize(tablesThatRunOut * PolicyLimits.REFERENCE_RUNS_OUT.size());
            assertThat(run.out()).contains("The reference solution runs out on the same traces")
                    .doesNotContain("The first broken operation", "(first-fit, address) ran out");
        }
        // AND an address-ordered explicit list or an implicit list that runs out is not excused
        assertThat(PolicyLimits.why("explicit-list", "your explicit-list (best-fit, address)")).isEmpty();
        assertThat(PolicyLimits.why("implicit-list", "your implicit-list")).isEmpty();
    }
}
