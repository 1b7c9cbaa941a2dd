package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.bench.BackgroundCompilation;
import dev.alloclab.cli.bench.Gcc;
import dev.alloclab.grader.ProcessRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code alloclab bench} on a small folder of traces: output fields and exit codes, never timings. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * Runs bench in this JVM. Without a warm-up unless the test asks for one: these tests check what bench prints,
     * never how fast anything is, and the default warm-up (10 runs and 300 ms per trace) cost minutes of every build.
     */
    private int bench(String... args) {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        if (!all.contains("--warmups")) {
            all.addAll(List.of("--warmups", "0"));
        }
        return AlloclabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all.toArray(String[]::new));
    }

    /** What bench printed on standard output, read as JSON (fails the test if it is not). */
    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    /** The first allocator's object of the JSON. */
    private JsonNode firstAllocator() throws Exception {
        return json().get("allocators").get(0);
    }

    private void writeTraces() throws Exception {
        // two blocks of 200 and 300 bytes live together: peak 500 payload bytes
        Files.writeString(dir.resolve("pair.rep"), "0\n2\n4\n1\na 0 200\na 1 300\nf 0\nf 1\n");
        Files.writeString(dir.resolve("grow.rep"), "0\n1\n3\n1\na 0 64\nr 0 640\nf 0\n");
    }

    @Test
    void json_lists_every_trace_with_ops_utilization_and_kops_and_the_averages() throws Exception {
        // GIVEN a folder with two traces
        writeTraces();
        // WHEN two allocators are benched as JSON
        int exit = bench("--allocator", "implicit,segregated", "--traces", dir.toString(), "--runs", "1",
                "--format", "json");
        // THEN it succeeds and the JSON holds both allocators, each trace's fields and the averages
        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = json();
        assertThat(json.get("allocators").findValuesAsText("allocator")).containsExactly("implicit", "segregated");
        for (JsonNode allocator : json.get("allocators")) {
            JsonNode traces = allocator.get("traces");
            assertThat(traces.findValuesAsText("trace")).containsExactly(dir.resolve("grow.rep").toString(),
                    dir.resolve("pair.rep").toString());
            assertThat(traces.findValues("ops")).extracting(JsonNode::asInt).containsExactly(3, 4);
            assertThat(traces).allSatisfy(t -> assertThat(t.get("utilization").isNumber() && t.get("kops").isNumber()).isTrue());
            assertThat(allocator.get("averages").get("utilization").isNumber()).isTrue();
            assertThat(allocator.get("performanceIndex").isNumber()).isTrue();
            assertThat(allocator.get("throughputTarget").get("source").asText()).isEqualTo("fixed");
        }
        assertThat(err.toString()).contains("bench: segregated: ", "(2/2)");
        // AND standard error, never the JSON, says how to time compiled code when this JVM compiles in the background
        BackgroundCompilation.noteForThisJvm().ifPresentOrElse(note -> assertThat(err.toString()).contains(note),
                () -> assertThat(err.toString()).doesNotContain("compiles in the background"));
    }

    @Test
    void a_folder_of_traces_is_tabled_by_file_name_with_every_column_in_line() throws Exception {
        // GIVEN a folder, given by its full path, with two traces, one with a long name
        writeTraces();
        Files.writeString(dir.resolve("a-rather-long-trace-name-from-a-course.rep"), "0\n1\n2\n1\na 0 8\nf 0\n");
        // WHEN it is benched as a table
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        assertThat(exit).as(err.toString()).isZero();
        // THEN each row starts with the file name, not the path the user already typed
        java.util.List<String> lines = out.toString().lines().toList();
        java.util.List<String> rows = lines.stream().filter(l -> l.startsWith("  ") && l.contains(".rep")).toList();
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row).doesNotContain(dir.toString()));
        assertThat(rows.get(0)).startsWith("  a-rather-long-trace-name-from-a-course.rep ");
        // AND the ops column ends at the same place on the heading, every row and the total
        String heading = lines.stream().filter(l -> l.startsWith("  trace")).findFirst().orElseThrow();
        int end = heading.indexOf("ops") + "ops".length();
        String total = lines.stream().filter(l -> l.startsWith("  total / average")).findFirst().orElseThrow();
        for (String row : java.util.List.of(rows.get(0), rows.get(1), rows.get(2), total)) {
            assertThat(row.charAt(end - 1)).as(row).isBetween('0', '9');
            assertThat(row.charAt(end)).as(row).isEqualTo(' ');
        }
    }

    @Test
    void text_table_shows_util_from_peak_payload_over_heap_size() throws Exception {
        writeTraces();
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        assertThat(exit).isZero();
        // the segregated heap for pair.rep is a small heap (no table of list heads yet): the table word (4), the
        // table's room kept free at the bottom (184: neither block fits it), 208 + 304 bytes of blocks, the epilogue (4)
        double expected = 500.0 / (4 + 184 + 208 + 304 + 4);
        assertThat(out.toString()).contains("pair.rep", String.format(java.util.Locale.ROOT, "%.1f%%", 100 * expected),
                "performance index", "the fixed target");
    }

    @Test
    void a_missing_folder_an_empty_folder_and_an_unknown_allocator_are_bad_input() throws Exception {
        assertThat(bench("--traces", dir.resolve("nope").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("trace folder '" + dir.resolve("nope") + "' does not exist.")
                .doesNotContain("holds no .rep files", "nor is it one of the kit's traces");
        // a bare word is likely a trace's name mistyped: the sentence lists the names
        assertThat(bench("--traces", "coalesing")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("trace folder 'coalesing' does not exist, nor is it one of the kit's traces (",
                "coalescing, ");
        assertThat(bench("--traces", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("holds no .rep files");
        writeTraces();
        assertThat(bench("--allocator", "no-such", "--traces", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no allocator is called 'no-such'");
        assertThat(bench("--traces", dir.toString(), "--format", "xml")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bench("--traces", dir.toString(), "--runs", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        // AND so are "--allocator ," (no name at all, where it measured nothing and exited 0) and a billion runs
        // (where the JVM ran out of memory for the runs' times and blamed the input)
        assertThat(bench("--allocator", ",", "--traces", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--allocator names no allocator. Give at least one, comma-separated: ");
        assertThat(bench("--traces", dir.toString(), "--runs", "1000000000")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--runs must be at most 10000");
        // AND a word where a count belongs is "not a whole number", not picocli's "not an int"
        assertThat(bench("--traces", dir.toString(), "--runs", "abc")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("'abc' is not a whole number").doesNotContain("is not an int");
        // AND a whole number past an int is said to be too big, not "not a whole number"
        assertThat(bench("--traces", dir.toString(), "--runs", "99999999999")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("'99999999999' is too far from 0 (at most 2147483647 either way)")
                .doesNotContain("'99999999999' is not");
        // AND a space after a comma is no part of the next name
        err.getBuffer().setLength(0);
        assertThat(bench("--allocator", "first-fit, implicit", "--traces", dir.toString(), "--runs", "1")).isZero();
        assertThat(out.toString()).contains("Allocator implicit");
    }

    @Test
    void a_bundled_trace_name_is_benched_as_replay_takes_it() throws Exception {
        // GIVEN no file or folder called coalescing here WHEN --traces names the bundled trace
        int exit = bench("--allocator", "first-fit", "--traces", "coalescing", "--runs", "1", "--format", "json");
        // THEN that one trace is benched
        assertThat(exit).as(err.toString()).isZero();
        assertThat(firstAllocator().get("traces").findValuesAsText("trace")).containsExactly("coalescing.rep");
    }

    @Test
    void a_REP_file_is_a_trace_a_dangling_link_is_named_and_a_folder_of_bad_files_lists_each() throws Exception {
        // GIVEN a trace named as a course folder copied off Windows names it, and a link to a file that is gone
        Files.writeString(dir.resolve("PAIR.REP"), "0\n2\n4\n1\na 0 200\na 1 300\nf 0\nf 1\n");
        boolean linked = true;
        try {
            Files.createSymbolicLink(dir.resolve("gone.rep"), dir.resolve("nowhere.rep"));
        } catch (UnsupportedOperationException | java.io.IOException noLinks) {
            linked = false;
        }
        // WHEN the folder is benched
        bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        // THEN the .REP file is measured, as the grader's rubric counts it, and the link is named for what it is
        assertThat(out.toString()).contains("PAIR.REP");
        if (linked) {
            assertThat(err.toString()).contains("gone.rep' is a symbolic link to '" + dir.resolve("nowhere.rep")
                    + "', which does not exist: skipped.");
        }
        // AND a folder where no file can be read lists every file's reason, not only the first
        Files.delete(dir.resolve("PAIR.REP"));
        Files.writeString(dir.resolve("a.rep"), "0\n1\n1\n1\na 0 -8\n");
        Files.writeString(dir.resolve("b.rep"), "0\n1\n1\n1\na 7 8\n");
        err.getBuffer().setLength(0);
        assertThat(bench("--allocator", "segregated", "--traces", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no trace in '" + dir + "' could be read:", "a.rep:5:", "b.rep:5:3");
    }

    @Test
    void a_trace_the_allocator_failed_is_not_called_one_without_a_live_block() throws Exception {
        // GIVEN a trace whose one block cannot fit a 4 KiB heap
        Files.writeString(dir.resolve("big.rep"), "0\n1\n2\n1\na 0 4096\nf 0\n");
        // WHEN benched on that heap
        int exit = bench("--allocator", "first-fit", "--traces", dir.toString(), "--runs", "1", "--heap-max", "4KiB");
        // THEN it failed, and no footnote says the program has no live block (it has one of 4096 bytes)
        assertThat(exit).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(out.toString()).contains("out of memory").doesNotContain("no live block at any point");
    }

    @Test
    void a_broken_trace_in_the_folder_is_left_out_with_its_line_and_the_others_are_measured() throws Exception {
        // GIVEN two good traces and one whose second operation names an id the header does not announce
        writeTraces();
        Files.writeString(dir.resolve("broken.rep"), "0\n2\n3\n1\na 0 16\na 7 16\nf 0\n");
        // WHEN the folder is benched, as text and as JSON
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        // THEN the good traces are in the table, the broken one is named with its line, and the exit code says bad input
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).contains("pair.rep", "grow.rep", "2 traces").doesNotContain("broken.rep");
        assertThat(err.toString()).contains("1 of 3 traces could not be read or replayed", "broken.rep:6:3", "block id 7");
        out.getBuffer().setLength(0);
        int jsonExit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--format", "json");
        assertThat(jsonExit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(json().get("unreadable")).singleElement().satisfies(m -> assertThat(m.asText()).contains("broken.rep:6:3"));
        // AND a folder where nothing can be read is bad input with the first reason
        Files.delete(dir.resolve("pair.rep"));
        Files.delete(dir.resolve("grow.rep"));
        assertThat(bench("--allocator", "segregated", "--traces", dir.toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no trace in '" + dir + "' could be read", "broken.rep:6:3");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // without the fix, the pipe's read blocks
    void a_named_pipe_or_a_folder_named_like_a_trace_is_left_out_instead_of_blocking_the_run() throws Exception {
        // GIVEN two good traces, a folder called sub.rep and (where the system has mkfifo) a named pipe pipe.rep
        writeTraces();
        Files.createDirectory(dir.resolve("sub.rep"));
        boolean pipe = new ProcessBuilder("mkfifo", dir.resolve("pipe.rep").toString()).start().waitFor() == 0;
        // WHEN the folder is benched (reading the pipe would wait for a writer for ever)
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        // THEN the good traces are measured and each odd entry is named as no regular file
        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).contains("pair.rep", "grow.rep");
        assertThat(err.toString()).contains("sub.rep' is not a regular file");
        if (pipe) {
            assertThat(err.toString()).contains("pipe.rep' is not a regular file");
        }
    }

    @Test
    void a_trace_whose_program_frees_a_block_twice_costs_only_itself_for_every_allocator() throws Exception {
        // GIVEN two good traces and one that frees block 0 twice (it parses, but no replay can run it)
        writeTraces();
        Files.writeString(dir.resolve("double-free.rep"), "0\n1\n3\n1\na 0 16\nf 0\nf 0\n");
        // WHEN the folder is benched on two allocators
        int exit = bench("--allocator", "first-fit,segregated", "--traces", dir.toString(), "--runs", "1");
        // THEN both tables are printed with the good traces, and the bad one is listed with its line
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.toString()).contains("Allocator first-fit", "Allocator segregated", "pair.rep", "grow.rep")
                .doesNotContain("double-free.rep");
        assertThat(err.toString()).contains("1 of 3 traces could not be read or replayed", "double-free.rep:7:1",
                "frees block 0 again", "alloclab replay " + dir.resolve("double-free.rep") + " --check");
    }

    @Test
    void a_trace_no_allocator_can_pass_is_marked_invalid_with_its_broken_rule_in_one_line() throws Exception {
        // GIVEN a trace that keeps 24 MB live on a heap that may grow to 20 MiB
        Files.writeString(dir.resolve("too-much.rep"), "0\n3\n6\n1\na 0 8000000\na 1 8000000\na 2 8000000\nf 0\nf 1\nf 2\n");
        // WHEN it is benched
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        // THEN the row says "no", the rule and the line follow in one sentence, and replay is named for the picture
        assertThat(exit).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(out.toString()).contains("out of memory at op 3 (trace line 7: a 2 8000000): ",
                "alloclab replay " + dir.resolve("too-much.rep") + " --allocator segregated")
                .doesNotContain("ValidationFailure[");
        out.getBuffer().setLength(0);
        assertThat(bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--format", "json"))
                .isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(firstAllocator().get("traces").get(0).get("failure").asText()).startsWith("out of memory at op 3");
    }

    @Test
    void heap_max_lets_a_trace_that_needs_more_than_20_mib_replay_and_rejects_sizes_it_cannot_read() throws Exception {
        // GIVEN the 24 MB trace that fails on the classic 20 MiB heap
        Files.writeString(dir.resolve("too-much.rep"), "0\n3\n6\n1\na 0 8000000\na 1 8000000\na 2 8000000\nf 0\nf 1\nf 2\n");
        // WHEN the heap may grow to 64 MiB
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--heap-max", "64MiB");
        // THEN it is valid
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("too-much.rep").doesNotContain("out of memory");
        // AND a size it cannot read is bad input with a sentence (HeapLimitOptionTest checks every kind of bad size)
        assertThat(bench("--traces", dir.toString(), "--heap-max", "lots")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("'lots' is not a heap size");
    }

    @Test
    void versus_libc_adds_the_c_baseline_when_gcc_is_there() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        writeTraces();
        int exit = bench("--traces", dir.toString(), "--runs", "1", "--format", "json", "--versus-libc");
        assertThat(exit).as(err.toString()).isZero();
        JsonNode allocator = firstAllocator();
        assertThat(allocator.get("averages").get("libcKops").isNumber()).isTrue();
        assertThat(allocator.get("averages").get("versusLibc").isNumber()).isTrue();
        assertThat(allocator.get("throughputTarget").get("source").asText()).isEqualTo("libc");
    }

    @Test
    void versus_libc_times_traces_in_circulation_as_the_java_side_read_them() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        // GIVEN traces as ports of the lab write them: a two-number header (ids, operations), an f -1,
        // and text after the announced operations that the lenient parser ignores
        Files.writeString(dir.resolve("two-number-header.rep"), "2\n4\na 0 2040\na 1 48\nf 0\nf 1\n");
        Files.writeString(dir.resolve("quirks.rep"), "0\n1\n3\n1\na 0 16\nf -1\nf 0\nnotes of the course\n");
        // WHEN they are benched against libc
        int exit = bench("--traces", dir.toString(), "--runs", "1", "--format", "json", "--versus-libc");
        // THEN libc is timed on every trace, not just the one in the four-number layout
        assertThat(exit).as(err.toString() + out).isZero();
        JsonNode allocator = firstAllocator();
        // each trace and the total, every one a number
        assertThat(allocator.findValues("versusLibc")).as(out.toString()).hasSize(3).allMatch(JsonNode::isNumber);
    }


    @Test
    void versus_libc_builds_the_kits_own_replayer_not_the_one_in_the_working_folder() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        // GIVEN a working folder (a course repository, another checkout) with a bench/replay.c that is not C
        Path course = Files.createDirectories(dir.resolve("course/bench")).getParent();
        Files.writeString(course.resolve("bench/replay.c"), "int main(void) { this is not C; }\n");
        writeTraces();
        // WHEN bench --versus-libc runs there, in a JVM of its own
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AlloclabCommand.class.getName(), "bench", "--allocator",
                "segregated", "--traces", dir.resolve("pair.rep").toString(), "--runs", "1", "--warmups", "0",
                "--versus-libc", "--format", "json"));
        ProcessRun.Result run = ProcessRun.of(command).in(course).timeout(java.time.Duration.ofMinutes(2)).run();
        // THEN it built and timed the kit's replayer: no word from gcc about the other file, and a libc figure
        assertThat(run.timedOut()).isFalse();
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("this is not C", course.toString()).containsPattern("\"source\"\\s*:\\s*\"libc\"");
    }

    @Test
    void check_adds_the_checked_heaps_throughput_and_slowdown_per_trace() throws Exception {
        // GIVEN two traces
        writeTraces();
        // WHEN benched with --check, as text and as JSON, on the wall clock
        int text = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--check",
                "--clock", "wall");
        String table = out.toString();
        out.getBuffer().setLength(0);
        int json = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--check",
                "--format", "json");
        // THEN the table has the two columns with a value on each trace row, and the JSON the two fields
        assertThat(text).as(err.toString()).isZero();
        assertThat(json).as(err.toString()).isZero();
        assertThat(table).contains("checked Kops", "slowdown", "(wall time)");
        assertThat(table.lines().filter(line -> line.contains(".rep")))
                .hasSize(2).allMatch(line -> line.matches(".*\\d+\\.\\dx$"));
        assertThat(json().get("clock").asText()).isEqualTo("cpu");
        assertThat(firstAllocator().get("traces")).hasSize(2).allSatisfy(trace -> assertThat(
                trace.get("checkedKops").isNumber() && trace.get("checkedSlowdown").isNumber()).isTrue());
    }

    @Test
    void check_names_the_traces_whose_program_makes_mistakes_or_reads_and_stays_silent_on_the_others() throws Exception {
        // GIVEN clean traces, one clean trace that writes and reads its block, and one whose program reads a block
        // after freeing it and leaks another
        writeTraces();
        Files.writeString(dir.resolve("uaf.rep"), "0\n2\n6\n1\na 0 16\nw 0 0 16\nf 0\nrd 0 0 4\na 1 24\nw 1 0 8\n");
        Files.writeString(dir.resolve("reads.rep"), "0\n1\n4\n1\na 0 16\nw 0 0 16\nrd 0 8 8\nf 0\n");
        Files.writeString(dir.resolve("leak.rep"), "0\n1\n1\n1\na 0 1234\n");
        // WHEN benched with --check
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--check");
        // THEN the table is there, and one line names the program's mistakes, its first kind and line, and the leak
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("uaf.rep");
        Path uaf = dir.resolve("uaf.rep");
        assertThat(err.toString()).contains("bench: --check: the program of " + uaf + " makes 1 mistake (first:"
                + " use-after-free at trace line 8) and leaks 24 bytes on the checked heap", "See ./alloclab replay " + uaf + " --check.",
                "The checked heap also replays its 3 rd/w lines, which the unchecked replay skips");
        // AND the clean trace that reads is named once, for the work only the checked heap does
        assertThat(err.toString()).contains("bench: --check: the program of " + dir.resolve("reads.rep")
                + " makes no mistake. The checked heap also replays its 2 rd/w lines");
        // AND a program that only leaks "leaks" (not "makes leaks"), its bytes grouped as the progress lines group them
        assertThat(err.toString()).contains("bench: --check: the program of " + dir.resolve("leak.rep")
                + " leaks 1,234 bytes on the checked heap");
        assertThat(err.toString().lines().filter(line -> line.startsWith("bench: --check:"))).hasSize(3);
    }

    @Test
    void help_says_traces_takes_a_folder_or_one_file_and_a_negative_warmup_is_bad_input() throws Exception {
        // WHEN bench --help is asked for THEN --traces is labelled with both things it takes
        assertThat(bench("--help")).isZero();
        assertThat(out.toString()).contains("--traces=DIR|FILE.rep", "--warmups=N");
        // AND --warmups -1 is refused with the option's name, before any trace is read
        writeTraces();
        assertThat(bench("--traces", dir.toString(), "--warmups", "-1")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("bench: --warmups must be 0 or more, but was -1.").doesNotContain("(1/2)");
    }

    @Test
    void an_unknown_clock_is_bad_input_with_the_two_choices() throws Exception {
        writeTraces();
        assertThat(bench("--traces", dir.toString(), "--clock", "sundial")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--clock must be cpu or wall, but was 'sundial'");
    }

    @Test
    void a_trace_without_operations_or_live_blocks_adds_nothing_to_the_totals() throws Exception {
        // GIVEN a trace with operations, one with none, and one whose only requests are of 0 bytes
        Files.writeString(dir.resolve("base.rep"), "20000\n3\n5\n1\na 0 512\na 1 128\nr 0 640\nf 1\nf 0\n");
        Files.writeString(dir.resolve("empty.rep"), "20000\n2\n0\n1\n");
        Files.writeString(dir.resolve("zeros.rep"), "0\n2\n3\n1\na 0 0\na 1 0\nf 0\n");
        // WHEN they are benched as text and as JSON
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        String table = out.toString();
        out.getBuffer().setLength(0);
        int jsonExit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--format", "json");
        // THEN the totals are numbers: the average and the lowest utilization are base.rep's alone
        assertThat(exit).as(err.toString()).isZero();
        assertThat(jsonExit).isZero();
        String total = table.lines().filter(l -> l.startsWith("  total / average")).findFirst().orElseThrow();
        String base = table.lines().filter(l -> l.startsWith("  base.rep")).findFirst().orElseThrow();
        String baseUtil = base.split("\\s+")[4];
        assertThat(total.split("\\s+")[6]).isEqualTo(baseUtil);
        assertThat(total.split("\\s+")[7]).matches("\\d+");
        assertThat(table).contains("lowest utilization " + baseUtil + ";")
                .contains("empty.rep, zeros.rep have no live block at any point (peak 0 bytes): no utilization, "
                        + "left out of the average and the lowest");
        assertThat(table.lines().filter(l -> l.startsWith("  empty.rep"))).singleElement()
                .satisfies(row -> assertThat(row.split("\\s+")).containsSequence("-", "-"));
        JsonNode allocator = firstAllocator();
        assertThat(allocator.get("averages").get("kops").isNumber()).isTrue();
        assertThat(allocator.get("averages").get("utilization").asDouble()).isBetween(0.0, 1.0).isPositive();
        assertThat(allocator.get("performanceIndex").isNumber()).isTrue();
    }

    @Test
    void an_allocator_that_failed_a_trace_has_no_average_and_an_index_of_0() throws Exception {
        // GIVEN a good trace and one that needs more than the 20 MiB heap
        writeTraces();
        Files.writeString(dir.resolve("too-much.rep"), "0\n3\n6\n1\na 0 8000000\na 1 8000000\na 2 8000000\nf 0\nf 1\nf 2\n");
        // WHEN the folder is benched
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        String table = out.toString();
        out.getBuffer().setLength(0);
        bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--format", "json");
        // THEN the total row has no utilization or throughput, and the index line says why it is 0
        assertThat(exit).isEqualTo(ExitCodes.CHECK_FAILED);
        String total = table.lines().filter(l -> l.startsWith("  total / average")).findFirst().orElseThrow();
        assertThat(total.split("\\s+")).endsWith("no", "-", "-");
        assertThat(table).contains("performance index 0 / 100: the allocator failed 1 of 3 traces");
        JsonNode allocator = firstAllocator();
        assertThat(allocator.get("averages").toString())
                .isEqualTo("{\"utilization\":null,\"minUtilization\":null,\"kops\":null}");
        assertThat(allocator.get("performanceIndex").isNumber()).isTrue();
        assertThat(allocator.get("performanceIndex").asDouble()).isZero();
    }

    @Test
    void a_trace_whose_requests_were_replayed_as_null_or_changed_by_the_lenient_reading_is_marked() throws Exception {
        // GIVEN a trace with a request larger than the heap, one with an alloc without a size, and a plain one
        writeTraces();
        Files.writeString(dir.resolve("large.rep"), "0\n2\n4\n1\na 0 36507238400\na 1 64\nf 1\nf 0\n");
        Files.writeString(dir.resolve("nosize.rep"), "0\n2\n4\n1\na 0 64\na 1\nf 1\nf 0\n");
        // WHEN the folder is benched as text and as JSON
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1");
        String table = out.toString();
        out.getBuffer().setLength(0);
        bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--format", "json");
        // THEN the two rows say yes*, the plain ones yes, and a footnote per marked row says what changed
        assertThat(exit).as(err.toString()).isZero();
        assertThat(table.lines().filter(l -> l.contains("yes*")).map(l -> l.trim().split("\\s+")[0]))
                .containsExactlyInAnyOrder("large.rep", "nosize.rep");
        assertThat(table).contains("  * large.rep: 1 request larger than the heap (20971520 bytes) was replayed as null; "
                        + "see ./alloclab replay " + dir.resolve("large.rep"),
                "  * nosize.rep: line 6: 'a 1' has no size");
        JsonNode traces = firstAllocator().get("traces");
        assertThat(traces.findValuesAsText("trace")).contains(dir.resolve("large.rep").toString(), dir.resolve("pair.rep").toString());
        for (JsonNode trace : traces) {
            String changes = trace.get("changes").toString();
            if (trace.get("trace").asText().endsWith("large.rep")) {
                assertThat(changes).isEqualTo("[\"1 request larger than the heap (20971520 bytes) was replayed as null\"]");
            } else if (trace.get("trace").asText().endsWith("pair.rep")) {
                assertThat(changes).isEqualTo("[]");
            }
        }
    }

    @Test
    void one_file_given_as_traces_is_benched_alone_and_counts_read_in_the_singular() throws Exception {
        // GIVEN a folder of two traces
        writeTraces();
        // WHEN --traces names one of the files, as the Malloc Lab driver's -f does
        int exit = bench("--allocator", "segregated", "--traces", dir.resolve("grow.rep").toString(), "--runs", "1");
        // THEN that trace alone is benched, and the heading speaks of 1 trace and 1 timed run
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Allocator segregated: 1 trace, median of 1 timed run (", "grow.rep")
                .doesNotContain("pair.rep");
    }

    @Test
    void a_long_trace_tells_each_phase_on_stderr_and_a_short_one_does_not() throws Exception {
        // GIVEN a trace of 100,000 operations and a short one
        StringBuilder rep = new StringBuilder("0\n1\n100000\n1\n");
        for (int i = 0; i < 50_000; i++) {
            rep.append("a 0 24\nf 0\n");
        }
        Files.writeString(dir.resolve("long.rep"), rep);
        Files.writeString(dir.resolve("short.rep"), "0\n1\n2\n1\na 0 8\nf 0\n");
        // WHEN they are benched with --check
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--check");
        // THEN the long trace's phases are told in order, after its progress line, and none after the short one's
        assertThat(exit).as(err.toString()).isZero();
        String said = err.toString();
        String longPart = said.substring(said.indexOf("long.rep (1/2)"), said.indexOf("short.rep (2/2)"));
        // (a run of a long trace may take longer than the warm-up's 2 s: the line says "at least one run")
        assertThat(longPart).containsSubsequence("100,000 operations: validating",
                "warming up (untimed: one run at least, then until about 2 s have passed)",
                "timing 1 run (each about as long as a warm-up run)...", "checked heap: warming up (one run at least");
        assertThat(said.substring(said.indexOf("short.rep (2/2)"))).doesNotContain("validating", "warming up");
    }

    @Test
    void one_trace_the_jvm_cannot_hold_costs_only_that_trace() throws Exception {
        // GIVEN a good trace and one that grows the heap to 200 MB, in a JVM given 64 MB
        writeTraces();
        Files.writeString(dir.resolve("huge.rep"), "0\n1\n2\n1\na 0 200000000\nf 0\n");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), "dev.alloclab.cli.AlloclabCommand", "bench",
                "--allocator", "first-fit,segregated", "--traces", dir.toString(), "--runs", "1", "--warmups", "0",
                "--heap-max", "512MiB")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String printed = new String(bench.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = bench.waitFor();
        String said = Files.readString(dir.resolve("err.txt"));
        // THEN both tables are printed with the good traces, and the huge one is listed with the reason, per allocator
        assertThat(exit).as(said).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(printed).contains("Allocator first-fit: 2 traces", "Allocator segregated: 2 traces", "pair.rep",
                "grow.rep").doesNotContain("huge.rep");
        assertThat(said).contains("1 of 3 traces could not be read or replayed",
                dir.resolve("huge.rep") + " on first-fit: the Java VM has no room",
                dir.resolve("huge.rep") + " on segregated: the Java VM has no room");
    }

    @Test
    void versus_libc_with_check_keeps_the_headings_apart_and_keep_heap_is_shown() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        // GIVEN two traces
        writeTraces();
        // WHEN benched against libc that keeps its heap, with the checked column
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--versus-libc",
                "--libc-keep-heap", "--check");
        // THEN the heading says how libc ran, and no two column headings touch
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("; libc keeps its heap between runs (--libc-keep-heap)")
                .containsPattern("vs libc {2,}checked Kops");
        // AND --libc-keep-heap without libc is bad input with a sentence
        assertThat(bench("--traces", dir.toString(), "--libc-keep-heap")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--libc-keep-heap says how libc is measured: add --versus-libc");
    }

    @Test
    void versus_libc_replays_frees_of_null_and_requests_over_the_limit_as_the_java_side_does() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Gcc.available(), "gcc is not installed: the libc baseline cannot be built");
        // GIVEN a trace with frees of null and a request larger than the heap
        StringBuilder rep = new StringBuilder("0\n2\n2002\n1\na 1 36507238400\n");
        for (int i = 0; i < 200; i++) {
            rep.append("a 0 16\nf 0\n").append("f -1\n".repeat(8));
        }
        rep.append("f 1\n");
        Files.writeString(dir.resolve("frees.rep"), rep);
        // WHEN it is benched against libc as JSON
        int exit = bench("--allocator", "segregated", "--traces", dir.toString(), "--runs", "1", "--versus-libc",
                "--format", "json");
        // THEN both sides agreed on the operations (bench stops if they do not) and the ratio is a number
        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = json();
        assertThat(json.get("libcKeepsHeap").asBoolean(true)).isFalse();
        assertThat(json.get("allocators").get(0).get("traces").get(0).get("ops").asInt()).isEqualTo(2002);
        assertThat(json.get("allocators").get(0).findValues("versusLibc")).hasSize(2).allMatch(JsonNode::isNumber);
    }
}
