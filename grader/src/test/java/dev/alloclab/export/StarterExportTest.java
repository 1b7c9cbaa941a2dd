package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.AlloclabCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What export-starter writes, checked against the kit's own tree (no Maven run: see
 * {@link ExportedStarterBuildTest} for that).
 */
class StarterExportTest {
    @TempDir
    Path temp;

    @Test
    void the_starter_holds_every_stub_visible_test_and_exercise_page_unchanged() {
        // GIVEN a fresh export
        Path starter = exportTo("starter");
        Map<String, byte[]> exported = KitTree.files(starter);
        // THEN every file of exercises/src (but the kit-only layout check) is there with the same bytes
        Map<String, byte[]> stubs = KitTree.files(KitTree.root().resolve("exercises/src"));
        assertThat(stubs).isNotEmpty();
        stubs.forEach((path, bytes) -> {
            String name = "src/" + path;
            if (StarterExporter.KIT_ONLY.contains(name)) {
                assertThat(exported).as("kit-only file %s", name).doesNotContainKey(name);
            } else {
                assertThat(exported).as("exported %s", name).containsKey(name);
                assertThat(exported.get(name)).as("content of %s", name).isEqualTo(bytes);
            }
        });
        // AND every page of docs/ (the exercise pages, and the learning path that reports link to), a page with
        // kit-only parts without them
        KitTree.files(KitTree.root().resolve("docs")).forEach((path, bytes) ->
                assertThat(exported.get("docs/" + path)).as("docs/%s", path)
                        .isEqualTo(StarterExporter.starterCopy("docs/" + path, bytes)));
        assertThat(exported).containsKey("docs/mistakes.md");
        assertThat(exported.get("docs/mistakes.md")).isEqualTo(KitTree.files(KitTree.root().resolve("docs"))
                .get("mistakes.md"));
        // AND every relative link of the starter's pages leads to a file of the starter
        exported.forEach((path, bytes) -> {
            if (path.endsWith(".md")) {
                java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\]\\(([^)#:]+)[)#]")
                        .matcher(new String(bytes, StandardCharsets.UTF_8));
                while (link.find()) {
                    String target = java.nio.file.Path.of(path).resolveSibling(link.group(1)).normalize().toString()
                            .replace('\\', '/');
                    assertThat(exported.keySet().stream().anyMatch(f -> f.equals(target) || f.startsWith(target + "/")))
                            .as("%s links to %s, which the starter does not have", path, link.group(1)).isTrue();
                }
            }
        });
        // AND the README with the two commands and every exercise
        String readme = new String(exported.get("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("mvn test", "To submit:", "docs/exercises/stack-frames.md", "docs/exercises/refcount.md");
    }

    @Test
    void the_starters_instructor_page_keeps_the_scoring_rules_and_leaves_out_the_threat_model() {
        // GIVEN a fresh export and the kit's own page
        Map<String, byte[]> exported = KitTree.files(exportTo("starter"));
        String kit = new String(KitTree.files(KitTree.root().resolve("docs")).get("instructors.md"),
                StandardCharsets.UTF_8);
        String starter = new String(exported.get("docs/instructors.md"), StandardCharsets.UTF_8);
        // THEN the kit's page has the threat model and the starter's has not, nor a marker
        assertThat(kit).contains("**Not contained inside one JVM**", "What coverage cannot tell",
                "**How the hidden suites are checked.**");
        assertThat(starter).doesNotContain("Not contained", "Unsafe", "What coverage cannot tell",
                "**How the hidden suites are checked.**", "ResultForgeryTest");
        assertThat(starter.lines().map(String::strip)).doesNotContain(KitOnlyParts.KIT_ONLY_START,
                KitOnlyParts.KIT_ONLY_END, KitOnlyParts.STARTER_ONLY_START);
        // AND a student still reads the scoring rules and what their code runs under
        assertThat(starter).contains("## How points are computed", "## Isolation and the threat model",
                "Your code runs in a separate JVM", "how the grader guards itself", "**Performance formula.**");
        // AND every section a starter page links to in it is still there
        Pattern intoThePage = Pattern.compile("instructors\\.md#([a-z0-9-]+)");
        exported.forEach((path, bytes) -> {
            if (path.endsWith(".md")) {
                Matcher link = intoThePage.matcher(new String(bytes, StandardCharsets.UTF_8));
                while (link.find()) {
                    assertThat(headingSlugs(starter)).as("%s links to instructors.md#%s", path, link.group(1))
                            .contains(link.group(1));
                }
            }
        });
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces turned into dashes. */
    private static List<String> headingSlugs(String page) {
        List<String> slugs = new ArrayList<>();
        for (String line : page.split("\n")) {
            if (line.startsWith("#")) {
                slugs.add(line.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return slugs;
    }

    @Test
    void the_starter_poms_comment_gives_the_per_test_limit_that_junit_platform_properties_sets() throws IOException {
        // GIVEN a fresh export
        Path starter = exportTo("starter");
        // WHEN the limit in junit-platform.properties and the one the pom's comment promises are read
        Matcher set = Pattern.compile("junit\\.jupiter\\.execution\\.timeout\\.testable\\.method\\.default\\s*=\\s*(\\d+) s")
                .matcher(Files.readString(starter.resolve("src/test/resources/junit-platform.properties")));
        Matcher promised = Pattern.compile("a test that never returns is stopped after (\\d+) s")
                .matcher(Files.readString(starter.resolve("pom.xml")));
        // THEN they are the same number of seconds
        assertThat(set.find()).as("the per-test limit in junit-platform.properties").isTrue();
        assertThat(promised.find()).as("the pom's comment on the per-test limit").isTrue();
        assertThat(promised.group(1)).as("seconds in the pom's comment").isEqualTo(set.group(1));
    }

    @Test
    void the_starter_holds_no_solution_and_no_hidden_suite() {
        // GIVEN a fresh export and the kit's solutions and hidden suites
        Path starter = exportTo("starter");
        List<String> leaks = leaks(starter);
        // THEN nothing of them is in the starter
        assertThat(leaks).as("solution or hidden-suite files found in the exported starter").isEmpty();
    }

    @Test
    void the_leak_scan_finds_a_solution_or_a_hidden_suite_planted_in_a_starter() throws IOException {
        // GIVEN a starter into which one solution file and one hidden suite were copied
        Path starter = exportTo("starter");
        Path solution = KitTree.root().resolve("solutions/src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java");
        Files.copy(solution, starter.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path hidden = KitTree.root().resolve("grader/src/main/hidden/bump/BumpHiddenTest.java");
        Files.copy(hidden, starter.resolve("src/test/java/dev/alloclab/exercises/bump/Renamed.java"));
        // AND a jar in lib/ holding a grader class and an exercise class (what a solution compiles to)
        Files.write(starter.resolve("lib/extra.jar"), CoreArtifact.jarOf(Map.of(
                "dev/alloclab/grader/Grader.class", new byte[] {1},
                "dev/alloclab/exercises/bump/BumpAllocator.class", new byte[] {2}), false));
        // WHEN the scan runs THEN it names all four
        assertThat(leaks(starter)).hasSize(4)
                .anyMatch(l -> l.contains("BumpAllocator.java")).anyMatch(l -> l.contains("Renamed.java"))
                .anyMatch(l -> l.contains("lib/extra.jar") && l.contains("dev/alloclab/grader/Grader.class"))
                .anyMatch(l -> l.contains("lib/extra.jar") && l.contains("dev/alloclab/exercises/bump/BumpAllocator.class"));
    }

    @Test
    void the_companion_jar_holds_the_companion_and_its_libraries_and_nothing_of_the_grader() throws IOException {
        // GIVEN a fresh export's companion jar
        Path starter = exportTo("starter");
        try (JarFile jar = new JarFile(starter.resolve("lib/" + CompanionJar.FILE_NAME).toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            // THEN it has the student's commands, the companion, core and the libraries they run with
            assertThat(names).contains("dev/alloclab/cli/StudentCommand.class", "dev/alloclab/cli/ProgressCommand.class",
                    "dev/alloclab/cli/QuizFreeSpaceCommand.class", "dev/alloclab/companion/ProgressCheck.class",
                    "dev/alloclab/core/KitException.class", "picocli/CommandLine.class",
                    "org/junit/platform/launcher/core/LauncherFactory.class", "net/jqwik/api/Property.class",
                    "org/assertj/core/api/Assertions.class", "META-INF/services/org.junit.platform.engine.TestEngine");
            // AND what alloclab coverage and check need: the command, JaCoCo's core and ASM, the starter's test
            // sources (coverage tells an unchanged StudentTest example; check runs the starter's copy of a visible
            // test the student changed) and main sources (coverage leaves out given classes left as they are), but
            // no other file of the starter's (no docs, no resources)
            assertThat(names).contains("dev/alloclab/cli/CoverageCommand.class",
                    "dev/alloclab/companion/ExerciseCoverage.class", "org/jacoco/core/instr/Instrumenter.class",
                    "org/jacoco/core/runtime/LoggerRuntime.class", "org/objectweb/asm/ClassReader.class",
                    "dev/alloclab/companion/default-coverage-rule.properties",
                    "dev/alloclab/export/starter/src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java");
            assertThat(names).filteredOn(n -> n.startsWith("dev/alloclab/export/") && !n.endsWith("/"))
                    .allMatch(n -> (n.startsWith("dev/alloclab/export/starter/src/test/java/")
                            || n.startsWith("dev/alloclab/export/starter/src/main/java/")) && n.endsWith(".java"))
                    .contains("dev/alloclab/export/starter/src/main/java/dev/alloclab/exercises/stackframes/"
                            + "FrameStackOverflowException.java");
            // AND none of the instructor's commands
            assertThat(names).doesNotContain("dev/alloclab/cli/AlloclabCommand.class", "dev/alloclab/cli/GradeCommand.class",
                    "dev/alloclab/cli/ExportStarterCommand.class");
            // AND every service provider it names is in it
            for (String service : names.stream().filter(n -> n.startsWith("META-INF/services/")).toList()) {
                String text = new String(jar.getInputStream(jar.getEntry(service)).readAllBytes(), StandardCharsets.UTF_8);
                text.lines().filter(l -> !l.isBlank()).forEach(provider ->
                        assertThat(names).as("provider of %s", service).contains(provider.trim().replace('.', '/') + ".class"));
            }
        }
    }

    /**
     * Any exported file equal to a solution source that differs from its stub, or to a hidden suite file,
     * or named like a hidden suite. (Names alone are not enough: the starter's support/TrackingHeap.java and
     * the hidden suites' _shared/TrackingHeap.java are different files with one name.)
     */
    static List<String> leaks(Path starter) {
        Map<String, byte[]> stubs = KitTree.files(KitTree.root().resolve("exercises/src/main/java"));
        Map<String, byte[]> solutions = KitTree.files(KitTree.root().resolve("solutions/src/main/java"));
        Map<String, byte[]> hidden = KitTree.files(KitTree.root().resolve("grader/src/main/hidden"));
        assertThat(solutions).as("solutions to compare with").isNotEmpty();
        assertThat(hidden).as("hidden suites to compare with").isNotEmpty();
        List<byte[]> secret = new ArrayList<>();
        solutions.forEach((path, bytes) -> {
            if (!Arrays.equals(bytes, stubs.get(path))) {
                secret.add(bytes);
            }
        });
        secret.addAll(hidden.values());
        List<String> leaks = new ArrayList<>();
        KitTree.files(starter).forEach((path, bytes) -> {
            if (path.endsWith(".jar")) {
                leaks.addAll(jarLeaks(path, bytes));
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (secret.stream().anyMatch(s -> Arrays.equals(s, bytes))) {
                leaks.add(path + " has the content of a solution or hidden suite");
            } else if (name.contains("HiddenTest") || path.contains("/hidden/")) {
                leaks.add(path + " is named like a hidden suite");
            }
        });
        return leaks;
    }

    /**
     * Entries of a bundled jar that belong to the instructor: the grader's classes (but for
     * {@link CompanionJar#SHARED_CLASSES}, which hold nothing of grading), or an exercise's classes
     * (what a solution compiles to; no jar of the starter carries exercise code, the student writes it).
     */
    private static List<String> jarLeaks(String path, byte[] bytes) {
        List<String> leaks = new ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().replaceFirst("^META-INF/versions/\\d+/", "");
                boolean shared = CompanionJar.SHARED_CLASSES.stream()
                        .anyMatch(c -> name.equals(c + ".class") || name.startsWith(c + "$"));
                if (!shared && name.startsWith("dev/alloclab/grader/") || name.startsWith("dev/alloclab/exercises/")
                        || name.contains("HiddenTest") || name.startsWith("hidden/")) {
                    leaks.add(path + " holds " + e.getName());
                }
            }
        } catch (IOException e) {
            leaks.add(path + " cannot be read as a jar: " + e.getMessage());
        }
        return leaks;
    }

    @Test
    void core_is_bundled_as_a_maven_artifact_whose_version_follows_its_content() throws IOException {
        // GIVEN two exports of the same kit
        Path first = exportTo("first");
        Path second = exportTo("second");
        // THEN both name the same core version, and the pom points at lib/repo
        String version = coreVersion(first);
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+-[0-9a-f]{8}").isEqualTo(coreVersion(second));
        String pom = Files.readString(first.resolve("pom.xml"));
        assertThat(pom).contains("<alloclab.core.version>" + version + "</alloclab.core.version>",
                "<url>file://${project.basedir}/lib/repo</url>", "<maven.compiler.release>17</maven.compiler.release>")
                .doesNotContain("@@").doesNotContain("alloclab.expect").doesNotContain("ProgressExpectation");
        // AND the artifact is a jar with core's classes and its own pom
        Path dir = first.resolve("lib/repo/dev/alloclab/alloclab-core").resolve(version);
        try (JarFile jar = new JarFile(dir.resolve("alloclab-core-" + version + ".jar").toFile())) {
            assertThat(jar.getEntry("dev/alloclab/core/KitException.class")).isNotNull();
            assertThat(jar.getEntry("dev/alloclab/core/alloc/Allocator.class")).isNotNull();
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.startsWith("dev/alloclab/grader/") || n.startsWith("dev/alloclab/cli/"));
        }
        assertThat(Files.readString(dir.resolve("alloclab-core-" + version + ".pom")))
                .contains("<artifactId>alloclab-core</artifactId>", "<version>" + version + "</version>");
        // AND a different core would get a different version
        Map<String, byte[]> other = new java.util.TreeMap<>(CoreArtifact.coreFiles());
        other.put("dev/alloclab/core/extra.txt", new byte[] {1});
        assertThat(CoreArtifact.jarOf(other, true)).isNotEqualTo(CoreArtifact.jarOf(CoreArtifact.coreFiles(), true));
    }

    @Test
    void the_starter_pom_pins_the_versions_of_the_kit_root_pom() throws IOException {
        // GIVEN the kit's root pom and an exported starter pom
        String root = Files.readString(KitTree.root().resolve("pom.xml"));
        String starter = Files.readString(exportTo("starter").resolve("pom.xml"));
        // THEN every library version property is the same
        for (String property : List.of("junit.jupiter.version", "jqwik.version", "assertj.version")) {
            assertThat(tag(starter, property)).as(property).isEqualTo(tag(root, property));
        }
        // AND every plugin the starter pins has the root pom's version
        Matcher plugin = Pattern.compile("<plugin><artifactId>([\\w-]+)</artifactId><version>([^<]+)</version></plugin>")
                .matcher(starter);
        int pinned = 0;
        while (plugin.find()) {
            assertThat(root).as("the root pom pins %s at %s", plugin.group(1), plugin.group(2))
                    .containsPattern("<artifactId>" + plugin.group(1) + "</artifactId>\\s*<version>"
                            + Pattern.quote(plugin.group(2)) + "</version>");
            pinned++;
        }
        assertThat(pinned).as("plugins pinned by the starter").isGreaterThanOrEqualTo(4);
    }

    @Test
    void exporting_into_a_folder_that_holds_files_is_refused_with_a_sentence() throws IOException {
        // GIVEN a folder with a student's work in it
        Path folder = Files.createDirectories(temp.resolve("work"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        // WHEN the starter is exported there
        StringWriter err = new StringWriter();
        int exit = AlloclabCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err, true)).execute("export-starter", folder.toString());
        // THEN bad input, one sentence, and the file is untouched
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("export-starter: folder '" + folder + "' is not empty.")
                .contains("never overwrites").doesNotContain("Exception");
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("mine");
        // AND the command's name starts the message once (the command line adds it)
        assertThat(err.toString()).startsWith("export-starter: folder '" + folder + "' is not empty")
                .doesNotContain("export-starter: export-starter:");
    }

    @Test
    void exporting_below_a_file_names_the_file_in_the_way() throws IOException {
        // GIVEN a file where the starter's parent folder should be
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        // WHEN the starter is exported below it
        StringWriter err = new StringWriter();
        int exit = AlloclabCommand.commandLine().setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err, true)).execute("export-starter", file.resolve("starter").toString());
        // THEN the message gives the reason, not only the path
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("export-starter: cannot write into '" + file.resolve("starter") + "': '"
                + file + "' is a file, not a folder. Check that the folder is writable.");
    }

    private Path exportTo(String name) {
        StringWriter out = new StringWriter();
        Path dir = temp.resolve(name);
        int exit = AlloclabCommand.commandLine().setOut(new PrintWriter(out, true)).execute("export-starter", dir.toString());
        assertThat(exit).as("export-starter exit code; it printed: %s", out).isZero();
        assertThat(out.toString()).contains("wrote the student starter to");
        return dir;
    }

    private static String coreVersion(Path starter) throws IOException {
        return tag(Files.readString(starter.resolve("pom.xml")), "alloclab.core.version");
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(xml);
        assertThat(m.find()).as("<%s> in the pom", name).isTrue();
        return m.group(1);
    }
}
