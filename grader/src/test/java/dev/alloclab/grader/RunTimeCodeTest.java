package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code that a submission brings in while it is graded, past the compiler and the review (red-team findings 1, 2
 * and 3): class files and service files that a student test writes into the grading folder, their bytes carried
 * as base64 text in the test's source, so the review never sees them as classes. Before the grading JVM defined
 * the student's classes from the bytes the grader compiled, its class loaders read those folders lazily and the
 * planted code ran: a test engine padded the hidden total, another forged the performance figures, and a planted
 * JUnit extension or a {@code ServiceLoader} provider filled JaCoCo's probes. One submission carries every attack,
 * each in its own exercise, as {@link HostileSubmissionTest} does.
 */
class RunTimeCodeTest {
    private static final String TEST = "src/test/java/dev/alloclab/exercises/";

    @TempDir
    Path temp;

    @Test
    void classes_and_service_files_written_while_grading_are_never_loaded() throws IOException {
        // GIVEN the solutions, with
        Path submission = KitSubmissions.copyOfSolutions(temp.resolve("submission"), "planter");
        Map<String, String> planted = compiledPlants(temp.resolve("plants"));
        // bump: the untouched stub, and a student test that plants a test engine of 500 always-passing tests (named
        // after the hidden suite's class) in the main class folder, where the hidden suite's loader looked; and, in
        // the shared test folder, a JUnit extension (service file) that marks every line of vec's IntVec covered
        Files.copy(KitSubmissions.kitFolder("exercises").resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"),
                submission.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", planter("bump", "BumpAllocatorStudentTest", """
                        plant(Path.of("exercises", "bump", "main"), "org.junit.platform.engine.TestEngine", "pad.Padding");
                        plant(Path.of("common", "test"), "org.junit.jupiter.api.extension.Extension", "pad.Marker");
                """, planted));
        // segregated-fits: a student test that plants an engine publishing the grader's performance keys from a test
        // that claims to be the hidden performance test
        KitSubmissions.write(submission, TEST + "segregated/PerfStudentTest.java", planter("segregated", "PerfStudentTest", """
                        plant(Path.of("exercises", "segregated-fits", "main"), "org.junit.platform.engine.TestEngine", "pad.Perf");
                """, planted));
        // implicit-list: finding 3 as reported: its only test plants a Runnable provider that marks every line covered,
        // then runs it through ServiceLoader
        KitSubmissions.write(submission, TEST + "implicitlist/ImplicitFreeListAllocatorStudentTest.java",
                planter("implicitlist", "ImplicitFreeListAllocatorStudentTest", """
                        plant(Path.of("exercises", "implicit-list", "test"), "java.lang.Runnable", "pad.Prober");
                        java.util.ServiceLoader.load(Runnable.class).forEach(Runnable::run);
                """, planted));
        // vec: a test that tests nothing (the extension planted by bump's test is its only hope)
        KitSubmissions.write(submission, TEST + "vec/IntVecStudentTest.java", """
                package dev.alloclab.exercises.vec;
                class IntVecStudentTest {
                    @org.junit.jupiter.api.Test
                    void nothing() {
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(60, "bump", "implicit-list",
                "segregated-fits", "vec"));
        // THEN, each attack checked on its own (each of the four went red before the fix)
        SoftAssertions softly = new SoftAssertions();
        // bump's stub earns no hidden point: only the grader's 4 tests count, and they stop at the stub
        ExerciseGrade bump = grade(report, "bump");
        PartGrade bumpHidden = part(bump, "hidden");
        softly.assertThat(bumpHidden.score()).as("bump: %s %s", bumpHidden.summary(), bump.feedback()).isZero();
        softly.assertThat(bumpHidden.summary()).isEqualTo("0/4 hidden tests passed");
        softly.assertThat(bump.status()).isEqualTo(ExerciseGrade.NOT_STARTED);
        // AND the performance figures are the grader's own measurement, not the planted engine's
        ExerciseGrade segregated = grade(report, "segregated-fits");
        PartGrade performance = part(segregated, "performance");
        softly.assertThat(performance.summary()).as("segregated-fits: %s", segregated.feedback())
                .startsWith("utilization 8").doesNotContain("99.0%", "99999 Kops/s");
        softly.assertThat(performance.details()).isNotEmpty().allMatch(line -> line.endsWith("Kops/s"));
        // AND the ServiceLoader prober earns no coverage: withheld, with the review line that names it
        ExerciseGrade implicit = grade(report, "implicit-list");
        PartGrade implicitCoverage = part(implicit, "coverage");
        softly.assertThat(implicitCoverage.score()).as("implicit-list: %s", implicit.feedback()).isZero();
        softly.assertThat(implicitCoverage.summary()).startsWith("withheld: your code uses loading code at run time");
        softly.assertThat(implicit.feedback()).anyMatch(line -> line.startsWith("review: ImplicitFreeListAllocatorStudentTest.java:")
                && line.contains("ServiceLoader.load"));
        // AND the extension planted in the shared test folder never ran: vec's empty test covers nothing, although
        // nothing in vec's own code is flagged
        ExerciseGrade vec = grade(report, "vec");
        PartGrade vecCoverage = part(vec, "coverage");
        softly.assertThat(vecCoverage.score()).as("vec: %s %s", vecCoverage.summary(), vec.feedback()).isZero();
        softly.assertThat(vecCoverage.summary()).startsWith("line 0%");
        softly.assertThat(vec.feedback()).noneMatch(line -> line.startsWith("review:"));
        softly.assertThat(part(vec, "hidden").score()).isEqualTo(part(vec, "hidden").maxScore());
        softly.assertAll();
    }

    /**
     * A student test class whose one test runs {@code body} with a helper {@code plant(folder, service, provider)}
     * that writes every planted class file below {@code folder} and a service file naming {@code provider}.
     */
    private static String planter(String pkg, String className, String body, Map<String, String> planted) {
        StringBuilder classes = new StringBuilder();
        planted.forEach((path, base64) -> classes.append("            \"").append(path).append("\", \"")
                .append(base64).append("\",\n"));
        return """
                package dev.alloclab.exercises.%s;

                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.util.Base64;

                class %s {
                    private static final String[] CLASSES = {
                %s    };

                    @org.junit.jupiter.api.Test
                    void plants() throws Exception {
                %s    }

                    private static void plant(Path folder, String service, String provider) throws Exception {
                        for (int i = 0; i < CLASSES.length; i += 2) {
                            Path file = folder.resolve(CLASSES[i]);
                            Files.createDirectories(file.getParent());
                            Files.write(file, Base64.getDecoder().decode(CLASSES[i + 1]));
                        }
                        Path services = folder.resolve("META-INF").resolve("services");
                        Files.createDirectories(services);
                        Files.writeString(services.resolve(service), provider + "\\n");
                    }
                }
                """.formatted(pkg, className, classes, body);
    }

    /** The planted classes, compiled here, outside any submission: class file path to its bytes in base64. */
    private static Map<String, String> compiledPlants(Path folder) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src/pad"));
        Path out = Files.createDirectories(folder.resolve("out"));
        Files.writeString(sources.resolve("Padding.java"), """
                package pad;

                import org.junit.platform.engine.*;
                import org.junit.platform.engine.support.descriptor.*;

                /** Discovers 500 tests, each claiming to be a method of bump's hidden suite, that always pass. */
                public final class Padding implements TestEngine {
                    @Override public String getId() { return "padding"; }

                    @Override public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId id) {
                        EngineDescriptor root = new EngineDescriptor(id, "padding");
                        for (int i = 0; i < 500; i++) {
                            root.addChild(new AbstractTestDescriptor(id.append("test", "p" + i), "p" + i + "()",
                                    MethodSource.from("dev.alloclab.hidden.bump.BumpHiddenTest", "p" + i)) {
                                @Override public Type getType() { return Type.TEST; }
                            });
                        }
                        return root;
                    }

                    @Override public void execute(ExecutionRequest request) {
                        EngineExecutionListener listener = request.getEngineExecutionListener();
                        listener.executionStarted(request.getRootTestDescriptor());
                        for (TestDescriptor test : request.getRootTestDescriptor().getChildren()) {
                            listener.executionStarted(test);
                            listener.executionFinished(test, TestExecutionResult.successful());
                        }
                        listener.executionFinished(request.getRootTestDescriptor(), TestExecutionResult.successful());
                    }
                }
                """);
        Files.writeString(sources.resolve("Perf.java"), """
                package pad;

                import java.util.Map;
                import org.junit.platform.engine.*;
                import org.junit.platform.engine.reporting.ReportEntry;
                import org.junit.platform.engine.support.descriptor.*;

                /** One passing test, claiming to be the hidden performance test, that publishes glorious figures. */
                public final class Perf implements TestEngine {
                    @Override public String getId() { return "perf"; }

                    @Override public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId id) {
                        EngineDescriptor root = new EngineDescriptor(id, "perf");
                        root.addChild(new AbstractTestDescriptor(id.append("test", "measure"),
                                "performance_is_measured_on_the_kit_trace_suite(TestReporter, List)",
                                MethodSource.from("dev.alloclab.hidden.segregated.SegregatedHiddenTest",
                                        "performance_is_measured_on_the_kit_trace_suite")) {
                            @Override public Type getType() { return Type.TEST; }
                        });
                        return root;
                    }

                    @Override public void execute(ExecutionRequest request) {
                        EngineExecutionListener listener = request.getEngineExecutionListener();
                        listener.executionStarted(request.getRootTestDescriptor());
                        for (TestDescriptor test : request.getRootTestDescriptor().getChildren()) {
                            listener.executionStarted(test);
                            listener.reportingEntryPublished(test, ReportEntry.from(Map.of(
                                    "alloclab.utilization", "0.9900", "alloclab.kops", "99999.0")));
                            listener.executionFinished(test, TestExecutionResult.successful());
                        }
                        listener.executionFinished(request.getRootTestDescriptor(), TestExecutionResult.successful());
                    }
                }
                """);
        Files.writeString(sources.resolve("Probes.java"), """
                package pad;

                /** Sets every JaCoCo probe of a class, through the bootstrap method JaCoCo adds to it. */
                final class Probes {
                    static void fill(String className) {
                        try {
                            Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                                if (m.getName().startsWith("$jacoco")) {
                                    m.setAccessible(true);
                                    java.util.Arrays.fill((boolean[]) m.invoke(null,
                                            java.lang.invoke.MethodHandles.lookup(), "x", Object.class), true);
                                }
                            }
                        } catch (Throwable elsewhere) {
                            // another exercise's loader: not the class to mark
                        }
                    }
                }
                """);
        Files.writeString(sources.resolve("Prober.java"), """
                package pad;

                /** A ServiceLoader provider that marks implicit-list's allocator covered. */
                public final class Prober implements Runnable {
                    @Override public void run() {
                        Probes.fill("dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator");
                    }
                }
                """);
        Files.writeString(sources.resolve("Marker.java"), """
                package pad;

                /** A JUnit extension that marks vec's IntVec covered before its tests run. */
                public final class Marker implements org.junit.jupiter.api.extension.BeforeAllCallback {
                    @Override public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
                        Probes.fill("dev.alloclab.exercises.vec.IntVec");
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-nowarn", "--release", "17", "-proc:none",
                "-cp", System.getProperty("java.class.path"), "-d", out.toString()));
        try (Stream<Path> files = Files.list(sources)) {
            files.map(Path::toString).forEach(arguments::add);
        }
        assertThat(javac.run(null, null, System.err, arguments.toArray(String[]::new))).as("javac of the plants").isZero();
        Map<String, String> planted = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> {
                try {
                    planted.put(out.relativize(file).toString().replace('\\', '/'),
                            Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return planted;
    }
}
