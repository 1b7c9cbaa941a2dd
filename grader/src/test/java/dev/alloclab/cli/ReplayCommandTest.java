package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AlloclabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    private static Path trace(Path dir, String... lines) throws Exception {
        Path file = dir.resolve("t.rep");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void a_valid_replay_prints_validity_utilization_and_throughput_and_exits_0(@TempDir Path dir) throws Exception {
        // GIVEN a small trace whose peak live payload is 24 + 40 = 64 bytes
        Path file = trace(dir, "0", "2", "4", "1", "a 0 24", "a 1 40", "f 0", "f 1");
        // WHEN it is replayed on the reference first-fit
        int exit = run("replay", file.toString(), "--allocator", "first-fit", "--runs", "1", "--warmups", "0");
        // THEN it is valid, measured, and the exit code says so
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("valid       yes").contains("peak live payload 64 bytes")
                .containsPattern("throughput  \\d+ Kops/s");
    }

    @Test
    void many_notes_of_one_kind_are_counted_after_the_first_few_not_printed_one_by_one(@TempDir Path dir)
            throws Exception {
        // GIVEN a trace with one block and ten frees of blocks never allocated (a lenient reading each)
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("0", "11", "12", "1", "a 0 8", "f 0"));
        for (int id = 1; id <= 10; id++) {
            lines.add("f " + id);
        }
        Path file = trace(dir, lines.toArray(String[]::new));
        // WHEN it is replayed
        assertThat(run("replay", file.toString(), "--allocator", "first-fit", "--runs", "1", "--warmups", "0"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        // THEN three of them are printed and the other seven counted in one line
        assertThat(out.toString().lines().filter(l -> l.contains("frees a block never allocated"))).hasSize(4);
        assertThat(out.toString()).contains("... and 7 more of the kind \"'...' frees a block never allocated");
    }

    @Test
    void a_trace_without_a_live_block_or_without_operations_has_no_utilization_nor_throughput(@TempDir Path dir)
            throws Exception {
        // GIVEN a trace whose only request is larger than any heap, and one of no operations at all
        Path never = trace(dir, "0", "1", "2", "1", "a 0 4294967312", "f 0");
        // WHEN each is replayed
        assertThat(run("replay", never.toString(), "--allocator", "first-fit", "--runs", "1", "--warmups", "0"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        // THEN utilization is "-", as bench prints it, not 0.0 % (which reads as a terrible allocator)
        assertThat(out.toString()).contains("utilization -  (no live block at any point").doesNotContain("0.0 %");
        out.getBuffer().setLength(0);
        Path empty = trace(dir, "0", "0", "0", "1");
        assertThat(run("replay", empty.toString(), "--allocator", "first-fit", "--runs", "1", "--warmups", "0"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("throughput  -  (no operations to time)").doesNotContain("0 Kops/s");
    }

    @Test
    void bad_numbers_are_named_by_their_option_before_any_work_and_nothing_is_printed_or_written(@TempDir Path dir)
            throws Exception {
        // GIVEN a trace and a page that --html would write
        Path file = trace(dir, "0", "1", "2", "1", "a 0 8", "f 0");
        Path page = dir.resolve("steps.html");
        String[][] cases = {
            {"--runs", "0", "replay: --runs must be at least 1 (the median of that many timed runs is reported), but was 0."},
            {"--runs", "1000000000", "replay: --runs must be at most 10000 (each run replays the whole trace; the median "
                    + "hardly moves after a few dozen), but was 1000000000."},
            {"--warmups", "-1", "replay: --warmups must be 0 or more (untimed runs before the timed ones), but was -1."},
            {"--max-steps", "0", "replay: --max-steps must be at least 1 (how many operations --html and --picture svg "
                    + "draw), but was 0."},
        };
        for (String[] c : cases) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            // WHEN replay is given the bad number
            int exit = run("replay", file.toString(), "--html", page.toString(), c[0], c[1]);
            // THEN it is bad input, the sentence names the option and ends with a full stop, and no report or page came first
            assertThat(exit).as(c[0]).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(err.toString().strip()).as(c[0]).isEqualTo(c[2]);
            assertThat(out.toString()).as(c[0]).isEmpty();
            assertThat(page).as(c[0]).doesNotExist();
        }
    }

    @Test
    void a_long_trace_says_what_it_is_about_to_do_and_a_short_one_stays_quiet(@TempDir Path dir) throws Exception {
        // GIVEN a trace of 100,000 operations (50,000 blocks of 16 bytes, each allocated and freed)
        StringBuilder text = new StringBuilder("0\n50000\n100000\n1\n");
        for (int i = 0; i < 50_000; i++) {
            text.append("a ").append(i).append(" 16\nf ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("long.rep"), text);
        // WHEN it is replayed
        int exit = run("replay", file.toString(), "--runs", "1", "--warmups", "0");
        // THEN standard error announces the runs before they start
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("replay: 100,000 operations on segregated: one validated run, then 0 warm-up runs and 1 timed run");
        // AND a short trace prints nothing there
        StringWriter quiet = new StringWriter();
        AlloclabCommand.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(quiet))
                .execute("replay", trace(dir, "0", "1", "2", "1", "a 0 8", "f 0").toString(), "--runs", "1");
        assertThat(quiet.toString()).isEmpty();
    }

    @Test
    void a_heap_limit_beyond_what_java_was_given_is_a_sentence_and_exit_2_not_a_stack_trace(@TempDir Path dir)
            throws Exception {
        // GIVEN a trace that grows the heap to 300 MB, and a JVM with 64 MB of memory
        Path file = trace(dir, "0", "1", "2", "1", "a 0 300000000", "f 0");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // WHEN it is replayed with a heap limit that allows it
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                AlloclabCommand.class.getName(), "replay", file.toString(), "--heap-max", "512MiB", "--runs", "1")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // THEN the command says Java has no room for that heap and what to do, with exit code 2
        assertThat(child.waitFor()).as(output).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(output).contains("replay: the Java VM has no room for a simulated heap of", "--heap-max", "-Xmx")
                .doesNotContain("OutOfMemoryError", "Exception in thread", "threw");
    }

    @Test
    void an_allocator_that_runs_out_of_memory_exits_1_with_the_broken_op(@TempDir Path dir) throws Exception {
        // GIVEN two blocks of 19 MB: together more than Malloc Lab's 20 MiB heap
        Path file = trace(dir, "0", "2", "2", "1", "a 0 19000000", "a 1 19000000");
        int exit = run("replay", file.toString(), "--allocator", "first-fit", "--picture", "none");
        assertThat(exit).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(out.toString()).contains("valid       NO").contains("out of memory at op 2 (trace line 6: a 1 19000000)")
                .contains("not measured");
        // AND with a heap that may grow to 40 MiB the same trace is valid; on the checked heap only its leaks are left
        out.getBuffer().setLength(0);
        assertThat(run("replay", file.toString(), "--allocator", "segregated", "--heap-max", "40MiB", "--runs", "1",
                "--warmups", "0")).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("valid       yes");
        out.getBuffer().setLength(0);
        run("replay", file.toString(), "--allocator", "segregated", "--heap-max", "40MiB", "--check");
        // (the headline counts the leaks: both 19000000-byte blocks are never freed)
        assertThat(out.toString()).contains("mistakes    0, leaks 2 (38000000 bytes never freed)", "leak: 19000000 bytes")
                .doesNotContain("out of memory");
    }

    @Test
    void a_bad_trace_exits_2_with_file_line_and_column(@TempDir Path dir) throws Exception {
        Path file = trace(dir, "0", "1", "1", "1", "a 0 abc");
        assertThat(run("replay", file.toString(), "--allocator", "first-fit")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains(file + ":5:5: expected a block size");
    }

    @Test
    void lenient_quirks_are_listed_and_strict_mode_rejects_them(@TempDir Path dir) throws Exception {
        Path file = trace(dir, "0", "1", "2", "1", "f -1", "a 0 8", "f 0");
        assertThat(run("replay", file.toString(), "--allocator", "first-fit", "--runs", "1")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("line 5: 'f -1' frees null").contains("line 7: more operations");
        assertThat(run("replay", file.toString(), "--allocator", "first-fit", "--strict")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void a_teaching_trace_needs_check_and_with_it_reports_the_programs_mistake() {
        // WHEN the double-free teaching trace is replayed as a Malloc Lab trace THEN it is refused (2)
        assertThat(run("replay", "teaching/double-free", "--allocator", "first-fit")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--check");
        // WHEN it is replayed on the checked heap THEN the double free is reported at its line (1)
        assertThat(run("replay", "teaching/double-free.rep", "--allocator", "first-fit", "--check"))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(out.toString()).contains("mistakes    1").contains("double-free").contains("trace line 13");
    }

    @Test
    void strict_replay_notes_are_not_headed_as_lenient_quirks(@TempDir Path dir) throws Exception {
        // GIVEN a strict trace whose write reaches past any heap index (a replay note, not a parse quirk)
        Path file = trace(dir, "0", "1", "3", "1", "a 0 16", "w 0 4294967296 4", "f 0");
        // WHEN it is replayed with --check --strict
        assertThat(run("replay", file.toString(), "--allocator", "first-fit", "--check", "--strict"))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        // THEN the note stands under the replay's heading, not under "use --strict to reject"
        assertThat(out.toString()).contains("notes       from the replay:\n              line 6: 'w 0 4294967296 4'")
                .doesNotContain("lenient");
    }

    @Test
    void a_lenient_quirk_and_a_replay_note_stand_under_their_own_headings(@TempDir Path dir) throws Exception {
        // GIVEN a trace with a quirk (f -1) and an alloc larger than any heap
        Path file = trace(dir, "0", "1", "3", "1", "f -1", "a 0 99999999999", "f 0");
        // WHEN it is replayed leniently on the checked heap
        run("replay", file.toString(), "--allocator", "first-fit", "--check");
        // THEN each note is under its heading
        assertThat(out.toString())
                .contains("notes       accepted as a lenient parse (use --strict to reject):\n              line 5: 'f -1'")
                .contains("notes       from the replay:\n              line 6: 'a 0 99999999999'");
    }

    @Test
    void checked_reports_name_each_block_with_the_traces_own_id() {
        // WHEN the leak teaching trace (whose block 1 is never freed) is replayed on the checked heap
        assertThat(run("replay", "teaching/leak", "--allocator", "first-fit", "--check"))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        // THEN the leak names block #2, the heap's number, with the trace's id 1
        assertThat(out.toString()).containsPattern("leak: 64 bytes in block #2 \\(trace id 1\\) \\[\\d+, \\d+\\)");
    }

    @Test
    void a_clean_program_on_the_checked_heap_exits_0(@TempDir Path dir) throws Exception {
        Path file = trace(dir, "0", "1", "4", "1", "a 0 16", "w 0 0 16", "rd 0 8 8", "f 0");
        assertThat(run("replay", file.toString(), "--allocator", "first-fit", "--check")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("mistakes    0, no leaks");
    }

    @Test
    void a_folder_is_not_a_trace_and_the_sentence_names_the_command_for_folders(@TempDir Path dir) {
        assertThat(run("replay", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("is a folder, and replay takes one trace")
                .contains("alloclab bench --traces " + dir);
    }

    @Test
    void unknown_traces_and_allocators_are_sentences_with_exit_2() {
        assertThat(run("replay", "no-such-trace", "--allocator", "first-fit")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("neither a trace file nor a bundled trace").contains("random-1");
        assertThat(run("replay", "random-1", "--allocator", "no-such")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no allocator is called 'no-such'");
    }

    @Test
    void without_allocator_the_kit_segregated_allocator_replays_as_bench_does() {
        assertThat(run("replay", "random-1", "--runs", "1", "--warmups", "0")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("segregated").contains("valid       yes");
    }
}
