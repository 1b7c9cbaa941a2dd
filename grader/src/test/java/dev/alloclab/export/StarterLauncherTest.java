package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.AlloclabCommand;
import dev.alloclab.companion.HintBook;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ProgressExpectation;
import dev.alloclab.export.StarterProcess.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported starter's {@code ./alloclab}, run as a student runs it: a child process of bash in the
 * starter's folder, with nothing of the kit on its class path but {@code lib/alloclab-companion.jar}.
 * One export is shared by the tests (each export packs the companion jar).
 */
class StarterLauncherTest {
    /** Generous: progress compiles nine exercises and runs their visible tests in a cold JVM. */
    private static final long SECONDS = 180;

    @TempDir
    static Path temp;
    static Path starter;

    @BeforeAll
    static void export() {
        starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
    }

    @Test
    void the_launcher_is_an_executable_bash_script_that_runs_the_student_command() throws IOException {
        // GIVEN the exported launcher and companion jar
        Path launcher = starter.resolve("alloclab");
        // THEN the script is executable, names the jar and the student's root command
        assertThat(Files.isExecutable(launcher)).as("./alloclab is executable").isTrue();
        assertThat(Files.readString(launcher)).startsWith("#!/usr/bin/env bash")
                .contains("lib/alloclab-companion.jar", "dev.alloclab.cli.StudentCommand").doesNotContain("@@");
        // AND the jar's manifest names the same main class
        try (JarFile jar = new JarFile(starter.resolve("lib/alloclab-companion.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.alloclab.cli.StudentCommand");
        }
        // AND the README tells the student how to use it
        assertThat(Files.readString(starter.resolve("README.md")))
                .contains("## The companion", "./alloclab progress", "./alloclab check bump", "./alloclab coverage bump",
                        "./alloclab hint bump",
                        "./alloclab watch",
                        "./alloclab quiz freespace");
    }

    @Test
    void alloclab_hint_bump_shows_the_first_hint_of_the_page_then_one_more() throws Exception {
        // GIVEN the hints of bump, read from the starter's own exercise page
        Exercise bump = Curriculum.exercises().stream().filter(e -> e.id().equals("bump")).findFirst().orElseThrow();
        List<String> hints = HintBook.of(LearnerProject.locate(starter), bump);
        assertThat(hints).hasSizeGreaterThanOrEqualTo(2);
        // WHEN the student asks for a hint, then for the next
        Run first = launcher("hint", "bump");
        Run next = launcher("hint", "bump", "--next");
        // THEN the first run shows hint 1 only, the second hint 2 too, and the count is kept in .alloclab/
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains(firstLine(hints.get(0))).doesNotContain(firstLine(hints.get(1)));
        assertThat(next.exit()).as(next.output()).isZero();
        assertThat(next.output()).contains(firstLine(hints.get(1)));
        assertThat(starter.resolve(".alloclab/hints.json")).exists();
    }

    @Test
    void alloclab_quiz_answers_are_the_kits_answers() throws Exception {
        // GIVEN the same free-space quiz run by the kit's own command, in-process
        String[] args = {"quiz", "freespace", "--ops", "+10,+20,-0,+5", "--answers"};
        StringWriter kitOut = new StringWriter();
        int kitExit = AlloclabCommand.commandLine().setOut(new PrintWriter(kitOut, true)).execute(args);
        // WHEN the student runs it through ./alloclab
        Run run = launcher(args);
        // THEN exit code and output are the same, with the first allocation at the heap's base
        assertThat(kitExit).isZero();
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output().strip()).isEqualTo(kitOut.toString().strip());
        assertThat(run.output()).contains("returned 1000");
    }

    @Test
    void alloclab_progress_in_the_fresh_starter_shows_every_exercise_not_started() throws Exception {
        // WHEN the student asks for progress in a starter nobody has touched
        Run run = launcher("progress");
        // THEN it compiled and ran the visible tests itself: every exercise is "not started"
        assertThat(run.exit()).as(run.output()).isZero();
        for (Exercise e : Curriculum.exercises()) {
            assertThat(run.output().lines()).as("progress row of %s in:%n%s", e.id(), run.output())
                    .anyMatch(line -> line.contains(" " + e.id() + " ") && line.contains("not started"));
        }
        assertThat(run.output()).contains("0 of " + Curriculum.exercises().size() + " exercises done");
        ProgressExpectation.check(starter.resolve("target/alloclab-progress.json"), ProgressExpectation.NOT_STARTED);
    }

