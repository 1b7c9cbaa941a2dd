package dev.alloclab.companion;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import java.util.function.Function;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

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
 *
 * <p>Every test has a time limit ({@link TimedTestRun}, the grader's 10 s unless the course or {@code --timeout} says
 * otherwise), and the exercises run one after the other, so an endless loop in one exercise is reported there and
 * the others still run.
 */
public final class InProcessTests implements VisibleTests {
    /** JUnit Jupiter's default time limit of every test method; the exercises' junit-platform.properties sets it too. */
    static final String TIMEOUT_PROPERTY = "junit.jupiter.execution.timeout.testable.method.default";
    /** Run each timed test in a thread of its own, so that Jupiter can give up on one that never returns. */
    static final String TIMEOUT_MODE_PROPERTY = "junit.jupiter.execution.timeout.thread.mode.default";
    private final LearnerProject project;
    private final ExerciseCompiler compiler;
    private final Duration limit;

    public InProcessTests(LearnerProject project) {
        this(project, TimedTestRun.DEFAULT_LIMIT);
    }

    /** Runs the tests with {@code limit} as each test's time limit ({@link TimedTestRun}). */
    public InProcessTests(LearnerProject project, Duration limit) {
        this.project = project;
        InProcessTests.setBaseDir(project);
        this.compiler = new ExerciseCompiler(project);
        this.limit = limit;
    }

    /**
     * Sets {@code basedir} to the project's folder, as Surefire sets it for {@code mvn test} and the grader for its
     * grading JVM: a test that reads {@code System.getProperty("basedir")} passes under all three (QA owntests27).
     */
    static void setBaseDir(LearnerProject project) {
        System.setProperty("basedir", project.exercises().toAbsolutePath().normalize().toString());
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
        return launch(urls(), compiler.testOutput(), only.map(List::of).orElse(Curriculum.exercises()), jqwikDatabase(),
                limit, false);
    }

    /** Compiles once, then runs the exercises in order and stops after the first one that is not done. */
    @Override
    public TestRunResult runUntilUnfinished() {
        List<String> errors = compiler.compile();
        if (!errors.isEmpty()) {
            return TestRunResult.didNotCompile(errors);
        }
        // the course's exercises only: a left-out exercise that is not done must not stop the search there
        return launch(urls(), compiler.testOutput(), Course.of(project.root()).exercises(), jqwikDatabase(), limit, true);
    }

    /** The threads of the learner's code that the last runs left running ({@link TestThreads#GROUP}). */
    @Override
    public List<RunawayThreads.Runaway> runaways() {
        return RunawayThreads.in(TestThreads.GROUP);
    }

    private Path jqwikDatabase() {
        return project.exercises().resolve("target/alloclab-companion/jqwik-database");
    }

    /**
     * Runs the visible tests of {@code exercises} under {@code testClasses}, one exercise after the other, each in a
     * fresh class loader over {@code classpath} (which holds {@code testClasses}, the main classes and the
     * resources) and under the watchdog of {@link TimedTestRun}: a test stuck in one exercise costs that exercise,
     * not the others. With {@code untilUnfinished}, stops after the first exercise that is not done. The
     * one-exercise check ({@link ExerciseCheck}) calls it with folders of its own.
     */
    static TestRunResult launch(URL[] classpath, Path testClasses, List<Exercise> exercises, Path jqwikDatabase,
            Duration limit, boolean untilUnfinished) {
        ProgressCounter counter = new ProgressCounter();
        for (Exercise exercise : exercises) {
            launchOne(classpath, testClasses, exercise, jqwikDatabase, limit, counter);
            if (untilUnfinished && counter.result().of(exercise).status() != ExerciseProgress.Status.DONE) {
                break;
            }
        }
        return counter.result();
    }

