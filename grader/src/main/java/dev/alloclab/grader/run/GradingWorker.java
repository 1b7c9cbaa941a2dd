package dev.alloclab.grader.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.SourceLine;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The grading JVM's entry point. It runs in a JVM of its own, started by {@link SubmissionRunner},
 * and is the only code there that talks to the grader.
 *
 * <h2>Order of events (it matters for the threat model)</h2>
 * <ol>
 *   <li>Read the per-run secret from standard input, then replace {@code System.in} with an empty
 *       stream. No student class is loaded yet, and the secret is never stored in a field, a
 *       system property, the environment or a file: it lives in this method's locals.</li>
 *   <li>Connect to the grader's loopback port (the grader accepts exactly one connection), say
 *       hello, warm up ({@link WorkerWarmUp}: still no student class; the grader is usually still
 *       compiling), and read the job.</li>
 *   <li>Cap {@code System.out}/{@code System.err}: the grader keeps only a prefix anyway. What an exercise prints
 *       past the cap is counted and reported ({@code output} events), so that a stopped exercise can say so.</li>
 *   <li>Per exercise, run the student's own tests (JaCoCo records their coverage) and then the hidden
 *       suite, each in fresh class loaders that define every class from the bytes in the job, never from a
 *       folder ({@link ReviewedClassLoader}, {@link HiddenSuiteClassLoader}), with engines the worker names, on
 *       a separate thread. The student's classes run with assertions enabled, as Surefire runs them: an
 *       {@code assert} that fails under {@code mvn test} fails here too. That thread hands plain events
 *       to this one through a queue; only this thread signs and sends them.</li>
 *   <li>Say bye and {@code Runtime.halt}: shutdown hooks and stray non-daemon threads the student
 *       left behind never run or keep the JVM alive.</li>
 * </ol>
 * Each hidden test has a time limit of its own (Jupiter's, on a separate thread): a test past it fails as
 * stopped, the next one starts, and the exercise's result says {@code stuck}, since the stopped test's thread may
 * still spin. The grader enforces the exercise's limit from outside: it kills this JVM's process tree when an
 * exercise runs too long or was stuck, and starts a new one for the exercises that are left.
 *
 * <p>INTERNAL.
 */
public final class GradingWorker {
    /** Bytes of stdout/stderr kept by the grading JVM itself before it drops the rest. */
    private static final int OUTPUT_CAP = 64 * 1024;

    /**
     * Characters of a failure message kept: a checked-heap report with its three sites (allocated, freed, used here),
     * its advice and some of its map, never pages of a student's own text.
     */
    static final int MESSAGE_CAP = 1000;
    /** Characters of a test's name kept (an engine or a {@code @DisplayName} can make one of any length). */
    static final int NAME_CAP = 600;

    /** How often, at most, the grader hears how much an exercise that passed {@link #OUTPUT_CAP} has printed. */
    private static final long OUTPUT_REPORT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private GradingWorker() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = HexFormat.of().parseHex(readSecretLine(System.in));
        System.setIn(new ByteArrayInputStream(new byte[0]));

        ObjectMapper json = new ObjectMapper();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        Frames frames = new Frames(key);
        frames.write(out, json.writeValueAsBytes(Map.of("t", "hello")));
        warmUp(); // while the grader is still compiling: the job waits in the socket
        WorkerJob job = json.readValue(in.readNBytes(in.readInt()), WorkerJob.class);

        System.setOut(new PrintStream(new CappedStream(System.out, OUTPUT_CAP), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new CappedStream(System.err, OUTPUT_CAP), true, StandardCharsets.UTF_8));

        for (WorkerJob.Exercise exercise : job.exercises()) {
            BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
            Run student = new Run();
            Thread runner = new Thread(() -> runExercise(exercise, job, events, student),
                    "grading-" + exercise.id());
            runner.setDaemon(true);
            long printedBefore = CappedStream.PRINTED.get();
            long printedSent = 0;
            long sentAt = 0;
            runner.start();
            while (true) {
                Map<String, Object> event = events.poll(50, TimeUnit.MILLISECONDS);
                long printed = CappedStream.PRINTED.get() - printedBefore;
                if (printed > OUTPUT_CAP && printed != printedSent && System.nanoTime() - sentAt > OUTPUT_REPORT_NANOS) {
                    // the grader may have to stop this exercise any moment: it learns how much it printed as it goes
                    frames.write(out, json.writeValueAsBytes(Map.of("t", "output", "ex", exercise.id(), "bytes", printed)));
                    printedSent = printed;
                    sentAt = System.nanoTime();
                }
                if (event != null) {
                    frames.write(out, json.writeValueAsBytes(event));
                    if ("exercise".equals(event.get("t"))) {
                        break;
                    }
                } else if (!runner.isAlive() && events.isEmpty()) {
                    frames.write(out, json.writeValueAsBytes(Map.of("t", "lost", "ex", exercise.id())));
                    break;
                }
                if (job.hiddenTestSeconds() > 0 && student.stalledFor() > TimeUnit.SECONDS.toNanos(
                        job.hiddenTestSeconds() + STUDENT_TEST_GRACE_SECONDS)) {
                    Thread stuck = runner;
                    Map<String, Object> result = student.abandon(exercise.id(), job.hiddenTestSeconds(), stuck);
                    if (result != null) {
                        // one of the student's own tests runs past its limit where Jupiter's cannot stop it (a jqwik
                        // property, a test with a longer @Timeout of its own): it fails as
                        // stopped, the ones after it do not run, its thread is left spinning, and the hidden suite
                        // runs on a thread of its own; the exercise is "stuck", so the grader goes on in a fresh JVM
                        events.add(Map.of("t", "student", "ex", exercise.id(), "student", result.get("student"),
                                "coverage", result.get("coverage")));
                        runner = new Thread(() -> runHidden(exercise, job, events, student.mainLoader, result, true),
                                "grading-" + exercise.id() + "-hidden");
                        runner.setDaemon(true);
                        runner.start();
                    }
                }
            }
        }
        frames.write(out, json.writeValueAsBytes(Map.of("t", "bye")));
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Runs {@link WorkerWarmUp} through the launcher and forgets the outcome: the first real run then
     * finds the engines loaded and compiled. Any failure here only costs the time it saved.
     */
    private static void warmUp() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            runTests(GradingWorker.class.getClassLoader(), List.of(WorkerWarmUp.class.getName()), "warm-up", "warm-up",
                    "warm-up-jqwik-database", Map.of(), new LinkedBlockingQueue<>(), Phase.WARM_UP, new Run());
        } catch (Throwable ignored) {
            // nothing was promised
        } finally {
            Thread.currentThread().setContextClassLoader(context);
        }
    }

    private static String readSecretLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    /**
     * How much longer than a test's own limit the worker waits for one of the student's own tests before it gives up on
     * it: Jupiter's limit stops an ordinary test first, and the worker's watch is for what Jupiter cannot stop.
     */
    static final int STUDENT_TEST_GRACE_SECONDS = 1;

    /** Runs on the exercise's own thread: everything here may meet student code. */
    private static void runExercise(WorkerJob.Exercise exercise, WorkerJob job, BlockingQueue<Map<String, Object>> events,
            Run student) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("t", "exercise");
        result.put("ex", exercise.id());
        boolean studentStuck = false;
        ReviewedClassLoader mainLoader;
        try {
            // from the reviewed bytes sent in the job, never from the class folders (see ReviewedClassLoader)
            mainLoader = new ReviewedClassLoader("submission-main", exercise.mainClasses(), Map.of(),
                    Path.of(exercise.mainLocation()), GradingWorker.class.getClassLoader());
            // Surefire runs tests with -ea: an assert in the student's code or own tests that fails under mvn test
            // must fail here too, not pass silently (set before either loader defines a class)
            mainLoader.setDefaultAssertionStatus(true);
            student.mainLoader = mainLoader;
            if (!exercise.studentTests().isEmpty()) {
                events.add(Map.of("t", "phase", "ex", exercise.id(), "phase", "student-tests"));
                ClassLoader testLoader = new ReviewedClassLoader("submission-tests", exercise.testClasses(),
                        exercise.testResources(), Path.of(exercise.testLocation()), mainLoader);
                testLoader.setDefaultAssertionStatus(true);
                Coverage.reset();
                // the student's own tests get the same limit per test as the hidden ones: a test of theirs stuck in
                // an endless loop fails alone (listed under coverage), instead of costing the whole exercise
                student.watch();
                runTests(testLoader, exercise.studentTests(), exercise.id(), "student-test", job.jqwikDatabase(),
                        Map.of(), events, Phase.student(job.hiddenTestSeconds()), student);
                if (!student.end()) {
                    return; // the worker gave up on a test of this phase: it goes on without this thread
                }
                studentStuck = student.stuck;
                result.put("coverage", Base64.getEncoder().encodeToString(Coverage.dump()));
                result.put("student", student.outcomes);
                // sent now too: when a hidden test later runs into the exercise's time limit, these still count
                events.add(Map.of("t", "student", "ex", exercise.id(), "student", student.outcomes,
                        "coverage", result.get("coverage")));
            } else {
                student.end();
            }
        } catch (Throwable t) {
            if (student.end()) {
                result.put("error", describe(t));
                events.add(result);
            }
            return;
        }
        runHidden(exercise, job, events, mainLoader, result, studentStuck);
    }

    /**
     * Runs the exercise's hidden suite and adds its outcomes to {@code result}, then hands {@code result} to the
     * worker: on the exercise's thread after the student's tests, or on a thread of its own when the worker gave up
     * on one of them ({@code studentStuck}).
     */
    private static void runHidden(WorkerJob.Exercise exercise, WorkerJob job, BlockingQueue<Map<String, Object>> events,
            ReviewedClassLoader mainLoader, Map<String, Object> result, boolean studentStuck) {
        try {
            events.add(Map.of("t", "phase", "ex", exercise.id(), "phase", "hidden-tests"));
            ClassLoader hiddenLoader = new HiddenSuiteClassLoader(exercise.hiddenClasses(), mainLoader);
            Map<String, String> parameters = new LinkedHashMap<>(job.hiddenParameters() == null ? Map.of() : job.hiddenParameters());
            // a hidden suite that looks at the student's classes (their static state) learns their names here
            parameters.put(STUDENT_MAIN_CLASSES_PARAMETER, String.join(",", new TreeSet<>(mainLoader.classNames())));
            Run hidden = new Run();
            runTests(hiddenLoader, exercise.hiddenTests(), exercise.id(), "hidden-test", job.jqwikDatabase(),
                    parameters, events, Phase.hidden(exercise.hiddenClasses().keySet(), exercise.reportingTests(),
                            job.hiddenTestSeconds()), hidden);
            result.put("hidden", hidden.outcomes);
            // a stopped test's thread may still be spinning: the grader goes on in a fresh grading JVM
            result.put("stuck", hidden.stuck || studentStuck);
            result.put("entries", hidden.entries);
            result.put("planned", hidden.planned);
        } catch (Throwable t) {
            result.put("error", describe(t));
        }
        events.add(result);
    }

    /**
     * The JUnit configuration parameter that names the classes of the student's main code (binary names, comma
     * separated) in every hidden-suite run: those classes no longer sit in a folder a suite could walk.
     */
    static final String STUDENT_MAIN_CLASSES_PARAMETER = "alloclab.grading.student-main-classes";

    /**
     * What one launcher run trusts. The test engines are always the worker's own, named here and loaded from the
     * grader's jars, never found through {@code ServiceLoader} (whose service files student code could have
     * written): JUnit Jupiter, and jqwik for the student's tests (the hidden suites use only {@code @Test}). In the
     * hidden phase only tests of the grader's hidden classes count, and report entries count only from the
     * grader's performance test.
     *
     * @param engines                class names of the engines to run
     * @param countedClasses         binary names of the classes whose tests count, or null for every test
     * @param reportingTests         {@code class#method} of the tests whose {@code alloclab.*} entries are kept
     * @param extensionAutodetection whether Jupiter loads extensions from service files (the student's own tests
     *                               get the starter's {@code NotStartedExtension} that way; never the hidden suites)
     * @param testSeconds            each test's own wall-clock limit, 0 for none: a test that passes it fails
     *                               as stopped and the tests after it still run (their outcomes are streamed to the
     *                               grader as they end, so the exercise's limit, the backstop, keeps them too)
     */
    private record Phase(List<String> engines, Set<String> countedClasses, Set<String> reportingTests,
            boolean extensionAutodetection, int testSeconds) {
        static final String JUPITER = "org.junit.jupiter.engine.JupiterTestEngine";
        static final String JQWIK = "net.jqwik.engine.JqwikTestEngine";
        /** The student's own tests, each with {@code testSeconds} of its own (0: none). */
        static Phase student(int testSeconds) {
            return new Phase(List.of(JUPITER, JQWIK), null, Set.of(), true, testSeconds);
        }

        static final Phase WARM_UP = new Phase(List.of(JUPITER, JQWIK), null, Set.of(), false, 0);

        static Phase hidden(Set<String> hiddenClasses, List<String> reportingTests, int testSeconds) {
            return new Phase(List.of(JUPITER), Set.copyOf(hiddenClasses),
                    Set.copyOf(reportingTests == null ? List.of() : reportingTests), false, testSeconds);
        }

        /** True in the hidden phase: its outcomes and test plan go to the grader as they happen. */
        boolean hidden() {
            return countedClasses != null;
        }

        /** True when {@code failure} is Jupiter's verdict on a test that ran past {@link #testSeconds}. */
        boolean stoppedBy(Throwable failure) {
            // Jupiter's TimeoutExceptionFactory: "%s timed out after %s"
            return testSeconds > 0 && failure instanceof java.util.concurrent.TimeoutException
                    && String.valueOf(failure.getMessage()).contains(" timed out after ");
        }

        /** True when {@code id} is a test (or container) whose outcome counts in this phase. */
        boolean counts(TestIdentifier id) {
            if (countedClasses == null) {
                return true;
            }
            String className = classOf(id);
            return id.getUniqueId().startsWith("[engine:junit-jupiter]/") && className != null
                    && countedClasses.contains(className);
        }

        /** True when {@code id}'s report entries are the grader's own measurement. */
        boolean reports(TestIdentifier id) {
            return counts(id) && id.getSource().orElse(null) instanceof MethodSource method
                    && reportingTests.contains(method.getClassName() + "#" + method.getMethodName());
        }

        private static String classOf(TestIdentifier id) {
            Object source = id.getSource().orElse(null);
            if (source instanceof MethodSource method) {
                return method.getClassName();
            }
            return source instanceof ClassSource type ? type.getClassName() : null;
        }

        List<TestEngine> newEngines() {
            List<TestEngine> created = new ArrayList<>();
            for (String name : engines) {
                try {
                    created.add(Class.forName(name, true, GradingWorker.class.getClassLoader())
                            .asSubclass(TestEngine.class).getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the grading JVM lacks the test engine " + name
                            + " (a broken build of the grader)", e);
                }
            }
            return created;
        }
    }

    /**
     * What one launcher run produced. The student's phase is also watched from the worker's main thread
     * ({@link #stalledFor}, {@link #abandon}): what the listener records and sends goes through this object's lock,
     * and nothing more is recorded or sent once the worker has given up on the run.
     */
    private static final class Run {
        final List<Map<String, Object>> outcomes = new ArrayList<>();
        final Map<String, String> entries = new LinkedHashMap<>();
        final List<String> planned = new ArrayList<>();
        /** A test ran past its own limit: its thread may still be running (Jupiter cannot stop a spinning thread). */
        boolean stuck;
        /** The student's main classes, once loaded: what the hidden suite runs against. */
        volatile ReviewedClassLoader mainLoader;
        private boolean watched;
        private boolean ended;
        private boolean abandoned;
        /** When a test or class of the run last started or ended, while watched. */
        private long lastEvent;
        /** The test (or class set-up) that started last and has not ended, or null. */
        private String running;
        private final java.util.Deque<String> started = new java.util.ArrayDeque<>();
        /** Which of the names started are tests (the others are classes setting up). */
        private final Set<String> tests = new java.util.HashSet<>();

        synchronized void watch() {
            watched = true;
            lastEvent = System.nanoTime();
        }

        /** Ends the run from its own thread; false when the worker has given up on it already. */
        synchronized boolean end() {
            ended = true;
            return !abandoned;
        }

        /**
         * How long the test running now has gone without an event; 0 when no test runs (a class's {@code @BeforeAll}
         * has no time limit under {@code mvn test} either: the exercise's limit is its backstop).
         */
        synchronized long stalledFor() {
            return watched && !ended && !abandoned && !started.isEmpty() && tests.contains(started.peekLast())
                    ? System.nanoTime() - lastEvent : 0;
        }

        /** Records {@code event} on {@code events} unless the run was given up on. */
        synchronized void send(BlockingQueue<Map<String, Object>> events, Map<String, Object> event) {
            if (!abandoned) {
                events.add(event);
            }
        }

        synchronized void add(Map<String, Object> outcome) {
            if (!abandoned) {
                outcomes.add(outcome);
            }
        }

        synchronized void started(String name, boolean test) {
            lastEvent = System.nanoTime();
            started.addLast(name);
            if (test) {
                tests.add(name);
            }
        }

        /** {@code name} ended (null: some progress that ended no test, a skip). */
        synchronized void finished(String name) {
            lastEvent = System.nanoTime();
            if (name != null) {
                started.removeLastOccurrence(name);
            }
        }

        /**
         * Gives up on the run from the worker's main thread, unless it ended meanwhile: the test that was running
         * fails as stopped after {@code seconds} (with the student's frame {@code thread} was in), and the result so
         * far (the student's outcomes and the coverage up to now) is returned for the hidden phase to complete.
         */
        synchronized Map<String, Object> abandon(String exercise, int seconds, Thread thread) {
            if (ended || abandoned) {
                return null;
            }
            String name = started.isEmpty() ? "your own tests" : started.peekLast();
            long after = planned.size() - outcomes.size() - 1;
            outcomes.add(outcome(name, TestOutcome.FAILED, "stopped after " + seconds + " s: " + TestOutcome.DID_NOT_RETURN
                    + stuckIn(thread.getStackTrace()) + (after <= 0 ? "" : after == 1 ? "; 1 test of yours after it did "
                    + "not run" : "; " + after + " tests of yours after it did not run"), false));
            abandoned = true;
            thread.interrupt();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("t", "exercise");
            result.put("ex", exercise);
            result.put("coverage", Base64.getEncoder().encodeToString(Coverage.dump()));
            result.put("student", List.copyOf(outcomes));
            return result;
        }
    }

    private static void runTests(ClassLoader loader, List<String> classNames, String exercise, String kind,
            String jqwikDatabase, Map<String, String> parameters, BlockingQueue<Map<String, Object>> events,
            Phase phase, Run run) throws ClassNotFoundException {
        Thread.currentThread().setContextClassLoader(loader);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", String.valueOf(phase.extensionAutodetection()))
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("jqwik.database", jqwikDatabase)
                .configurationParameter("jqwik.reporting.onlyfailures", "true")
                .configurationParameter("jqwik.failures.after.default", "SAMPLE_FIRST")
                .configurationParameter("jqwik.seeds.whenfixed", "ALLOW")
                .configurationParameters(parameters)
                // the starter's junit-platform.properties gives each Jupiter test a limit for mvn test: off here, the
                // grader's limits apply. A hidden test gets its own (the phase's), on a thread of its own, so that a
                // test stuck in an endless loop fails alone and the next one starts; the exercise's limit, enforced
                // from outside, stays the backstop. Set after the job's parameters: they cannot turn it off.
                .configurationParameter("junit.jupiter.execution.timeout.mode", phase.testSeconds() > 0 ? "enabled" : "disabled");
        if (phase.testSeconds() > 0) {
            request.configurationParameter("junit.jupiter.execution.timeout.testable.method.default", phase.testSeconds() + " s")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        }
        List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
        for (String name : classNames) {
            selectors.add(DiscoverySelectors.selectClass(Class.forName(name, false, loader)));
        }
        if ("student-test".equals(kind)) {
            // a @Test JUnit will not run (private, static, returning a value) is only a warning in its log: say it
            request.listeners(new org.junit.platform.launcher.LauncherDiscoveryListener() {
                @Override
                public void issueEncountered(org.junit.platform.engine.UniqueId engine,
                        org.junit.platform.engine.DiscoveryIssue issue) {
                    if (issue.severity() == org.junit.platform.engine.DiscoveryIssue.Severity.WARNING) {
                        String name = issue.source().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                                .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + " > "
                                        + m.getMethodName() + "()").orElse("JUnit");
                        run.add(outcome(name, TestOutcome.ABORTED, "JUnit does not run it: " + issue.message(), false));
                    }
                }
            });
        }
        LauncherDiscoveryRequest discovery = request.selectors(selectors).build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                // engines named by the worker only: a service file student code wrote names none (see Phase)
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(phase.newEngines().toArray(TestEngine[]::new))
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        launcher.execute(discovery, new TestExecutionListener() {
            private TestPlan plan;

            @Override
            public void testPlanExecutionStarted(TestPlan testPlan) {
                plan = testPlan;
                synchronized (run) {
                    testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).stream()
                            .filter(TestIdentifier::isTest).filter(phase::counts)
                            .forEach(id -> run.planned.add(nameOf(testPlan, id))));
                }
                if (phase.hidden()) {
                    run.send(events, Map.of("t", "planned", "ex", exercise, "names", List.copyOf(run.planned)));
                }
            }

            /** Keeps one outcome, and in the hidden phase sends it at once (see {@link Phase#testSeconds}). */
            private void add(Map<String, Object> outcome) {
                run.add(outcome);
                if (phase.hidden()) {
                    run.send(events, Map.of("t", "outcome", "ex", exercise, "outcome", outcome));
                }
            }

            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest() && phase.counts(id)) {
                    run.started(nameOf(plan, id), true);
                    run.send(events, Map.of("t", "test", "ex", exercise, "kind", kind, "name", nameOf(plan, id)));
                } else if (!phase.hidden() && id.isContainer() && id.getSource().orElse(null) instanceof ClassSource
                        && phase.counts(id)) {
                    // a student's test class sets up (static initializer, @BeforeAll) before any of its tests starts:
                    // a set-up that blocks is then named where the time limit stops it, not left nameless
                    run.started(nameOf(plan, id) + " (its static set-up or @BeforeAll)", false);
                    run.send(events, Map.of("t", "test", "ex", exercise, "kind", kind, "name", nameOf(plan, id)
                            + " (its static set-up or @BeforeAll)"));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                run.finished(null); // a skip is progress too
                if (id.isTest() && phase.counts(id)) {
                    add(outcome(nameOf(plan, id), TestOutcome.ABORTED, "skipped: " + reason, false));
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                Throwable failure = result.getThrowable().orElse(null);
                run.finished(id.isTest() ? nameOf(plan, id) : nameOf(plan, id) + " (its static set-up or @BeforeAll)");
                if (!phase.counts(id)) {
                    return; // not the grader's: neither a pass nor a failure
                }
                if (id.isTest() && phase.stoppedBy(failure)) {
                    run.stuck = true;
                    add(outcome(nameOf(plan, id), TestOutcome.FAILED,
                            "stopped after " + limitIn(failure, phase.testSeconds()) + ": "
                                    + TestOutcome.DID_NOT_RETURN + stuckIn(failure), false));
                } else if (id.isTest()) {
                    String status = switch (result.getStatus()) {
                        case SUCCESSFUL -> TestOutcome.PASSED;
                        case ABORTED -> TestOutcome.ABORTED;
                        case FAILED -> TestOutcome.FAILED;
                    };
                    add(outcome(nameOf(plan, id), status,
                            failure == null ? "" : describe(failure), failure != null && NotImplemented.isCauseOf(failure)));
                } else if (failure != null) {
                    // a class that fails as a whole (static initializer, @BeforeAll): its tests never ran
                    add(outcome(nameOf(plan, id) + " (whole class)", TestOutcome.FAILED,
                            describe(failure), NotImplemented.isCauseOf(failure)));
                }
            }

            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                if (!phase.reports(id)) {
                    return; // only the grader's performance test measures
                }
                entry.getKeyValuePairs().forEach((k, v) -> {
                    if (k.startsWith("alloclab.")) {
                        run.entries.put(k, v);
                    }
                });
            }
        });
    }

    /**
     * The limit Jupiter's verdict names ({@code "too_slow() timed out after 1 second"}: a test's own
     * {@code @Timeout} may be shorter than the phase's), as the feedback says it ({@code "1 s"}); the phase's
     * {@code seconds} when the verdict names none the worker can read.
     */
    static String limitIn(Throwable failure, int seconds) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" timed out after (\\d+) (\\w+)")
                .matcher(String.valueOf(failure.getMessage()));
        if (m.find()) {
            String unit = m.group(2);
            String shortUnit = unit.startsWith("millisecond") ? "ms" : unit.startsWith("second") ? "s"
                    : unit.startsWith("minute") ? "min" : null;
            if (shortUnit != null) {
                return m.group(1) + " " + shortUnit;
            }
        }
        return seconds + " s";
    }

    /** {@code BumpHiddenTest > alloc_is_aligned()}, capped at {@value #NAME_CAP} characters: a display name is text too. */
    static String nameOf(TestPlan plan, TestIdentifier id) {
        StringBuilder name = new StringBuilder(id.getDisplayName());
        TestIdentifier parent = plan == null ? null : plan.getParent(id).orElse(null);
        while (parent != null && parent.getParentId().isPresent() && name.length() <= NAME_CAP) {
            name.insert(0, parent.getDisplayName() + " > ");
            parent = plan.getParent(parent).orElse(null);
        }
        return name.length() <= NAME_CAP ? name.toString() : name.substring(0, NAME_CAP) + "...";
    }

    /**
     * {@code text} cut to {@link #MESSAGE_CAP} characters. A failure that ends with the kit's advice ("What to do: ...",
     * after a heap map and its legend) loses whole lines from the middle instead, so the advice, the one line a
     * student acts on, is never the part that is cut ("What to do: a block was handed out twice: ch...").
     */
    static String capped(String text) {
        if (text.length() <= MESSAGE_CAP) {
            return text;
        }
        int advice = text.lastIndexOf(ADVICE);
        int adviceLine = advice < 0 ? -1 : text.lastIndexOf('\n', advice) + 1;
        String gap = "  ...\n";
        if (adviceLine > 0 && text.length() - adviceLine <= MESSAGE_CAP / 2) {
            int headEnd = text.lastIndexOf('\n', MESSAGE_CAP - gap.length() - (text.length() - adviceLine));
            if (headEnd > 0) {
                return text.substring(0, headEnd + 1) + gap + text.substring(adviceLine);
            }
        }
        return text.substring(0, MESSAGE_CAP) + "...";
    }

    /**
     * {@code " (it was in ExplicitFreeListAllocator.insert (ExplicitFreeListAllocator.java:221))"}: the student's
     * frame nearest the top of the stuck thread, which Jupiter's timeout carries as its cause's stack (as
     * {@code check} says it); only a frame of the student's main classes (their class loader's name), never the
     * hidden suite's. Empty when none is there.
     */
    static String stuckIn(Throwable timeout) {
        for (Throwable t = timeout; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String in = stuckIn(t.getStackTrace());
            if (!in.isEmpty()) {
                return in;
            }
        }
        return "";
    }

    /** As {@link #stuckIn(Throwable)}, from a stuck thread's stack. */
    static String stuckIn(StackTraceElement[] stack) {
        String ownLoader = FailureFrames.OWN_FRAME_LABEL.substring(0, FailureFrames.OWN_FRAME_LABEL.length() - 2);
        for (StackTraceElement frame : stack) {
            if (ownLoader.equals(frame.getClassLoaderName())) {
                return " (it was in " + SourceLine.of(frame) + ")";
            }
        }
        return "";
    }

    /**
     * Where a stack overflow was in the student's code, from its trace: {@code " in your code, at RefCountedNodes.release
     * (RefCountedNodes.java:54), called from RefCountedNodes.release (RefCountedNodes.java:56), which is 1012 of the
     * 1012 frames the trace kept from there down: ..."}. Only frames of the student's main classes are named (their
     * class loader's name), never the hidden suite's; empty when the trace holds none.
     */
    static String overflowIn(StackTraceElement[] stack) {
        String ownLoader = FailureFrames.OWN_FRAME_LABEL.substring(0, FailureFrames.OWN_FRAME_LABEL.length() - 2);
        int first = 0;
        while (first < stack.length && !ownLoader.equals(stack[first].getClassLoaderName())) {
            first++;
        }
        if (first == stack.length) {
            return "";
        }
        StackTraceElement top = stack[first];
        boolean callerOwn = first + 1 < stack.length && ownLoader.equals(stack[first + 1].getClassLoaderName());
        // the student's method that fills the stack: the one with the most frames (the top one may be a helper it calls)
        Map<String, Long> frames = java.util.Arrays.stream(stack).skip(first)
                .filter(f -> ownLoader.equals(f.getClassLoaderName()))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .collect(java.util.stream.Collectors.groupingBy(m -> m, LinkedHashMap::new,
                        java.util.stream.Collectors.counting()));
        Map.Entry<String, Long> most = java.util.Collections.max(frames.entrySet(), Map.Entry.comparingByValue());
        return " in your code, at " + SourceLine.of(top) + (callerOwn ? ", called from " + SourceLine.of(stack[first + 1])
                : "") + (most.getValue() > 2 ? "; " + most.getKey() + " is " + most.getValue() + " of the "
                + (stack.length - first) + " frames the trace kept from there down: a method that calls itself once per "
                + "block or node runs out of stack on a long list or chain, walk it with a loop instead" : "");
    }

    /** How the kit's validation reports start their advice line (see core's reports). */
    private static final String ADVICE = "What to do:";

    private static Map<String, Object> outcome(String name, String status, String message, boolean notStarted) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("name", name);
        outcome.put("status", status);
        outcome.put("message", message);
        outcome.put("notStarted", notStarted);
        return outcome;
    }

    /**
     * The failure's type and message, capped: enough to act on, too short to carry much else. Stack-trace lines in
     * the message (AssertJ prints the actual throwable's) are taken out first, but for the student's own top frames
     * ({@link FailureFrames}): the hidden suite's names and line numbers never reach the feedback.
     */
    static String describe(Throwable failure) {
        String text;
        try {
            java.util.Optional<NotImplemented> stub = NotImplemented.foundIn(failure);
            if (stub.isPresent()) {
                // also a stub behind an assertion (assertThatThrownBy(...).isInstanceOf(...) prints it, keeps no cause)
                text = "not started: " + stub.get().whatToWrite();
            } else if (dev.alloclab.companion.DiscoveryIssueText.of(failure).isPresent()) {
                // JUnit refused a class of the student's: the issue, not only "encountered a critical issue ... :"
                text = dev.alloclab.companion.DiscoveryIssueText.of(failure).get();
            } else {
                String message = FailureFrames.strip(failure.getMessage());
                // StackOverflowError and friends carry no message: their name says it all, ": null" says nothing
                text = failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
                if (failure instanceof StackOverflowError) {
                    text += overflowIn(failure.getStackTrace());
                }
                if (failure instanceof ExceptionInInitializerError && failure.getCause() != null) {
                    text = "static initializer failed: " + describe(failure.getCause());
                }
            }
        } catch (Throwable broken) {
            // a student exception whose getMessage throws
            text = failure.getClass().getName();
        }
        return capped(text);
    }

    /** The JaCoCo agent in this JVM, reached through its public runtime API. */
    private static final class Coverage {
        private Coverage() {
        }

        static void reset() {
            dump();
        }

        static byte[] dump() {
            try {
                return org.jacoco.agent.rt.RT.getAgent().getExecutionData(true);
            } catch (IllegalStateException noAgent) {
                return new byte[0];
            }
        }
    }

    /** Passes through the first {@code cap} bytes, then drops the rest; counts every byte offered. */
    private static final class CappedStream extends OutputStream {
        /** Bytes written to System.out and System.err since the caps were set, kept or not. */
        static final java.util.concurrent.atomic.AtomicLong PRINTED = new java.util.concurrent.atomic.AtomicLong();

        private final OutputStream target;
        private long left;

        CappedStream(OutputStream target, long cap) {
            this.target = target;
            this.left = cap;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            PRINTED.incrementAndGet();
            if (left > 0) {
                left--;
                target.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            PRINTED.addAndGet(Math.max(0, len));
            int n = (int) Math.min(len, left);
            if (n > 0) {
                left -= n;
                target.write(b, off, n);
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