    @Test
    void without_java_the_launcher_says_so_in_a_sentence() throws Exception {
        // GIVEN a PATH with no java on it and no JAVA_HOME
        Path emptyBin = Files.createDirectories(temp.resolve("no-java-bin"));
        // WHEN the student runs ./alloclab
        Run run = exec(List.of(bash(), "alloclab", "hint", "bump"), Map.of("PATH", emptyBin.toString()));
        // THEN exit 2 and a sentence naming what to install
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("cannot find 'java'", "JDK 17").doesNotContain("command not found");
    }

    @Test
    void a_starter_in_a_folder_with_a_colon_says_java_cannot_use_the_path() throws Exception {
        // GIVEN the starter's launcher in a folder whose path has a ':' (Java splits class paths there)
        Path folder = Files.createDirectories(temp.resolve("term:2026/starter"));
        Files.copy(starter.resolve("alloclab"), folder.resolve("alloclab"));
        // WHEN the student runs it
        Run run = exec(folder, List.of(bash(), "alloclab", "progress"), Map.of("JAVA_HOME", System.getProperty("java.home")));
        // THEN exit 2 and a sentence naming the folder and what to do, not "Could not find or load main class"
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("has a ':' in it", "Move or rename the folder")
                .doesNotContain("Could not find or load main class");
    }

