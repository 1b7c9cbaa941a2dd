package dev.alloclab.export;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lib/alloclab-companion.jar} of a student starter: one self-contained jar that runs
 * {@code ./alloclab progress | hint | watch | quiz} ({@code dev.alloclab.cli.StudentCommand}).
 *
 * <p>What goes in is an allow-list, not a deny-list, so nothing of the instructor's side can slip in
 * by accident: the companion ({@code dev/alloclab/companion/**}), the few command classes of
 * {@link #CLI_CLASSES}, core ({@code dev/alloclab/core/**}), the libraries the companion runs and
 * compiles the exercises with (picocli, the JUnit Platform and Jupiter, jqwik, AssertJ and what they
 * load; JaCoCo's core and ASM for coverage), and the starter's test and main sources. The grader ({@code dev/alloclab/grader/**}), the hidden suites and the solutions
 * ({@code dev/alloclab/exercises/**}) are never on the list, but for the one tool of the grader's package named in
 * {@link #SHARED_CLASSES}, which holds nothing of grading. {@code CompanionJarClosureTest} checks that every kit class
 * the jar's classes name is in it (a class left out fails only in a student's starter, with
 * {@code NoClassDefFoundError}).
 *
 * <p>Where the classes come from: every entry of the running JVM's class path — the module folders
 * of a build, the library jars, or the one shaded {@code alloclab.jar}. Service files are merged
 * and keep only the providers whose class is in the jar.
 */
final class CompanionJar {
    /** The jar's name inside the starter's {@code lib/}. */
    static final String FILE_NAME = "alloclab-companion.jar";
    /** The class {@code ./alloclab} runs. */
    static final String MAIN_CLASS = "dev.alloclab.cli.StudentCommand";

    /** The commands of the student's {@code alloclab}, and what they use of {@code dev.alloclab.cli}. */
    static final List<String> CLI_CLASSES = List.of("StudentCommand", "ProgressCommand", "CheckCommand",
            "CoverageCommand", "OneExerciseOptions", "ExerciseInProject", "HintCommand", "WatchCommand", "WatchSupervisor", "QuizCommand", "QuestionQuizCommand",
            "QuizFreeSpaceCommand", "QuizStackCommand", "QuizStrategyCommand", "QuizViolationCommand", "ExitCodes",
            "KitErrors", "ShortUsageErrors", "KitVersion", "TimeLimitOption", "MeasureCommand", "TraceRunsOptions", "HeapLimitOption", "Words", "ReplaySteps", "TraceArgument",
            "bench/BenchRun", "bench/BenchResult", "bench/BenchSettings", "bench/BenchTable", "bench/BenchText",
            "bench/BenchedAllocator", "bench/ValidationProgress");

    /**
     * Single classes of other kit packages that the companion uses: {@code ProcessRun} runs {@code mvn -q test} for
     * {@code progress} on a Java without a compiler ({@code MavenFallback}); it starts programs, nothing of grading.
     */
    static final List<String> SHARED_CLASSES = List.of("dev/alloclab/grader/ProcessRun");

    /**
     * Whole packages (folders) taken: the kit's companion and core (with the grader's code review,
     * {@code dev/alloclab/companion/review/}, which {@code check} applies too), and the libraries, JaCoCo's core and
     * the ASM it and the review read class files with among them ({@code alloclab coverage}, {@code check}).
     */
    static final List<String> PACKAGES = List.of("dev/alloclab/companion/", "dev/alloclab/core/", "picocli/",
            "org/junit/", "org/opentest4j/", "org/apiguardian/", "net/jqwik/", "org/assertj/", "net/bytebuddy/",
            "org/jacoco/core/", "org/objectweb/asm/");

    /**
     * The starter's test sources (resources of the kit's jar; the student has these files anyway): {@code check} runs
     * the starter's copy of a visible test the student changed, as the grader does ({@code VisibleTestCopies}), and
     * {@code coverage} tells a student whose {@code ...StudentTest} is still the starter's example that it earns
     * nothing ({@code StarterCopies}).
     */
    static final String STARTER_TESTS = dev.alloclab.companion.StarterCopies.RESOURCES + "/src/test/java/";

    /**
     * The starter's main sources (stubs and given classes; the student has these files anyway): {@code coverage}
     * leaves out the given classes the student left as they are ({@code GivenCode}), as the grader does.
     */
    static final String STARTER_MAIN = dev.alloclab.companion.StarterCopies.RESOURCES + "/src/main/java/";

    private static final String SERVICES = "META-INF/services/";
    private static final String VERSIONS = "META-INF/versions/";

    /** Built once per JVM: the class path does not change, and an export should not pack 15 MB twice. */
    private static byte[] built;

    private CompanionJar() {
    }

    /** The jar's bytes, built from the running kit's class path (once; a copy each call). */
    static synchronized byte[] fromClasspath() {
        if (built == null) {
            built = build();
        }
        return built.clone();
    }

    private static byte[] build() {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, Set<String>> services = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            try {
                if (Files.isDirectory(path) && !path.endsWith("test-classes")) {
                    collectFolder(path, files, services);
                } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                    collectJar(path, files, services);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class-path entry " + path + ": " + e.getMessage(), e);
            }
        }
        if (!files.containsKey(MAIN_CLASS.replace('.', '/') + ".class")) {
            throw new ExportException("the companion's classes were not found on the kit's class path; run the "
                    + "export from alloclab.jar (./alloclab export-starter DIR) or rebuild the kit.");
        }
        services.forEach((service, providers) -> {
            String kept = providers.stream()
                    .filter(p -> files.containsKey(p.replace('.', '/') + ".class"))
                    .collect(Collectors.joining("\n"));
            if (!kept.isEmpty()) {
                files.put(SERVICES + service, (kept + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        return CoreArtifact.jarOf(files, true, Map.of("Main-Class", MAIN_CLASS, "Multi-Release", "true"));
    }

    /** True for a jar entry that belongs in the companion jar (service files are merged apart). */
    static boolean wanted(String name) {
        String plain = name;
        if (name.startsWith(VERSIONS)) {
            int slash = name.indexOf('/', VERSIONS.length());
            plain = slash < 0 ? "" : name.substring(slash + 1);
        }
        if (plain.isEmpty() || plain.endsWith("module-info.class")) {
            return false;
        }
        if (plain.startsWith(STARTER_TESTS)) {
            return plain.endsWith(".java"); // every starter test source: check's visible copies, coverage's StudentTest rule
        }
        if (plain.startsWith(STARTER_MAIN)) {
            return plain.endsWith(".java"); // every starter main source: coverage's given-code rule
        }
        if (plain.startsWith("dev/alloclab/cli/")) {
            String file = plain.substring("dev/alloclab/cli/".length());
            return CLI_CLASSES.stream().anyMatch(c -> file.equals(c + ".class") || file.startsWith(c + "$"));
        }
        String file = plain;
        if (SHARED_CLASSES.stream().anyMatch(c -> file.equals(c + ".class") || file.startsWith(c + "$"))) {
            return true;
        }
        return PACKAGES.stream().anyMatch(file::startsWith);
    }

    private static void collectFolder(Path folder, Map<String, byte[]> files, Map<String, Set<String>> services)
            throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(p).toString().replace('\\', '/');
                if (name.startsWith(SERVICES) || wanted(name)) {
                    add(name, Files.readAllBytes(p), files, services);
                }
            }
        }
    }

    private static void collectJar(Path jarPath, Map<String, byte[]> files, Map<String, Set<String>> services)
            throws IOException {
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                String name = entry.getName();
                if (name.startsWith(SERVICES) || wanted(name)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        add(name, in.readAllBytes(), files, services);
                    }
                }
            }
        }
    }

    /** The first copy of a class wins (class-path order); service files collect every provider line. */
    private static void add(String name, byte[] bytes, Map<String, byte[]> files, Map<String, Set<String>> services) {
        if (name.startsWith(SERVICES)) {
            Set<String> providers = services.computeIfAbsent(name.substring(SERVICES.length()), k -> new LinkedHashSet<>());
            new String(bytes, StandardCharsets.UTF_8).lines().map(l -> l.replaceFirst("#.*", "").trim())
                    .filter(l -> !l.isEmpty()).forEach(providers::add);
        } else {
            files.putIfAbsent(name, bytes);
        }
    }
}
