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
import java.util.function.Function;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
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
        String packageName = only.map(Exercise::javaPackage).orElse(Exercise.BASE_PACKAGE);
        return launch(urls(), compiler.testOutput(), packageName,
                project.exercises().resolve("target/alloclab-companion/jqwik-database"));
    }

    /**
     * Runs the test classes under {@code testClasses} whose package is {@code packageName} (or below it), in a
     * fresh class loader over {@code classpath} (which holds {@code testClasses}, the main classes and the
     * resources), and counts them by exercise. The one-exercise check ({@link ExerciseCheck}) calls it with
     * folders of its own.
     */
    static TestRunResult launch(URL[] classpath, Path testClasses, String packageName, Path jqwikDatabase) {
        ProgressCounter counter = new ProgressCounter();
        launch(new URLClassLoader("alloclab-exercises", classpath, InProcessTests.class.getClassLoader()),
                loader -> request(jqwikDatabase)
                        .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)))
                        .filters(PackageNameFilter.includePackageNames(packageName))
                        .build(),
                counter);
        return counter.result();
    }

    /**
     * Runs the tests {@code request} selects through {@code loader} (the context class loader meanwhile; closed at the
     * end), reporting to {@code listener}, with {@code System.out}/{@code err} kept out of the terminal. The coverage
     * run ({@link ExerciseCoverage}) passes a loader that instruments the exercise's classes.
     */
    static void launch(URLClassLoader loader, Function<ClassLoader, LauncherDiscoveryRequest> request,
            TestExecutionListener listener) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (loader) {
            thread.setContextClassLoader(loader);
            System.setOut(sink);
            System.setErr(sink);
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(request.apply(loader), listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the exercises' class loader", e);
        } finally {
            System.setOut(out);
            System.setErr(err);
            thread.setContextClassLoader(previous);
        }
    }

    /** A request with the settings every in-process run uses: the exercises' extensions, a jqwik database of its own. */
    static LauncherDiscoveryRequestBuilder request(Path jqwikDatabase) {
        return LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("jqwik.database", jqwikDatabase.toString());
    }

    private URL[] urls() {
        return urls(List.of(compiler.mainOutput(), compiler.testOutput(),
                project.exercises().resolve("src/main/resources"), project.exercises().resolve("src/test/resources")));
    }

    /** The folders of {@code folders} that exist, as class-loader URLs, in order. */
    static URL[] urls(List<Path> folders) {
        List<URL> urls = new ArrayList<>();
        for (Path p : folders) {
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