    @Test
    void under_the_c_locale_the_launcher_gives_java_a_utf8_locale_for_a_starter_in_an_ascii_folder() throws Exception {
        // GIVEN the starter's launcher in an ASCII folder, and a JAVA_HOME whose java prints its LC_ALL
        org.junit.jupiter.api.Assumptions.assumeTrue(hasLocale("C.UTF-8") || hasLocale("en_US.UTF-8"),
                "this machine has no UTF-8 locale to switch to");
        Path folder = Files.createDirectories(temp.resolve("ascii-starter/lib"));
        Files.copy(starter.resolve("alloclab"), folder.resolveSibling("alloclab"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(folder.resolve(CompanionJar.FILE_NAME), "");
        Path javaBin = Files.createDirectories(temp.resolve("fake-jdk/bin"));
        Path fakeJava = Files.writeString(javaBin.resolve("java"), "#!/bin/sh\necho \"LC_ALL=$LC_ALL\"\n");
        Files.setPosixFilePermissions(fakeJava, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        // WHEN the student runs it under LANG=C (an ssh session, a minimal container), where a Größe.java cannot be read
        Run run = exec(folder.getParent(), List.of(bash(), "alloclab", "check", "bump"), Map.of("JAVA_HOME",
                javaBin.getParent().toString(), "LANG", "C", "LC_ALL", "", "LC_CTYPE", ""));
        // THEN java runs under a UTF-8 locale (the launcher used to switch only for a starter in a non-ASCII folder)
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("LC_ALL=(C|en_US)\\.(UTF-8|utf8)");
    }

    private static boolean hasLocale(String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("locale", "charmap").redirectErrorStream(true);
        pb.environment().put("LC_ALL", name);
        Process q = pb.start();
        String out = new String(q.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        q.waitFor();
        return out.strip().equals("UTF-8");
    }

    @Test
    void the_launcher_works_through_a_symbolic_link_from_another_folder() throws Exception {
        // GIVEN a link to the starter's ./alloclab in a folder of its own (a student's ~/bin)
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path link = bin.resolve("alloclab");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, starter.resolve("alloclab"));
        // WHEN it is run from there
        Run run = exec(List.of(bash(), link.toString(), "quiz", "freespace", "--ops", "+10", "--answers"),
                Map.of("JAVA_HOME", System.getProperty("java.home")));
        // THEN it finds the companion jar beside the real script, not beside the link
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("returned 1000").doesNotContain("missing");
    }

    @Test
    void run_with_a_shell_that_is_not_bash_the_launcher_says_how_to_run_it() throws Exception {
        // GIVEN a POSIX shell that is not bash (dash is Debian's and Ubuntu's sh)
        Path dash = Path.of("/bin/dash");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(dash), "no dash on this machine");
        // WHEN the student types "sh alloclab" (a download lost the execute bit)
        Run run = exec(List.of(dash.toString(), "alloclab", "hint", "bump"), Map.of());
        // THEN one sentence says to use bash, exit 2, no shell syntax error
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("needs bash: run ./alloclab").doesNotContain("Bad substitution");
    }

    @Test
    void watch_starts_again_in_a_fresh_jvm_when_a_stopped_test_leaves_an_endless_loop_running() throws Exception {
        // GIVEN a copy of the starter whose first exercise loops for ever in stackLength
        Path looping = temp.resolve("looping-starter");
        copyTree(starter, looping);
        Path frameStack = looping.resolve("src/main/java/dev/alloclab/exercises/stackframes/FrameStack.java");
        String source = Files.readString(frameStack);
        String stub = source.substring(source.indexOf("public int stackLength() {"));
        stub = stub.substring(0, stub.indexOf('}') + 1);
        Files.writeString(frameStack, source.replace(stub,
                "public int stackLength() {\n        while (true) { Math.sqrt(System.nanoTime()); }\n    }"));
        // WHEN the student runs ./alloclab watch (one second per test)
        Path log = Files.createTempFile(temp, "watch", ".log");
        ProcessBuilder builder = new ProcessBuilder(bash(), "./alloclab", "watch", "--timeout", "1").directory(looping.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process watch = builder.start();
        String output = "";
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(SECONDS);
            while (System.nanoTime() < deadline && watch.isAlive()
                    && !(output = Files.readString(log)).matches("(?s).*started again in a fresh JVM.*Watching for changes.*")) {
                Thread.sleep(200);
            }
        } finally {
            watch.descendants().forEach(ProcessHandle::destroyForcibly);
            watch.destroyForcibly();
            watch.waitFor();
        }
        // THEN it reported the stopped tests, named the loop still running, and started again waiting for a save
        assertThat(output).contains("stopped after 1 s", "note: your code is still running in",
                "FrameStack.stackLength (FrameStack.java:", "alloclab watch: starting again in a fresh JVM",
                "alloclab watch: started again in a fresh JVM");
        assertThat(output.substring(output.indexOf("started again"))).contains("Watching for changes")
                .doesNotContain("== 1. stack-frames");
    }

    @Test
    void the_segregated_fits_pages_replay_command_runs_in_the_starter_as_printed() throws Exception {
        // GIVEN a copy of the starter whose SegregatedFitsAllocator is compiled into target/classes (as mvn test does)
        Path project = temp.resolve("replay-starter");
        copyTree(starter, project);
        String page = Files.readString(project.resolve("docs/exercises/segregated-fits.md"));
        Path coreJar;
        try (java.util.stream.Stream<Path> jars = Files.walk(project.resolve("lib/repo"))) {
            coreJar = jars.filter(p -> p.getFileName().toString().matches("alloclab-core-.*\\.jar")).findFirst().orElseThrow();
        }
        Run javac = exec(project, List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", "target/classes", "-cp", coreJar.toString(),
                "src/main/java/dev/alloclab/exercises/segregated/SegregatedFitsAllocator.java"), Map.of());
        assertThat(javac.exit()).as(javac.output()).isZero();
        // AND the page's example in Replay.java, replaying the student's allocator as the page says
        String example = page.substring(page.indexOf("List<TraceOp> ops = new ArrayList<>();"));
        example = example.substring(0, example.indexOf("```"));
        assertThat(example).contains("Replayer.forAllocator(\"segregated\")");
        Files.writeString(project.resolve("Replay.java"), "import dev.alloclab.core.trace.*;\nimport java.util.*;\n"
                + "import dev.alloclab.exercises.segregated.SegregatedFitsAllocator;\n\n"
                + "public class Replay {\n    public static void main(String[] args) throws Exception {\n"
                + example.replace("Replayer.forAllocator(\"segregated\")",
                        "Replayer.using(\"mine\", SegregatedFitsAllocator::new)") + "    }\n}\n");
        // WHEN the starter's command of the page runs in bash, exactly as printed
        String command = page.lines().filter(line -> line.startsWith("java -cp") && line.endsWith("# in a starter"))
                .findFirst().orElseThrow(() -> new AssertionError("no '... # in a starter' java command in the page"));
        Run run = exec(project, List.of(bash(), "-c", command), Map.of("PATH", Path.of(System.getProperty("java.home"),
                "bin") + java.io.File.pathSeparator + System.getenv("PATH")));
        // THEN Replay.java compiled against core and replayed the stub (which fails every allocation)
        assertThat(run.exit()).as(command + "\n" + run.output()).isZero();
        assertThat(run.output()).startsWith("mine: 120000 ops, valid false");
    }

    /** Copies {@code from} (a starter: small) to {@code to}, keeping the launcher's execute bit. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.startsWith(from.resolve("target"))) {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String firstLine(String hint) {
        return hint.lines().findFirst().orElseThrow().strip();
    }

    private static Run launcher(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bash(), "./alloclab"));
        command.addAll(List.of(args));
        return exec(command, Map.of("JAVA_HOME", System.getProperty("java.home")));
    }

    /** Runs {@code command} in the starter; {@code env} replaces those variables (JAVA_HOME is dropped unless given). */
    private static Run exec(List<String> command, Map<String, String> env) throws Exception {
        return exec(starter, command, env);
    }

    /** Runs {@code command} in {@code project}, a starter or a copy of one. */
    private static Run exec(Path project, List<String> command, Map<String, String> env) throws Exception {
        return StarterProcess.run(project, temp, command, env, SECONDS);
    }

    private static String bash() {
        return StarterProcess.bash();
    }
}
