package dev.alloclab.export;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the repository students get: a standalone Maven project with the exercise stubs, the visible
 * tests, the student test files, the exercise pages, a README, and {@code core} as a released artifact
 * in a file repository inside the project ({@code lib/repo}).
 *
 * <pre>
 *   DIR/
 *     pom.xml                 Java 17, pinned versions, a &lt;repository&gt; pointing at lib/repo
 *     README.md               mvn test; how to submit; the exercises in order (a course's only, once
 *                             export-classroom --rubric knows the course: {@link #listOnlyTheCourse})
 *     .gitignore
 *     .mvn/maven.config       -Daether.offline.protocols=file, so `mvn -o` may read lib/repo
 *     src/main/java/...       the stubs (every method throws NotImplemented)
 *     src/test/java/...       visible tests, *StudentTest files, the "not started" support
 *     src/test/resources/...  JUnit/jqwik settings, the listeners that print progress
 *     docs/                   the learning path (the pages reports link to) and docs/exercises/*.md, one page per exercise,
 *                             each without its kit-only parts ({@link KitOnlyParts}: the grader's threat model)
 *     lib/repo/dev/alloclab/alloclab-core/&lt;v&gt;/alloclab-core-&lt;v&gt;.{jar,pom}
 *     lib/alloclab-companion.jar   the companion (progress, hint, watch, quiz): see {@link CompanionJar}
 *     lib/THIRD-PARTY.md           the licences of the libraries in that jar ({@link ThirdPartyNotices})
 *     alloclab                the launcher script: java -cp lib/alloclab-companion.jar ...StudentCommand
 * </pre>
 *
 * <p>What never goes in: solutions and hidden suites are not among the grader's starter resources at
 * all (they are copied from {@code exercises/} only), and the kit-only files listed in
 * {@link #KIT_ONLY} (checks of the kit's own layout) are left out. The companion jar is built from an
 * allow-list of packages, so the grader's classes never go in either.
 */
public final class StarterExporter {
    /**
     * The starter's own copy of {@code relativePath} (for example {@code src/test/java/.../ProgressListener.java}),
     * or null when the starter has no such file. The grader's review trusts a student's file that is still
     * exactly the starter's: the kit's own test support uses JUnit's launcher API, which student code has no
     * business calling.
     */
    public static byte[] starterFile(String relativePath) {
        return dev.alloclab.companion.StarterCopies.starterFile(relativePath).orElse(null);
    }

    /** The starter's files inside the grader jar, copied there from exercises/ and docs/ at build time. */
    static final String RESOURCES = dev.alloclab.companion.StarterCopies.RESOURCES;
    /**
     * Files of exercises/ that check the kit itself (its layout, reading ../solutions, or its test support) and make
     * no sense in a starter.
     */
    static final Set<String> KIT_ONLY = Set.of("src/test/java/dev/alloclab/exercises/support/CurriculumLayoutTest.java",
            "src/test/java/dev/alloclab/exercises/support/CourseExercisesTest.java",
            "src/test/java/dev/alloclab/exercises/support/HeapHarnessTest.java",
            "src/test/java/dev/alloclab/exercises/support/ProgressListenerTest.java",
            "src/test/java/dev/alloclab/exercises/support/StuckTestWatchdogTest.java",
            "src/test/java/dev/alloclab/exercises/support/RunawayRecursionTest.java");

    /** What goes into the README's "To submit" line when the instructor does not say. */
    public static final String DEFAULT_SUBMIT = "commit and push your work (GitHub Classroom: every push is graded), "
            + "or upload this folder as a zip to Gradescope. Your instructor tells you which.";

    private StarterExporter() {
    }

    /** What was written. */
    public record Result(Path folder, String coreVersion, int files) {
    }

    /**
     * Writes the starter into {@code folder}, which must not exist or be empty.
     *
     * @param submitInstructions the README's "To submit" sentence ({@link #DEFAULT_SUBMIT} when null)
     */
    public static Result export(Path folder, String submitInstructions) {
        requireEmptyOrAbsent(folder);
        CoreArtifact core = CoreArtifact.fromClasspath(KitVersions.get("kit.version"));
        Map<String, byte[]> files = ResourceTree.at(RESOURCES).files();
        int written = 0;
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (KIT_ONLY.contains(file.getKey())) {
                    continue;
                }
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, starterCopy(file.getKey(), file.getValue()));
                written++;
            }
            write(folder.resolve("pom.xml"), Template.named("starter-pom.xml").fill(Map.of(
                    "CORE_VERSION", core.version(),
                    "JUNIT_VERSION", KitVersions.get("junit.jupiter.version"),
                    "JQWIK_VERSION", KitVersions.get("jqwik.version"),
                    "ASSERTJ_VERSION", KitVersions.get("assertj.version"))));
            write(folder.resolve("README.md"), Template.named("starter-README.md").fill(Map.of(
                    "SUBMIT", submitInstructions == null ? DEFAULT_SUBMIT : submitInstructions,
                    "EXERCISE_ROWS", exerciseRows(Curriculum.exercises()),
                    "CORE_VERSION", core.version())));
            write(folder.resolve(".gitignore"), Template.named("starter-gitignore").fill(Map.of()));
            // lets `mvn -o` read lib/repo (a file:// repository) too: Maven treats it as remote otherwise
            Files.createDirectories(folder.resolve(".mvn"));
            write(folder.resolve(".mvn/maven.config"), Template.named("starter-maven.config").fill(Map.of()));
            written += 4;
            Path launcher = folder.resolve("alloclab");
            write(launcher, Template.named("starter-alloclab").fill(Map.of(
                    "JAR", CompanionJar.FILE_NAME, "MAIN_CLASS", CompanionJar.MAIN_CLASS)));
            makeExecutable(launcher);
            Files.createDirectories(folder.resolve("lib"));
            Files.write(folder.resolve("lib").resolve(CompanionJar.FILE_NAME), CompanionJar.fromClasspath());
            Files.write(folder.resolve("lib").resolve(ThirdPartyNotices.FILE_NAME), ThirdPartyNotices.text());
            written += 3;
        } catch (IOException e) {
            throw new ExportException("cannot write into '" + folder + "': " + IoReason.of(e, folder)
                    + ". Check that the folder is writable.", e);
        }
        core.writeInto(folder.resolve("lib/repo"));
        return new Result(folder, core.version(), written + 2);
    }

    /**
     * The bytes the starter gets for the kit's file {@code path}: a page of {@code docs/} without its kit-only
     * parts ({@link KitOnlyParts}), any other file as it is.
     */
    static byte[] starterCopy(String path, byte[] kitBytes) {
        if (!path.startsWith("docs/") || !path.endsWith(".md")) {
            return kitBytes;
        }
        String page = new String(kitBytes, StandardCharsets.UTF_8);
        return KitOnlyParts.marked(page)
                ? KitOnlyParts.starterCopy(path, page).getBytes(StandardCharsets.UTF_8)
                : kitBytes;
    }

    /** The README's table rows of {@code exercises}, one a line, each with its curriculum number and page. */
    static String exerciseRows(List<Exercise> exercises) {
        return exercises.stream()
                .map(e -> "| " + e.order() + " | " + e.title() + " | `" + e.packageName() + "` | ["
                        + e.docsPage() + "](" + e.docsPage() + ") |")
                .collect(Collectors.joining("\n"));
    }

    /** Where a starter's JUnit settings are, and the setting of each test's time limit under {@code mvn test}. */
    static final String JUNIT_SETTINGS = "src/test/resources/junit-platform.properties";
    static final String TEST_LIMIT_KEY = "junit.jupiter.execution.timeout.testable.method.default";

    /**
     * Sets the time limit of each test under the starter's {@code mvn test} to {@code seconds} (a course's share of its
     * exercise limit, as the grader gives it), so that a test does not pass there and get stopped in the grade.
     * Returns false, changing nothing, when the starter's JUnit settings have no such line (an instructor edited them).
     */
    static boolean limitEachTest(Path folder, int seconds) throws IOException {
        Path settings = folder.resolve(JUNIT_SETTINGS);
        if (!Files.isRegularFile(settings)) {
            return false;
        }
        String text = Files.readString(settings, StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(TEST_LIMIT_KEY) + "\\s*=.*$").matcher(text);
        if (!line.find()) {
            return false;
        }
        String limited = text.substring(0, line.start()) + TEST_LIMIT_KEY + " = " + seconds + " s"
                + text.substring(line.end());
        Files.writeString(settings, limited, StandardCharsets.UTF_8);
        return true;
    }

    /**
     * Makes the README of the starter in {@code folder} list only {@code course}'s exercises (in curriculum order),
     * with one line under the table naming the exercises the course leaves out: what {@code export-classroom --rubric}
     * does once the course is known, since {@code export-starter} wrote every exercise. Their files stay in the
     * starter, so the line says that nothing of them is graded. A README whose table is no longer the one this kit
     * wrote (edited by hand, or already a course's) is left as it is.
     *
     * @return true when the README now lists the course's exercises only
     */
    static boolean listOnlyTheCourse(Path folder, List<Exercise> course) throws IOException {
        Path readme = folder.resolve("README.md");
        if (!Files.isRegularFile(readme)) {
            return false;
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        // the table export-starter wrote (every exercise), or one an earlier export-classroom --rubric left: a course's
        // rubric changes between terms, and its exercises are a subset of the curriculum's, in its order
        List<Exercise> all = Curriculum.exercises();
        for (int subset = (1 << all.size()) - 1; subset > 0; subset--) {
            List<Exercise> earlier = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if ((subset & (1 << i)) != 0) {
                    earlier.add(all.get(i));
                }
            }
            String table = table(earlier);
            if (text.contains(table)) {
                write(readme, text.replace(table, table(course)));
                return true;
            }
        }
        return false;
    }

    /** The README's exercise rows for {@code course}, and, when it leaves some out, the line that names them. */
    private static String table(List<Exercise> course) {
        List<Exercise> dropped = Curriculum.exercises().stream().filter(e -> !course.contains(e)).toList();
        if (dropped.isEmpty()) {
            return exerciseRows(course);
        }
        return exerciseRows(course) + "\n\n" + "Not part of this course: " + dropped.stream()
                .map(e -> e.order() + " " + e.id()).collect(Collectors.joining(", ")) + " (your instructor's rubric leaves "
                + (dropped.size() == 1 ? "it out: its files stay in this folder" : "them out: their files stay in this "
                + "folder") + ", but nothing of " + (dropped.size() == 1 ? "it" : "them") + " is graded).";
    }

    /** rwxr-xr-x where the file system knows POSIX permissions (a zip or Windows keeps the script plain). */
    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setExecutable(true, false);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a target that holds anything: an export never overwrites a student's work. The messages
     * do not start with the command's name: the command line adds it.
     */
    static void requireEmptyOrAbsent(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new ExportException("'" + folder + "' is a file. Pass a new folder (it is created) "
                    + "or an empty one.");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new ExportException("folder '" + folder + "' is not empty. An export never "
                        + "overwrites files; pass a new folder (it is created) or an empty one.");
            }
        } catch (IOException e) {
            throw new ExportException("cannot read folder '" + folder + "': " + IoReason.of(e, folder) + ".", e);
        }
    }
}
