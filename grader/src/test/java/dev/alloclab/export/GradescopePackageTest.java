package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import dev.alloclab.grader.run.TestWorkerUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope package, run the way Gradescope runs it: the zip unpacked into a fake
 * {@code /autograder/source} (a temp folder, through {@code ALLOCLAB_AUTOGRADER_ROOT}), a submission in
 * {@code submission/}, then {@code run_autograder}; results.json is checked against Gradescope's schema.
 * A two-exercise rubric keeps each grading run short.
 */
class GradescopePackageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    /** bump and stack-frames: 6 hidden + 2 coverage points each (the rubric below). */
    private static final double MAX_SCORE = 16;

    @TempDir
    static Path temp;
    static Path source;

    @BeforeAll
    static void exportAndUnpack() throws IOException {
        Path rubric = temp.resolve("course.json");
        Files.writeString(rubric, """
                {
                  "limits": { "timeoutSeconds": 60, "heapMegabytes": 256, "outputKilobytes": 64 },
                  "exercises": {
                    "stack-frames": { "hidden": 6, "coverage": { "points": 2, "line": 0.7, "branch": 0.5 } },
                    "bump":         { "hidden": 6, "coverage": { "points": 2, "line": 0.7, "branch": 0.5 } }
                  }
                }
                """);
        Path zip = temp.resolve("autograder.zip");
        ClassroomExportTest.CommandRun run = ClassroomExportTest.run("export-gradescope", zip.toString(),
                "--rubric", rubric.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        source = temp.resolve("unpacked");
        unzip(zip, source);
        try (var files = Files.walk(source)) {
            assertThat(source.resolve("run_autograder")).as("unpacked: %s", files.toList()).isRegularFile();
        }
    }

    @Test
    void the_zip_has_gradescope_s_layout() throws IOException {
        // THEN setup.sh and run_autograder at the top, executable, the kit and the rubric beside them
        for (String script : List.of("setup.sh", "run_autograder")) {
            assertThat(source.resolve(script)).isRegularFile();
            assertThat(Files.getPosixFilePermissions(source.resolve(script))).contains(PosixFilePermission.OWNER_EXECUTE);
            assertThat(Files.readString(source.resolve(script))).startsWith("#!/usr/bin/env bash\n").doesNotContain("\r");
        }
        assertThat(Files.readString(source.resolve("setup.sh"))).contains("apt-get install", "openjdk-17-jdk")
                .doesNotContain("maven"); // grading never builds: the kit ships built
        assertThat(Files.readString(source.resolve("run_autograder")))
                .contains("/autograder", "results.json", "grade", "--format gradescope")
                .contains("useradd --system", "--worker-user", "pkill -KILL -u");
        assertThat(source.resolve("rubric.json")).isRegularFile();
        // AND lib/ holds the kit's jars and the notices of the libraries inside them, nothing else
        try (var files = Files.list(source.resolve("lib"))) {
            assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty()
                    .contains(ThirdPartyNotices.FILE_NAME)
                    .allMatch(n -> n.endsWith(".jar") || n.equals(ThirdPartyNotices.FILE_NAME));
        }
    }

    @Test
    void the_solutions_earn_every_point() throws Exception {
        // GIVEN the kit's solutions, with their exemplary student tests
        JsonNode results = grade("solutions", KitTree.root().resolve("solutions"));
        // THEN every part (hidden tests and coverage) is full, and the score is their sum
        for (JsonNode test : results.path("tests")) {
            assertThat(test.path("score").asDouble()).as("%s", test).isEqualTo(test.path("max_score").asDouble()).isPositive();
        }
        assertThat(results.path("score").asDouble()).as(results.toString()).isEqualTo(MAX_SCORE);
        assertThat(sumMax(results)).isEqualTo(MAX_SCORE);
    }

    @Test
    void the_stubs_get_zero() throws Exception {
        JsonNode results = grade("stubs", KitTree.root().resolve("exercises"));
        assertThat(results.path("score").asDouble()).as(results.toString()).isZero();
        assertThat(sumMax(results)).isEqualTo(MAX_SCORE);
    }

    @Test
    void a_buggy_bump_loses_points_only_in_bump() throws Exception {
        // GIVEN the solutions with a misaligned bump allocator, uploaded as a folder inside the zip
        Path submission = temp.resolve("buggy-upload/alloclab-exercises");
        KitTree.copyTree(KitTree.root().resolve("solutions/src"), submission.resolve("src"));
        Path bump = submission.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java");
        String code = Files.readString(bump);
        String aligned = "Checks.alignUp((long) HEADER_BYTES + size, ALIGNMENT)";
        assertThat(code).as("the planted bug no longer applies to BumpAllocator").contains(aligned);
        Files.writeString(bump, code.replace(aligned, "((long) HEADER_BYTES + size)"));
        // WHEN graded
        JsonNode results = grade("buggy", temp.resolve("buggy-upload"));
        // THEN bump lost hidden points, stack-frames kept all of its own
        assertThat(part(results, "bump: hidden").path("score").asDouble()).as(results.toString())
                .isLessThan(part(results, "bump: hidden").path("max_score").asDouble());
        assertThat(part(results, "stack-frames: hidden").path("score").asDouble()).as(results.toString())
                .isEqualTo(part(results, "stack-frames: hidden").path("max_score").asDouble());
        assertThat(results.path("score").asDouble()).isGreaterThan(0).isLessThan(MAX_SCORE);
    }

    @Test
    void a_zip_made_on_a_mac_is_graded_from_the_real_folder_not_from_its_metadata_or_hidden_copies() throws Exception {
        // GIVEN the solutions uploaded the way a Mac zips a folder: my-starter/ next to __MACOSX/my-starter/, which
        // mirrors every source as an AppleDouble ._X.java and sorts before it
        Path upload = temp.resolve("mac-upload");
        Path project = upload.resolve("my-starter");
        KitTree.copyTree(KitTree.root().resolve("solutions/src"), project.resolve("src"));
        byte[] appleDouble = {0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'};
        try (var sources = Files.walk(project.resolve("src"))) {
            for (Path file : sources.filter(Files::isRegularFile).toList()) {
                Path mirror = upload.resolve("__MACOSX").resolve(upload.relativize(file));
                Files.createDirectories(mirror.getParent());
                Files.write(mirror.resolveSibling("._" + file.getFileName()), appleDouble);
            }
        }
        // AND an editor's hidden history folder inside the project, holding untouched stubs, which also sorts first
        KitTree.copyTree(KitTree.root().resolve("exercises/src/main"), project.resolve(".history/src/main"));
        // WHEN graded
        JsonNode results = grade("mac", upload);
        // THEN the real folder earns every point
        assertThat(results.path("score").asDouble()).as(results.toString()).isEqualTo(MAX_SCORE);
    }

    @Test
    void two_projects_side_by_side_are_not_guessed_between_and_a_copy_inside_the_project_is_the_projects() throws Exception {
        // GIVEN an upload with an old copy of the stubs in Backup/ next to the work in my-work/ (Backup sorts first)
        Path twoProjects = temp.resolve("two-upload");
        KitTree.copyTree(KitTree.root().resolve("exercises/src"), twoProjects.resolve("Backup/src"));
        KitTree.copyTree(KitTree.root().resolve("solutions/src"), twoProjects.resolve("my-work/src"));
        // WHEN graded THEN neither is graded: 0, and the student is told which two projects were found and what to do
        JsonNode two = grade("two", twoProjects);
        assertThat(two.path("score").asDouble()).isZero();
        assertThat(two.path("output").asText()).as(two.toString())
                .contains("your upload holds 2 projects (Backup, my-work), and only one can be graded");
        // GIVEN a repository whose project keeps an old copy of the stubs inside it, one level below the upload
        Path nested = temp.resolve("nested-upload");
        KitTree.copyTree(KitTree.root().resolve("solutions/src"), nested.resolve("repo/src"));
        KitTree.copyTree(KitTree.root().resolve("exercises/src"), nested.resolve("repo/aaa-old/src"));
        // WHEN graded THEN the outer project is graded: every point
        JsonNode outer = grade("nested", nested);
        assertThat(outer.path("score").asDouble()).as(outer.toString()).isEqualTo(MAX_SCORE);
    }

    @Test
    void an_upload_whose_folder_name_is_not_utf8_is_graded_from_a_copy_under_a_plain_name() throws Exception {
        // GIVEN the solutions in a folder whose name has a Latin-1 byte, as a zip made on Windows unpacks it
        Path upload = Files.createDirectories(temp.resolve("latin1-upload"));
        Path project = dev.alloclab.grader.RawNames.make(upload, "J\\xf6rg", null);
        KitTree.copyTree(KitTree.root().resolve("solutions/src"), project.resolve("src"));
        // WHEN Gradescope runs the package THEN it is graded, every point, not refused with advice for instructors
        Path tmp = Files.createDirectories(temp.resolve("latin1-tmp"));
        JsonNode results = grade("latin1", upload, Map.of(), Map.of("TMPDIR", tmp.toString()));
        assertThat(results.path("score").asDouble()).as(results.toString()).isEqualTo(MAX_SCORE);
        // AND the copy is gone afterwards (an instructor's local try left one in /tmp per run)
        try (java.util.stream.Stream<Path> left = Files.walk(tmp)) {
            assertThat(left.filter(p -> p.getFileName().toString().equals("submission")).toList()).isEmpty();
        }
    }

    @Test
    void a_detached_process_that_student_code_leaves_behind_cannot_rewrite_results_json() throws Exception {
        // GIVEN red-team finding 5: the stubs (0 points), whose student test starts a detached process that waits for
        // the grader's results.json and then replaces it with a full score
        TestWorkerUsers.assumeRoot();
        Path upload = temp.resolve("forger-upload");
        KitTree.copyTree(KitTree.root().resolve("exercises/src"), upload.resolve("src"));
        try (var forger = GradescopePackageTest.class.getResourceAsStream("/forgers/DetachedResultsForger.java.txt")) {
            Files.write(upload.resolve("src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java"),
                    forger.readAllBytes());
        }
        // WHEN Gradescope runs the package (as root), and reads results.json a little later
        JsonNode results = grade("forger", upload);
        Thread.sleep(1500);
        Path file = temp.resolve("autograder-forger/results/results.json");
        // THEN the file still holds the grader's report: 0 points, root's, and no process of the worker user is left
        assertThat(results.path("score").asDouble()).as(results.toString()).isZero();
        assertThat(JSON.readTree(Files.readString(file))).isEqualTo(results);
        assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(0);
        assertThat(dev.alloclab.grader.run.WorkerUser.named(TestWorkerUsers.name(1)).killEveryProcess())
                .as("processes of the worker user left after run_autograder").isZero();
    }

    private static JsonNode part(JsonNode results, String name) {
        for (JsonNode test : results.path("tests")) {
            if (test.path("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test named '" + name + "' in " + results);
    }

    @Test
    void a_name_that_is_not_a_zip_is_one_sentence_with_the_command_named_once() {
        // GIVEN WHEN the package is exported to a .tar
        ClassroomExportTest.CommandRun run = ClassroomExportTest.run("export-gradescope", temp.resolve("out.tar").toString());
        // THEN bad input, and the sentence starts with the command's name, once
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("export-gradescope: '" + temp.resolve("out.tar") + "' does not end in .zip.")
                .contains("autograder.zip");
        assertThat(temp.resolve("out.tar")).doesNotExist();
    }

    @Test
    void an_existing_zip_is_refused_with_a_sentence_and_left_as_it_was() throws IOException {
        // GIVEN a zip already written (say, last term's autograder)
        Path zip = Files.writeString(Files.createDirectories(temp.resolve("existing")).resolve("autograder.zip"), "old");
        // WHEN the package is exported to the same name
        ClassroomExportTest.CommandRun run = ClassroomExportTest.run("export-gradescope", zip.toString());
        // THEN bad input in the other exports' words, and the old zip is untouched
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("export-gradescope: '" + zip + "' already exists. An export never overwrites "
                + "files; delete it first if you want it rewritten, or pass another name.");
        assertThat(zip).hasContent("old");
    }

    @Test
    void a_zip_that_cannot_be_written_leaves_no_temporary_file_behind() throws IOException {
        // GIVEN a folder (not empty) with the zip's name, so the final rename fails
        Path folder = Files.createDirectories(temp.resolve("taken/autograder.zip"));
        Files.writeString(folder.resolve("inside.txt"), "x");
        // WHEN the package is exported there
        ClassroomExportTest.CommandRun run = ClassroomExportTest.run("export-gradescope", folder.toString());
        // THEN bad input naming the zip, and nothing but the folder is left
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("export-gradescope: cannot write '" + folder + "'");
        try (var left = Files.list(folder.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("autograder.zip");
        }
    }

    @Test
    void an_empty_upload_gets_zero_and_a_sentence() throws Exception {
        JsonNode results = grade("empty", Files.createDirectories(temp.resolve("empty-upload")));
        assertThat(results.path("score").asDouble()).isZero();
        assertThat(results.path("output").asText()).contains("could not grade", "holds no Java sources");
    }

    @Test
    void a_message_with_a_tab_and_a_non_ascii_name_under_the_c_locale_is_valid_json_that_shows_the_name() throws Exception {
        // GIVEN an upload whose project folder is named Übung<TAB>proj and holds no sources, graded under LANG=C with no
        // LC_ALL (Gradescope's image sets no locale)
        Path upload = temp.resolve("tab-upload");
        Files.createDirectories(upload.resolve("Übung\tproj/src/main/java/dev"));
        // WHEN run_autograder grades it
        JsonNode results = grade("tab", upload, Map.of("LANG", "C"));
        // THEN results.json parses (the tab in the grader's sentence is escaped), and the sentence names the folder as it
        // is: run_autograder switched to a UTF-8 locale, so Java could open the name and say what is wrong with it
        assertThat(results.path("score").asDouble()).isZero();
        assertThat(results.path("output").asText()).contains("Übung\tproj", "holds no Java sources");
    }

    @Test
    void a_tmpdir_that_does_not_exist_still_grades_the_solutions_with_every_point() throws Exception {
        // GIVEN a TMPDIR that names no folder (a custom image, a local try with a stale TMPDIR)
        Map<String, String> env = Map.of("TMPDIR", temp.resolve("no-such-tmp").toString());
        // WHEN run_autograder grades the solutions there
        JsonNode results = grade("no-tmp", KitTree.root().resolve("solutions"), Map.of(), env);
        // THEN every point, not a zero telling the student to upload again (its messages went to an empty file name)
        assertThat(results.path("score").asDouble()).as(results.toString()).isEqualTo(MAX_SCORE);
        assertThat(results.toString()).doesNotContain("could not grade");
    }

    /** Makes a fake /autograder with the unpacked zip as source/ and the submission, runs run_autograder. */
    private static JsonNode grade(String name, Path submission) throws Exception {
        return grade(name, submission, Map.of());
    }

    /** As above, with {@code locale} replacing every LANG and LC_ variable of the environment. */
    private static JsonNode grade(String name, Path submission, Map<String, String> locale) throws Exception {
        return grade(name, submission, locale, Map.of());
    }

    /** As above, with {@code others} set in the environment too. */
    private static JsonNode grade(String name, Path submission, Map<String, String> locale, Map<String, String> others)
            throws Exception {
        Path root = temp.resolve("autograder-" + name);
        KitTree.copyTree(source, root.resolve("source"));
        KitTree.copyTree(submission, root.resolve("submission"));
        Path log = temp.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("ALLOCLAB_AUTOGRADER_ROOT", root.toString());
        // as root, the package grades as this user (made on first use): one of this clone's own, see TestWorkerUsers
        env.put("ALLOCLAB_WORKER_USER", TestWorkerUsers.name(1));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        if (!locale.isEmpty()) {
            env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
            env.putAll(locale);
        }
        env.putAll(others);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("run_autograder finished").isTrue();
        assertThat(p.exitValue()).as("run_autograder exit code: %s", Files.readString(log)).isZero();
        Path results = root.resolve("results/results.json");
        assertThat(results).as("results.json; run_autograder printed: %s", Files.readString(log)).isRegularFile();
        JsonNode json = JSON.readTree(Files.readString(results, StandardCharsets.UTF_8));
        assertGradescopeSchema(json);
        return json;
    }

    /** Gradescope's results.json: score, tests[] (name, score, max_score, output), visibilities from its list. */
    static void assertGradescopeSchema(JsonNode json) {
        assertThat(json.isObject()).isTrue();
        assertThat(json.path("score").isNumber()).as("top-level score in %s", json).isTrue();
        assertThat(json.path("tests").isArray()).as("tests[] in %s", json).isTrue();
        for (String key : List.of("visibility", "stdout_visibility")) {
            if (json.has(key)) {
                assertThat(VISIBILITIES).as(key).contains(json.path(key).asText());
            }
        }
        if (json.has("execution_time")) {
            assertThat(json.path("execution_time").isNumber()).isTrue();
        }
        if (json.has("output")) {
            assertThat(json.path("output").isTextual()).isTrue();
        }
        for (JsonNode test : json.path("tests")) {
            assertThat(test.path("name").isTextual()).as("name of %s", test).isTrue();
            assertThat(test.path("score").isNumber()).as("score of %s", test).isTrue();
            assertThat(test.path("max_score").isNumber()).as("max_score of %s", test).isTrue();
            assertThat(test.path("score").asDouble()).isBetween(0.0, test.path("max_score").asDouble());
            assertThat(test.path("output").isTextual()).as("output of %s", test).isTrue();
            if (test.has("visibility")) {
                assertThat(VISIBILITIES).contains(test.path("visibility").asText());
            }
            if (test.has("tags")) {
                assertThat(test.path("tags").isArray()).isTrue();
            }
        }
        if (json.path("tests").size() > 0) {
            double sum = 0;
            for (JsonNode test : json.path("tests")) {
                sum += test.path("score").asDouble();
            }
            assertThat(json.path("score").asDouble()).as("score = sum of the tests' scores").isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static double sumMax(JsonNode json) {
        double sum = 0;
        for (JsonNode test : json.path("tests")) {
            sum += test.path("max_score").asDouble();
        }
        return sum;
    }

    @Test
    void a_rubric_with_course_traces_takes_a_copy_of_them_into_the_zip() throws IOException {
        // GIVEN a rubric in one folder naming a trace folder somewhere else, with a BOM and comments as grade reads them
        String pair = "0\n2\n4\n1\na 0 200\na 1 300\nf 0\nf 1\n";
        Path classic = Files.createDirectories(temp.resolve("elsewhere/classic"));
        Files.writeString(classic.resolve("pair.rep"), pair);
        Path rubric = Files.createDirectories(temp.resolve("course")).resolve("perf.json");
        Files.writeString(rubric, "\uFEFF{ // CS 2xx, fall term\n\"exercises\": {\"segregated-fits\": {\"hidden\": 8,"
                + " \"performance\": {\"points\": 8, /* the lab's own */ \"traces\": \"../elsewhere/classic\"}}}}");
        // WHEN it is exported and unpacked
        Path zip = temp.resolve("perf.zip");
        ClassroomExportTest.CommandRun run = ClassroomExportTest.run("export-gradescope", zip.toString(),
                "--rubric", rubric.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Path unpacked = temp.resolve("perf-unpacked");
        unzip(zip, unpacked);
        // THEN the trace sits next to the rubric in the zip, and the zip's rubric loads it from there
        assertThat(unpacked.resolve("traces/pair.rep")).hasContent(pair);
        var loaded = dev.alloclab.grader.rubric.RubricLoader.load(unpacked.resolve("rubric.json"));
        assertThat(loaded.exercises().get("segregated-fits").performance().traces())
                .extracting(dev.alloclab.grader.rubric.Rubric.TraceText::name).containsExactly("pair.rep");
    }

    /** Unpacks with the JDK's zip file system, which also reads the unix modes the scripts were stored with. */
    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
                var walk = Files.walk(fs.getPath("/"))) {
            for (Path entry : walk.toList()) {
                Path out = target.resolve(fs.getPath("/").relativize(entry).toString()).normalize();
                assertThat(out.startsWith(target)).as("%s stays inside %s", out, target).isTrue();
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entry, out);
                    Files.setPosixFilePermissions(out, Files.getPosixFilePermissions(entry));
                }
            }
        }
    }
}
