package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The watch loop with a scripted change source and scripted test results: no waiting, no disk. */
class WatchLoopTest {
    private static final Exercise FIRST = Curriculum.exercises().get(0);
    private static final Exercise SECOND = Curriculum.exercises().get(1);

    /** Test results that improve each time the learner "saves": a list of states, one per change. */
    static final class ScriptedTests implements VisibleTests {
        final Map<Exercise, Deque<ExerciseProgress>> states = new HashMap<>();
        final List<String> runs = new ArrayList<>();
        final Map<Exercise, List<String>> toWrite = new HashMap<>();
        final Deque<List<String>> compileErrors = new ArrayDeque<>();
        /** Each failing exercise fails this many tests. */
        int failingTests = 1;
        final Map<String, List<String>> reports = new HashMap<>();
        /** What each call of runaways() answers, in order; none once used up. */
        final Deque<List<RunawayThreads.Runaway>> runaways = new ArrayDeque<>();

        @Override
        public List<RunawayThreads.Runaway> runaways() {
            return runaways.isEmpty() ? List.of() : runaways.poll();
        }

        ScriptedTests state(Exercise e, int passed, int failed, int notStarted) {
            states.computeIfAbsent(e, k -> new ArrayDeque<>()).add(new ExerciseProgress(e, passed, failed, notStarted));
            return this;
        }

        @Override
        public TestRunResult run(Optional<Exercise> only) {
            runs.add(only.map(Exercise::id).orElse("all"));
            if (!compileErrors.isEmpty()) {
                return TestRunResult.didNotCompile(compileErrors.poll());
            }
            Map<Exercise, ExerciseProgress> progress = new HashMap<>();
            for (Exercise e : Curriculum.exercises()) {
                if (only.isPresent() && !only.get().equals(e)) {
                    continue;
                }
                Deque<ExerciseProgress> d = states.get(e);
                ExerciseProgress p = d == null ? new ExerciseProgress(e, 0, 0, 3)
                        : d.size() > 1 ? d.poll() : d.peek();
                progress.put(e, p);
            }
            List<String> failures = progress.values().stream().filter(p -> p.failed() > 0)
                    .flatMap(p -> java.util.stream.IntStream.range(0, failingTests).mapToObj(i -> p.exercise().id()
                            + ": some_test" + (i == 0 ? "" : i) + ": expected 8 but was 12")).toList();
            return new TestRunResult(progress, failures, toWrite, List.of(), reports);
        }

        @Override
        public TestRunResult runUntilUnfinished() {
            TestRunResult all = run(Optional.empty());
            runs.set(runs.size() - 1, "until-unfinished");
            return all;
        }
    }

    /** Reports a change a fixed number of times, then says it was closed (Ctrl-C). */
    static final class ScriptedChanges implements ChangeSource {
        int remaining;
        int waited;
        boolean closed;

        ScriptedChanges(int changes) {
            this.remaining = changes;
        }

        @Override
        public boolean awaitChange() {
            waited++;
            return remaining-- > 0;
        }

        /** What changedFiles() answers after each change. */
        java.util.Set<java.nio.file.Path> changed = java.util.Set.of();