    private static void launchOne(URL[] classpath, Path testClasses, Exercise exercise, Path jqwikDatabase,
            Duration limit, ProgressCounter counter) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        boolean ended = false;
        // never closed: jqwik registers its lifecycle hooks (the starter's NotStartedPropertyHook) once per JVM, from
        // the first exercise's loader, and calls that hook in every later exercise; closed, that loader cannot load
        // NotStarted any more, and each later stub's property failed with NoClassDefFoundError instead of "not
        // started". Its classpath is folders only, so an open loader holds no file. (QA session 13, course 2)
        URLClassLoader loader = new URLClassLoader("alloclab-exercises", classpath, InProcessTests.class.getClassLoader());
        try {
            System.setOut(TestThreads.routed(out));
            System.setErr(TestThreads.routed(err));
            LauncherDiscoveryRequest request = withContextLoader(loader,
                    () -> request(testClasses, exercise.javaPackage(), jqwikDatabase, limit));
            ended = TimedTestRun.run(counter, (stuck, why) -> counter.stopped(stuck, Optional.of(exercise), why),
                    exercise.id(), limit, loader, listener -> LauncherFactory.create(
                    LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(request, listener));
        } finally {
            if (ended) {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    private static LauncherDiscoveryRequest request(Path testClasses, String packageName, Path jqwikDatabase,
            Duration limit) {
        return request(jqwikDatabase, limit)
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)))
                .filters(PackageNameFilter.includePackageNames(packageName))
                .build();
    }

    /**
     * A request with the settings every in-process run uses: the exercises' extensions, a jqwik database of its own,
     * and JUnit Jupiter's time limit per test ({@code limit}, each test in a thread of its own).
     */
    static LauncherDiscoveryRequestBuilder request(Path jqwikDatabase, Duration limit) {
        return LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("jqwik.database", jqwikDatabase.toString())
                .configurationParameter(TIMEOUT_PROPERTY, limit.toMillis() + " ms")
                .configurationParameter(TIMEOUT_MODE_PROPERTY, "SEPARATE_THREAD");
    }

    /**
     * Runs the tests {@code request} selects through {@code loader} (the tests' context class loader; closed at the
     * end), reporting to {@code listener}, with {@code System.out}/{@code err} kept out of the terminal, under the
     * watchdog of {@link TimedTestRun} (a stuck jqwik property, class initializer or lifecycle method is stopped after
     * {@code limit}; Jupiter's own limit in the request stops a stuck JUnit test a little earlier). The coverage run
     * ({@link ExerciseCoverage}) passes a loader that instruments the exercise's classes. Returns false when the
     * watchdog stopped the run ({@code listener} then heard of it through its {@code stopped} method).
     */
    static boolean launch(URLClassLoader loader, Function<ClassLoader, LauncherDiscoveryRequest> request,
            StoppableListener listener, Duration limit) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        boolean ended = false;
        try (loader) {
            System.setOut(TestThreads.routed(out));
            System.setErr(TestThreads.routed(err));
            LauncherDiscoveryRequest built = withContextLoader(loader, () -> request.apply(loader));
            ended = TimedTestRun.run(listener, listener::stopped, "coverage", limit, loader,
                    watched -> LauncherFactory.create(LauncherConfig.builder()
                            .enableTestExecutionListenerAutoRegistration(false).build()).execute(built, watched));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the exercises' class loader", e);
        } finally {
            if (ended) { // an abandoned test thread may print for ever: its output stays routed away
                System.setOut(out);
                System.setErr(err);
            }
        }
        return ended;
    }

    /**
     * {@code build} run with {@code loader} as the thread's context class loader: JUnit reads the project's
     * {@code junit-platform.properties} from there when the request is built, so a student's own settings (a
     * {@code per_class} lifecycle, a deactivated condition) apply here as under {@code mvn test} and in the grader.
     */
    static <T> T withContextLoader(ClassLoader loader, java.util.function.Supplier<T> build) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return build.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A listener that also hears when the watchdog stopped a run: which test was running, and the sentence. */
    interface StoppableListener extends TestExecutionListener {
        void stopped(Optional<TestIdentifier> stuck, String reason);
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
