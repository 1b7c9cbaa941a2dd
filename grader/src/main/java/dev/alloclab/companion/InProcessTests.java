package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the visible tests without Maven: compiles the sources with {@link ExerciseCompiler}, loads
 * them in a fresh class loader (so every run sees the latest code), and runs them through the
 * JUnit Platform launcher with the kit's own JUnit, jqwik and AssertJ. Test output
 * ({@code System.out}/{@code err}) is kept out of the learner's terminal while the tests run.
 *
 * <p>The exercises' own "not started" extension and jqwik hook are picked up from their test
 * classes (service files and {@code junit-platform.properties}), exactly as under Maven; their
 * progress listener is not (auto-registration of listeners is off), so a run of one exercise
 * never overwrites the summary file of a full run.
 */
public final class InProcessTests implements VisibleTests {
    private final LearnerProject project;
    private final ExerciseCompiler compiler;

    public InProcessTests(LearnerProject project) {
        this.project = project;
        this.compiler = new ExerciseCompiler(project);
    }

    /** True when this runtime can compile (a JDK, not a JRE). */
    public static boolean available() {
        return ExerciseCompiler.systemCompiler().isPresent();
    }

    @Override
    public TestRunResult run(Optional<Exercise> only) {
        List<String> errors = compiler.compile();
        if (!errors.isEmpty()) {
            return TestRunResult.didNotCompile(errors);
        }
        ProgressCounter counter = new ProgressCounter();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (URLClassLoader loader = new URLClassLoader("alloclab-exercises", urls(),
                InProcessTests.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            System.setOut(sink);
            System.setErr(sink);
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(request(only), counter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the exercises' class loader", e);
        } finally {
            System.setOut(out);
            System.setErr(err);
            thread.setContextClassLoader(previous);
        }
        return counter.result();
    }

    private LauncherDiscoveryRequest request(Optional<Exercise> only) {
        String packageName = only.map(Exercise::javaPackage).orElse(Exercise.BASE_PACKAGE);
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(compiler.testOutput())))
                .filters(PackageNameFilter.includePackageNames(packageName))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("jqwik.database",
                        project.exercises().resolve("target/alloclab-companion/jqwik-database").toString())
                .build();
    }

    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        for (Path p : List.of(compiler.mainOutput(), compiler.testOutput(),
                project.exercises().resolve("src/main/resources"), project.exercises().resolve("src/test/resources"))) {
            if (Files.isDirectory(p)) {
                try {
                    urls.add(p.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }
}