        @Override
        public java.util.Set<java.nio.file.Path> changedFiles() {
            return changed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void a_save_in_an_exercise_that_was_done_reruns_it_and_a_regression_becomes_the_current_exercise() {
        // GIVEN stack-frames done (then broken by the next save) and bump, the current exercise, not started
        ScriptedTests tests = new ScriptedTests().state(FIRST, 8, 0, 0).state(FIRST, 3, 2, 3);
        ScriptedChanges changes = new ScriptedChanges(1);
        changes.changed = java.util.Set.of(java.nio.file.Path.of("main/java/"
                + FIRST.javaPackage().replace('.', '/') + "/FrameStack.java"));
        StringWriter out = new StringWriter();
        // WHEN the learner saves a file of stack-frames while watch is on bump
        new WatchLoop(tests, changes, new PrintWriter(out, true)).runForTests();
        // THEN stack-frames runs again, is shown as no longer done, and is the exercise watched from then on
        assertThat(tests.runs).containsExactly("until-unfinished", FIRST.id());
        assertThat(out.toString()).contains("== 2. bump: not started",
                "You changed stack-frames, which was done, and it is not any more:",
                "== 1. stack-frames: in progress (3 passed, 2 failed, 3 not started)",
                "progress: 0 of 9 exercises done in order; next: stack-frames");
    }

    @Test
    void a_save_in_the_current_exercise_alone_reruns_only_that_one() {
        ScriptedTests tests = new ScriptedTests().state(FIRST, 8, 0, 0);
        ScriptedChanges changes = new ScriptedChanges(1);
        changes.changed = java.util.Set.of(java.nio.file.Path.of("main/java/"
                + SECOND.javaPackage().replace('.', '/') + "/BumpAllocator.java"));
        new WatchLoop(tests, changes, new PrintWriter(new StringWriter(), true)).runForTests();
        assertThat(tests.runs).containsExactly("until-unfinished", SECOND.id());
    }

    @Test
    void it_reruns_the_current_exercise_after_each_change_and_moves_on_when_it_is_done() {
        // GIVEN stack-frames goes from not started, to failing, to done; bump stays not started
        ScriptedTests tests = new ScriptedTests()
                .state(FIRST, 0, 0, 8).state(FIRST, 3, 2, 3).state(FIRST, 8, 0, 0);
        ScriptedChanges changes = new ScriptedChanges(2);
        StringWriter out = new StringWriter();
        // WHEN the loop runs until the changes stop
        new WatchLoop(tests, changes, new PrintWriter(out, true)).runForTests();
        // THEN it ran the exercises up to the first unfinished one, then that exercise once after each change, then
        // moved to the second
        assertThat(tests.runs).containsExactly("until-unfinished", FIRST.id(), FIRST.id(), SECOND.id());
        assertThat(out.toString()).contains("== 1. stack-frames: in progress (3 passed, 2 failed, 3 not started)",
                "failing: some_test: expected 8 but was 12",
                "Exercise stack-frames is done. On to bump: docs/exercises/bump.md",
                "progress: 1 of 9 exercises done in order; next: bump", "alloclab watch: stopped.");
        assertThat(changes.waited).isEqualTo(3);
    }

    @Test
    void in_a_course_without_bump_it_moves_on_from_stack_frames_to_the_courses_next_exercise(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws java.io.IOException {
        // GIVEN a course that leaves out bump (the second exercise), and stack-frames going from failing to done
        java.nio.file.Files.writeString(root.resolve(Course.FILE), "exercises=stack-frames,implicit-list,vec\n");
        ScriptedTests tests = new ScriptedTests().state(FIRST, 3, 2, 3).state(FIRST, 8, 0, 0);
        StringWriter out = new StringWriter();
        // WHEN the loop runs until the changes stop
        new WatchLoop(tests, new ScriptedChanges(1), new PrintWriter(out, true), Course.of(root)).runForTests();
        // THEN it moves on to implicit-list, not bump, and counts the course's three exercises
        assertThat(tests.runs).containsExactly("until-unfinished", FIRST.id(), "implicit-list");
        assertThat(out.toString()).contains("On to implicit-list: docs/exercises/implicit-list.md",
                "progress: 1 of 3 exercises done in order; next: implicit-list").doesNotContain("On to bump");
    }

    @Test
    void the_first_failure_shows_its_whole_report_and_the_others_one_line_each() {
        // GIVEN stack-frames fails two tests, the first with a report of several lines
        ScriptedTests tests = new ScriptedTests().state(FIRST, 3, 2, 3);
        tests.failingTests = 2;
        tests.reports.put(FIRST.id() + ": some_test: expected 8 but was 12", List.of("some_test(): IllegalStateException:",
                "the frames overlap", "", "  frame 1 [0, 16)", "What to do: push each frame after the last."));
        StringWriter out = new StringWriter();
        // WHEN the loop shows it
        new WatchLoop(tests, new ScriptedChanges(0), new PrintWriter(out, true)).runForTests();
        // THEN the first failure is whole, indented under its line; the second keeps its one line
        assertThat(out.toString().replace("\r", "")).contains("  failing: some_test(): IllegalStateException:\n"
                + "      the frames overlap\n\n        frame 1 [0, 16)\n      What to do: push each frame after the last.\n"
                + "  failing: some_test1: expected 8 but was 12\n");
    }

    @Test
    void a_compile_error_is_shown_and_the_loop_waits_for_the_fix() {
        ScriptedTests tests = new ScriptedTests();
        tests.compileErrors.add(List.of("src/main/java/X.java:3: ';' expected"));
        ScriptedChanges changes = new ScriptedChanges(1);
        StringWriter out = new StringWriter();
        new WatchLoop(tests, changes, new PrintWriter(out, true)).runForTests();
        assertThat(out.toString()).contains("Your code does not compile", "X.java:3: ';' expected",
                "== 1. stack-frames: not started");
        assertThat(tests.runs).containsExactly("until-unfinished", "until-unfinished");
    }

    @Test
    void each_save_prints_one_block_and_a_method_to_write_reads_once() {
        // GIVEN stack-frames stays not started, its stub naming the method to write
        ScriptedTests tests = new ScriptedTests();
        tests.toWrite.put(FIRST, List.of("FrameStack.push: reserve the frame"));
        ScriptedChanges changes = new ScriptedChanges(2);
        StringWriter out = new StringWriter();
        // WHEN the learner saves twice
        new WatchLoop(tests, changes, new PrintWriter(out, true)).runForTests();
        // THEN there is one block for the start and one per save, and the method is named without "not started"
        assertThat(out.toString().split("== 1. stack-frames", -1)).hasSize(1 + 3);
        assertThat(out.toString()).contains("  to write: FrameStack.push: reserve the frame")
                .doesNotContain("not started: write");
        assertThat(tests.runs).containsExactly("until-unfinished", FIRST.id(), FIRST.id());
    }

    @Test
    void when_everything_is_done_it_says_so_and_stops_without_waiting() {
        ScriptedTests tests = new ScriptedTests();
        Curriculum.exercises().forEach(e -> tests.state(e, 4, 0, 0));
        ScriptedChanges changes = new ScriptedChanges(5);
        StringWriter out = new StringWriter();
        new WatchLoop(tests, changes, new PrintWriter(out, true)).runForTests();
        assertThat(out.toString()).contains("Every exercise is done.");
        assertThat(changes.waited).isZero();
    }

    private static RunawayThreads.Runaway loopIn(String method, int line) {
        return new RunawayThreads.Runaway("t", Thread.State.RUNNABLE, 150, 1000, List.of(new StackTraceElement(
                "dev.alloclab.exercises.stackframes.FrameStack", method, "FrameStack.java", line)));
    }

    @Test
    void when_a_run_leaves_the_learners_code_looping_a_restartable_loop_ends_and_asks_to_be_started_again() {
        // GIVEN stack-frames fails, and its run leaves one thread looping in stackLength
        ScriptedTests tests = new ScriptedTests().state(FIRST, 3, 2, 3);
        tests.runaways.add(List.of(loopIn("stackLength", 56)));
        ScriptedChanges changes = new ScriptedChanges(3);
        StringWriter out = new StringWriter();
        // WHEN the loop runs under a launcher that starts watch again
        WatchLoop loop = new WatchLoop(tests, changes, new PrintWriter(out, true), Course.wholeCurriculum(), true, false);
        loop.runForTests();
        // THEN it shows the result, names the loop, and ends without waiting for a change, asking for a restart
        assertThat(out.toString()).contains("== 1. stack-frames: in progress",
                "note: your code is still running in 1 thread after its tests ended "
                        + "(FrameStack.stackLength (FrameStack.java:56))",
                "alloclab watch: starting again in a fresh JVM to end it...");
        assertThat(loop.restartRequested()).isTrue();
        assertThat(changes.waited).isZero();
        assertThat(tests.runs).containsExactly("until-unfinished");
    }

    @Test
    void started_again_the_loop_waits_for_a_save_before_it_runs_the_tests() {
        // GIVEN a fresh JVM the launcher started after a restart, and one save to come
        ScriptedTests tests = new ScriptedTests().state(FIRST, 3, 2, 3);
        ScriptedChanges changes = new ScriptedChanges(1);
        StringWriter out = new StringWriter();
        // WHEN the loop runs resumed
        WatchLoop loop = new WatchLoop(tests, changes, new PrintWriter(out, true), Course.wholeCurriculum(), true, true);
        loop.runForTests();
        // THEN it says why it started again, waits for the save, then runs from the start; no restart is asked for
        assertThat(out.toString()).startsWith("alloclab watch: started again in a fresh JVM");
        assertThat(out.toString().indexOf("Watching for changes"))
                .isLessThan(out.toString().indexOf("running the visible tests"));
        assertThat(tests.runs).containsExactly("until-unfinished");
        assertThat(loop.restartRequested()).isFalse();
        assertThat(changes.waited).isEqualTo(2);
    }

    @Test
    void without_a_launcher_that_restarts_it_says_how_to_end_the_threads_once_and_keeps_watching() {
        // GIVEN two runs that each still see the same looping thread
        ScriptedTests tests = new ScriptedTests().state(FIRST, 3, 2, 3);
        tests.runaways.add(List.of(loopIn("push", 72)));
        tests.runaways.add(List.of(loopIn("push", 72)));
        ScriptedChanges changes = new ScriptedChanges(1);
        StringWriter out = new StringWriter();
        // WHEN the loop runs where nothing starts it again (java -jar)
        WatchLoop loop = new WatchLoop(tests, changes, new PrintWriter(out, true), Course.wholeCurriculum(), false, false);
        loop.runForTests();
        // THEN the learner is told once how to end the thread, and the loop went on watching
        assertThat(out.toString()).contains("(FrameStack.push (FrameStack.java:72))",
                "Press Ctrl-C and start watch again to end it");
        assertThat(out.toString().split("Press Ctrl-C", -1)).hasSize(2);
        assertThat(tests.runs).containsExactly("until-unfinished", FIRST.id());
        assertThat(loop.restartRequested()).isFalse();
    }
}
