package dev.alloclab.grader.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.grader.Timings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a submission's tests in a separate JVM and collects what comes back.
 *
 * <p>One grading JVM runs every exercise, one after the other, each in class loaders of its own
 * (cheap: a JVM start costs more than the tests). Each hidden test has a limit of its own
 * ({@link Limits#hiddenTestSeconds()}): one stuck in an endless loop fails alone, the tests after it
 * still run, and since its thread may still be spinning the exercises that are left go on in a fresh
 * JVM (none is measured beside it). When an exercise runs past its own time limit, the backstop, the
 * grader kills the JVM's whole process tree and starts a fresh JVM for the exercises that are left; the
 * hidden tests that ended by then keep their outcomes (the grading JVM sends each as it ends), the one
 * running fails as stopped, and those that never started fail as "never ran". When the JVM dies
 * (System.exit, Runtime.halt, out of memory, a crash) the exercise it was running is charged and
 * the rest go on in a fresh JVM too. So each failure costs only the exercise it happened in, and
 * a stuck test only itself and what had no time left to run.
 *
 * <p>The results channel is a loopback socket the grader accepts exactly once, authenticated by
 * a per-run secret sent on the JVM's standard input (see {@link GradingWorker}); stdout and
 * stderr are only captured, capped, and never parsed.
 *
 * <p>INTERNAL.
 */
public final class SubmissionRunner implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Time for the JVM to start and connect before the first exercise's clock starts. */
    private static final int STARTUP_SECONDS = 30;

    private final Limits limits;
    private final Path workDir;
    private final Map<String, String> hiddenParameters;
    /** The user the grading JVM runs as, or null for the grader's own user. */
    private final WorkerUser workerUser;
    /** The submission's project folder (the one with src/), copied for the grading JVM to run in; or null. */
    private final Path project;

    public SubmissionRunner(Limits limits, Path workDir) {
        this(limits, workDir, Map.of());
    }

    /** @param hiddenParameters JUnit configuration parameters for every hidden-suite run (see {@link WorkerJob}) */
    public SubmissionRunner(Limits limits, Path workDir, Map<String, String> hiddenParameters) {
        this(limits, workDir, hiddenParameters, null);
    }

    /**
     * @param workerUser the user every grading JVM runs as (see {@link WorkerUser}: it gets {@code workDir}, and
     *                   when each grading JVM ends, every process of that user is ended), or null for the grader's own
     */
    public SubmissionRunner(Limits limits, Path workDir, Map<String, String> hiddenParameters, WorkerUser workerUser) {
        this(limits, workDir, hiddenParameters, workerUser, null);
    }

    /**
     * @param project the submission's project folder (the one with {@code src/}): the grading JVM runs in a copy of
     *                its {@code src/} tree, with {@code basedir} set to that copy, as Surefire runs tests in the
     *                project folder (see {@link ProjectCopy}); null runs it in {@code workDir}
     */
    public SubmissionRunner(Limits limits, Path workDir, Map<String, String> hiddenParameters, WorkerUser workerUser,
            Path project) {
        this.limits = limits;
        this.workDir = workDir;
        this.hiddenParameters = Map.copyOf(hiddenParameters);
        this.workerUser = workerUser;
        this.project = project;
    }

    /** Runs every exercise of the job; the answer has one entry per exercise, in job order. */
    public Map<String, ExerciseRun> run(List<WorkerJob.Exercise> exercises) {
        Map<String, ExerciseRun> results = new LinkedHashMap<>();
        if (workerUser != null) {
            workerUser.handOver(workDir); // the compiled classes, now that javac is done (a prestarted JVM only waits)
        }
        List<WorkerJob.Exercise> remaining = new ArrayList<>(exercises);
        Map<String, OwnTestsStop> ownTestsStopped = new LinkedHashMap<>();
        while (!remaining.isEmpty()) {
            runOnce(remaining, results, ownTestsStopped);
            remaining.removeIf(e -> results.containsKey(e.id()));
            // an exercise whose own tests used up its time limit runs again, its hidden suite alone (in a fresh JVM:
            // runOnce ended the one its tests were stopped in); without a student phase, this happens once at most
            remaining.replaceAll(e -> ownTestsStopped.containsKey(e.id()) ? e.hiddenSuiteOnly() : e);
        }
        Map<String, ExerciseRun> ordered = new LinkedHashMap<>();
        exercises.forEach(e -> {
            ExerciseRun run = results.get(e.id());
            OwnTestsStop stop = ownTestsStopped.get(e.id());
            ordered.put(e.id(), stop == null ? run : stop.merged(run, limits));
        });
        return ordered;
    }

    /**
     * Starts the first grading JVM now, so that it boots while the grader is still compiling; the
     * next {@link #run} uses it. Call {@link #close()} if {@code run} will not be called.
     */
    public synchronized void prestart() {
        if (prestarted == null) {
            // on a thread of its own: preparing the classpath and starting the process overlap with javac
            prestarted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return launch();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Stops a prestarted grading JVM that was never used. */
    @Override
    public synchronized void close() {
        if (prestarted != null) {
            Launched launched = prestartedOrNull();
            prestarted = null;
            if (launched != null) {
                killTree(launched.process());
                endWorkerProcesses();
                try {
                    launched.server().close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private Launched prestartedOrNull() {
        try {
            return prestarted.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return null; // takeOrLaunch starts one the ordinary way and reports what fails
        }
    }

    /** A grading JVM that was started and given its secret, and the socket it will connect to. */
    private record Launched(ServerSocket server, Process process, byte[] key, OutputTail stdout, OutputTail stderr) {
    }

    private java.util.concurrent.CompletableFuture<Launched> prestarted;

    private Launched launch() throws IOException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        try {
            Timings.mark("grading JVM: preparing its classpath");
            Process process = start(server.getLocalPort());
            Timings.mark("grading JVM: process started");
            OutputTail stdout = OutputTail.drain(process.getInputStream(), limits.outputKilobytes() * 1024);
            OutputTail stderr = OutputTail.drain(process.getErrorStream(), limits.outputKilobytes() * 1024);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return new Launched(server, process, key, stdout, stderr);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private synchronized Launched takeOrLaunch() throws IOException {
        Launched launched = prestarted == null ? null : prestartedOrNull();
        prestarted = null;
        if (launched != null && launched.process().isAlive()) {
            return launched;
        }
        if (launched != null) {
            launched.server().close();
        }
        return launch();
    }

    /**
     * One grading JVM: runs until done, until one exercise is charged with an incident, or until one exercise's own
     * tests use up its time limit before its hidden suite starts. That last one gets no result here but a sentence in
     * {@code ownTestsStopped}: its hidden suite is run again on its own. Slow own tests (three correct tests of 9 s
     * each, under Surefire's limit of 10 s a test) cost the coverage they could not show, never the hidden tests'
     * points they had no part in (QA parity finding 4).
     */
    private void runOnce(List<WorkerJob.Exercise> exercises, Map<String, ExerciseRun> results,
            Map<String, OwnTestsStop> ownTestsStopped) {
        Process process = null;
        OutputTail stdout = null;
        OutputTail stderr = null;
        String current = exercises.get(0).id();
        String currentTest = null;
        String runningHidden = null; // the name of the hidden test that started last
        String phase = null; // of the current exercise: student-tests, hidden-tests, or null before either
        SoFar soFar = new SoFar(); // of the current exercise
        long printed = 0; // by the current exercise, as the grading JVM last reported it
        long exerciseStart = System.nanoTime(); // when the current exercise's time limit started to run
        long hiddenStart = 0; // when its hidden suite started (0: not yet)
        Launched launched;
        try {
            launched = takeOrLaunch();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the grading JVM: " + e.getMessage(), e);
        }
        byte[] key = launched.key();
        try (ServerSocket server = launched.server()) {
            process = launched.process();
            stdout = launched.stdout();
            stderr = launched.stderr();
            server.setSoTimeout(200);
            Socket socket = null;
            long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
            while (socket == null) {
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    if (!process.isAlive() || System.nanoTime() > startDeadline) {
                        boolean exited = !process.isAlive();
                        throw GradingJvmDidNotStart.because(exited, exited ? process.exitValue() : 0, stderr.text(),
                                limits.heapMegabytes(), STARTUP_SECONDS);
                    }
                }
            }
            Timings.mark("grading JVM: connected");
            server.close(); // nobody else may connect
            Socket connected = socket;
            try (connected) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(connected.getInputStream()));
                DataOutputStream out = new DataOutputStream(connected.getOutputStream());
                Frames frames = new Frames(key);
                connected.setSoTimeout(STARTUP_SECONDS * 1000);
                Map<String, Object> hello = read(frames, in);
                if (hello == null || !"hello".equals(hello.get("t"))) {
                    throw new Frames.ForgedFrameException("the first frame was not the worker's hello");
                }
                Timings.mark("grading JVM: said hello, job sent");
                byte[] job = JSON.writeValueAsBytes(new WorkerJob(exercises, workDir.resolve("jqwik-database").toString(),
                        hiddenParameters, limits.hiddenTestSeconds()));
                out.writeInt(job.length);
                out.write(job);
                out.flush();
                // until the first exercise's first phase, the grading JVM may still be warming up: a grace on top of
                // the limit; from that phase on, each exercise gets exactly the limit the report names
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.timeoutSeconds() + STARTUP_SECONDS / 3);
                boolean started = false;
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new SocketTimeoutException();
                    }
                    connected.setSoTimeout((int) Math.max(1, left));
                    Map<String, Object> message = read(frames, in);
                    if (message == null) {
                        jvmEnded(current, phase, soFar, died(process, stdout, stderr, currentTest, limits.heapMegabytes())
                                + printedNote(printed, false), currentTest, results, ownTestsStopped);
                        return;
                    }
                    String type = String.valueOf(message.get("t"));
                    if (Timings.enabled() && (!"test".equals(type) && !"outcome".equals(type) || Timings.testsEnabled())) {
                        Timings.mark("grading JVM: " + type + " " + message.getOrDefault("ex", "") + " "
                                + message.getOrDefault("phase", message.getOrDefault("name", "")));
                    }
                    switch (type) {
                        case "phase" -> {
                            String ex = String.valueOf(message.get("ex"));
                            if (!ex.equals(current) || !started) {
                                current = ex;
                                printed = 0;
                                soFar = new SoFar();
                                exerciseStart = System.nanoTime();
                                hiddenStart = 0;
                                deadline = exerciseStart + TimeUnit.SECONDS.toNanos(limits.timeoutSeconds());
                            }
                            started = true;
                            phase = String.valueOf(message.get("phase"));
                            if ("hidden-tests".equals(phase)) {
                                hiddenStart = System.nanoTime();
                            }
                            currentTest = null;
                            runningHidden = null;
                        }
                        case "test" -> {
                            currentTest = message.get("kind") + " " + message.get("name");
                            runningHidden = "hidden-test".equals(message.get("kind")) ? String.valueOf(message.get("name")) : null;
                        }
                        case "student" -> soFar.student(message);
                        case "planned" -> soFar.planned(message);
                        case "outcome" -> soFar.outcome(message);
                        case "output" -> {
                            if (current.equals(message.get("ex")) && message.get("bytes") instanceof Number bytes) {
                                printed = bytes.longValue();
                            }
                        }
                        case "exercise" -> {
                            results.put(current, toRun(message));
                            if (Boolean.TRUE.equals(message.get("stuck"))) {
                                // a stopped test's thread may still spin: no later exercise runs (or is timed) beside
                                // it. The finally below ends this JVM; run() starts a fresh one for the rest
                                return;
                            }
                            int next = indexOf(exercises, current) + 1;
                            if (next < exercises.size()) {
                                current = exercises.get(next).id();
                                currentTest = null;
                                runningHidden = null;
                                phase = null;
                                soFar = new SoFar();
                                printed = 0;
                                exerciseStart = System.nanoTime();
                                hiddenStart = 0;
                                deadline = exerciseStart + TimeUnit.SECONDS.toNanos(limits.timeoutSeconds());
                            }
                        }
                        case "lost" -> results.put(current, ExerciseRun.stopped(current,
                                "the exercise's thread ended without a result (did your code stop its own thread?)"));
                        case "bye" -> {
                            for (WorkerJob.Exercise e : exercises) {
                                results.putIfAbsent(e.id(), ExerciseRun.stopped(e.id(), "no result came back"));
                            }
                            return;
                        }
                        default -> throw new Frames.ForgedFrameException("unknown message type " + type);
                    }
                }
            } catch (SocketTimeoutException timeout) {
                String stop = "stopped after " + limits.timeoutSeconds() + " s" + (currentTest == null ? "" : " in "
                        + currentTest) + ": " + TestOutcome.DID_NOT_RETURN + printedNote(printed, true);
                if ("student-tests".equals(phase) && !soFar.studentEnded()) {
                    // the student's own tests used up the exercise's time: its hidden suite runs again alone (run())
                    ownTestsStopped.put(current, OwnTestsStop.timeLimit(currentTest, stop, printedNote(printed, true)));
                } else if (soFar.hiddenStarted()) {
                    // the hidden tests that ended keep their outcomes: only the running one and those after it fail
                    ExerciseRun cut = soFar.stopped(current, runningHidden, limits.timeoutSeconds(),
                            printedNote(printed, true));
                    long ownMillis = hiddenStart == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(hiddenStart - exerciseStart);
                    if (soFar.studentEnded() && ownMillis >= SQUEEZED_FROM_MILLIS) {
                        // the own tests ended, but left the hidden suite less than the limit: it runs again alone
                        ownTestsStopped.put(current, OwnTestsStop.squeezed(cut, ownMillis));
                    } else {
                        results.put(current, cut);
                    }
                } else {
                    results.put(current, ExerciseRun.stopped(current, stop));
                }
            } catch (Frames.ForgedFrameException forged) {
                results.put(current, ExerciseRun.stopped(current, "the results channel was tampered with ("
                        + forged.getMessage() + "); the exercise scores zero"));
            } catch (java.io.EOFException | java.net.SocketException cut) {
                jvmEnded(current, phase, soFar, died(process, stdout, stderr, currentTest, limits.heapMegabytes()) + printedNote(printed, false),
                        currentTest, results, ownTestsStopped);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the grading JVM: " + e.getMessage(), e);
        } finally {
            if (process != null) {
                killTree(process);
            }
            endWorkerProcesses();
        }
    }

    /**
     * The grading JVM went away while running {@code current}. In its own tests (a {@code System.exit}, a
     * {@code Runtime.halt}, an {@code OutOfMemoryError} under the grading JVM's {@code -Xmx} that {@code mvn test}'s
     * larger default heap never meets) the hidden suite had no part in it: it runs again alone, as after own tests
     * that used up the time limit. Anywhere else the exercise is stopped with {@code sentence}.
     */
    private static void jvmEnded(String current, String phase, SoFar soFar, String sentence, String currentTest,
                                 Map<String, ExerciseRun> results, Map<String, OwnTestsStop> ownTestsStopped) {
        if ("student-tests".equals(phase) && !soFar.studentEnded()) {
            ownTestsStopped.put(current, OwnTestsStop.endedJvm(currentTest, sentence));
        } else {
            results.put(current, ExerciseRun.stopped(current, sentence));
        }
    }

    /**
     * With a worker user: ends every process of that user, so nothing the student's code started (detached or not)
     * outlives this grading JVM; the grader writes a result only after this.
     */
    private void endWorkerProcesses() {
        if (workerUser != null) {
            workerUser.killEveryProcess();
        }
    }

    /**
     * What the grading JVM sent of the exercise it is running before that exercise's result: the student's tests
     * and coverage, the hidden suite's test plan, each hidden outcome as it ended. When the exercise's time limit
     * stops it inside the hidden suite, this is what still counts.
     */
    static final class SoFar {
        private List<TestOutcome> student = List.of();
        private byte[] coverage = new byte[0];
        private List<String> planned; // null until the hidden suite's plan arrived
        private final List<TestOutcome> hidden = new ArrayList<>();
        private boolean studentEnded;

        @SuppressWarnings("unchecked")
        void student(Map<String, Object> message) {
            studentEnded = true;
            student = outcomes((List<Map<String, Object>>) message.getOrDefault("student", List.of()));
            coverage = Base64.getDecoder().decode(String.valueOf(message.getOrDefault("coverage", "")));
        }

        @SuppressWarnings("unchecked")
        void planned(Map<String, Object> message) {
            planned = List.copyOf((List<String>) message.getOrDefault("names", List.of()));
        }

        @SuppressWarnings("unchecked")
        void outcome(Map<String, Object> message) {
            hidden.addAll(outcomes(List.of((Map<String, Object>) message.get("outcome"))));
        }

        boolean hiddenStarted() {
            return planned != null;
        }

        /** True once the student's own tests ended and their outcomes came back. */
        boolean studentEnded() {
            return studentEnded;
        }

        /**
         * The run of an exercise stopped by its time limit in the hidden suite: the outcomes that came back, the
         * running test failed as stopped, and every planned test that never started failed as "never ran".
         *
         * @param running the hidden test that started last (null: none yet)
         * @param printed {@link #printedNote} of the exercise, told with the stopped test
         */
        ExerciseRun stopped(String id, String running, int seconds, String printed) {
            List<TestOutcome> outcomes = new ArrayList<>(hidden);
            java.util.Set<String> ended = new java.util.HashSet<>();
            hidden.forEach(t -> ended.add(t.name()));
            for (String name : planned) {
                if (ended.add(name)) {
                    outcomes.add(new TestOutcome(name, TestOutcome.FAILED, name.equals(running)
                            ? "stopped after " + seconds + " s, the exercise's time limit: " + TestOutcome.DID_NOT_RETURN + printed
                            : "never ran: the exercise's " + seconds + " s ran out before it started", false));
                }
            }
            return new ExerciseRun(id, student, outcomes, planned, Map.of(), coverage, null);
        }
    }

    /**
     * Own tests that took this long before an exercise's hidden suite was stopped by the exercise's time limit had a
     * part in the stop: the hidden suite runs again alone, with the whole limit. Below it, the hidden suite had almost
     * all of its time, and its stop is its own (a rerun would only double the time such a grade takes).
     */
    static final long SQUEEZED_FROM_MILLIS = 1000;

    /**
     * An exercise whose own tests kept its hidden suite from having the exercise's time limit to itself, so that the
     * hidden suite runs again alone in a fresh grading JVM.
     *
     * @param kind      what the own tests did
     * @param running   the own test that was running ({@code student-test Class > method()}), or null
     * @param incident  the sentence the exercise was stopped with before the hidden suite's second run (TIME_LIMIT,
     *                  ENDED_JVM)
     * @param first     SQUEEZED: the first run, its own tests ended and measured, its hidden suite cut by the limit
     * @param ownMillis SQUEEZED: how long the own tests took
     * @param printed   TIME_LIMIT: {@link #printedNote} of the own tests ("" when they printed little), which the
     *                  sentence keeps: printing in a hot loop is slow enough on its own to use up the limit
     */
    record OwnTestsStop(Kind kind, String running, String incident, ExerciseRun first, long ownMillis, String printed) {
        /** What the own tests did. */
        enum Kind {
            /** They used up the exercise's time limit: stopped, their coverage unknown. */
            TIME_LIMIT,
            /** They ended the grading JVM: their coverage unknown. */
            ENDED_JVM,
            /** They ended, but left the hidden suite too little of the limit: their coverage counts. */
            SQUEEZED
        }

        static OwnTestsStop timeLimit(String running, String incident, String printed) {
            return new OwnTestsStop(Kind.TIME_LIMIT, running, incident, null, 0, printed);
        }

        static OwnTestsStop endedJvm(String running, String incident) {
            return new OwnTestsStop(Kind.ENDED_JVM, running, incident, null, 0, "");
        }

        static OwnTestsStop squeezed(ExerciseRun first, long ownMillis) {
            return new OwnTestsStop(Kind.SQUEEZED, null, null, first, ownMillis, "");
        }

        /**
         * The exercise's result, given {@code rerun}, its hidden suite's run on its own. When that run was stopped by a
         * time limit too, the code under test is what does not return, not only the tests: with no hidden test passed
         * the exercise keeps the stop it had (an endless loop in a static initializer, say); with some passed, they
         * keep their points and the sentence says the code was stopped too. A squeezed exercise never ends worse than
         * its first run.
         */
        ExerciseRun merged(ExerciseRun rerun, Limits limits) {
            boolean stoppedToo = rerun.incident() != null || rerun.hiddenTests().stream().anyMatch(t -> !t.passed()
                    && (t.message().contains(TestOutcome.DID_NOT_RETURN) || t.message().startsWith("never ran: ")));
            long rerunPassed = rerun.hiddenTests().stream().filter(TestOutcome::passed).count();
            if (kind == Kind.SQUEEZED) {
                long firstPassed = first.hiddenTests().stream().filter(TestOutcome::passed).count();
                if (rerun.incident() != null || rerunPassed < firstPassed) {
                    return first;
                }
                return rerun.withOwnTestsOf(first, squeezedSentence(ownMillis, limits, stoppedToo));
            }
            if (stoppedToo && rerunPassed == 0) {
                return ExerciseRun.stopped(rerun.id(), incident);
            }
            return kind == Kind.TIME_LIMIT
                    ? rerun.afterOwnTestsStopped(ownTestsStoppedSentence(running, limits, stoppedToo) + printed,
                            "your own tests ran past the exercise's time limit")
                    : rerun.afterOwnTestsStopped(endedJvmSentence(incident, stoppedToo), "your own tests ended the grading JVM");
        }
    }

    /**
     * What a student whose own tests ended the grading JVM is told: what ended it (the sentence the exercise would
     * have been stopped with), what it cost (the coverage part only) and what happened instead.
     */
    static String endedJvmSentence(String incident, boolean codeStoppedToo) {
        String start = "your own tests ended the grading JVM (" + incident + "), so the grader ran its hidden tests on "
                + "their own afterwards";
        if (codeStoppedToo) {
            return start + "; some of those were stopped too, so your code itself does not return or ends the JVM "
                    + "(see the hidden tests' failures), and your tests' coverage could not be measured";
        }
        return start + ": the hidden tests keep their points, but your tests' coverage could not be measured. Fix the "
                + "test that ended it";
    }

    /**
     * What a student whose own tests ended but left the hidden suite too little of the time limit is told. Starts
     * with the words {@code grade-all} knows a time-limit stop by.
     */
    static String squeezedSentence(long ownMillis, Limits limits, boolean codeStoppedToo) {
        String start = String.format(java.util.Locale.ROOT, "your own tests took %.1f s of the exercise's time limit of "
                + "%d s and left the grader's tests too little of it, so the grader ran those again on their own, with "
                + "the whole limit", ownMillis / 1000.0, limits.timeoutSeconds());
        if (codeStoppedToo) {
            return start + "; some were stopped by the time limit even so, so your code itself is too slow or does not "
                    + "return (see the hidden tests' failures)";
        }
        return start + ": they keep their points. Make your tests faster: each may take " + limits.hiddenTestSeconds()
                + " s, and all of an exercise's tests, yours and the grader's, share " + limits.timeoutSeconds() + " s";
    }

    /**
     * What a student whose own tests used up the exercise's time limit is told: what happened, what it cost (the
     * coverage part only), and what to do. Starts with the words {@code grade-all} knows a time-limit stop by.
     *
     * @param currentTest the test that was running ({@code student-test Class > method()}), or null
     * @param codeStoppedToo whether the hidden tests, run on their own afterwards, were stopped by a time limit too
     */
    public static String ownTestsStoppedSentence(String currentTest, Limits limits, boolean codeStoppedToo) {
        String running = currentTest == null ? "" : " (stopped in " + currentTest.replaceFirst("^student-test ", "") + ")";
        String start = "your own tests took the exercise's whole time limit of " + limits.timeoutSeconds() + " s" + running
                + ", so the grader stopped them and ran its hidden tests on their own afterwards";
        if (codeStoppedToo) {
            return start + "; some of those were stopped by a time limit too, so your code itself is too slow or does not "
                    + "return (see the hidden tests' failures), and your tests' coverage could not be measured";
        }
        return start + ": the hidden tests keep their points, but your tests' coverage could not be measured. Make "
                + "your tests faster: each may take " + limits.hiddenTestSeconds() + " s, and all of an exercise's tests, "
                + "yours and the grader's, share " + limits.timeoutSeconds() + " s";
    }

    private static int indexOf(List<WorkerJob.Exercise> exercises, String id) {
        for (int i = 0; i < exercises.size(); i++) {
            if (exercises.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** What the grading JVM keeps of an exercise's printing (its own cap, see {@link GradingWorker}). */
    static final int KEPT_OUTPUT_BYTES = 64 * 1024;

    /**
     * The sentence a stopped exercise gets when its code printed more than the grading JVM keeps (empty otherwise):
     * printing in a hot method (a leftover debug line in a loop) is slow enough on its own to hit the time limit,
     * and "an endless loop" would send the student looking for a loop that is not endless.
     *
     * @param timedOut whether the exercise ran out of time (then the printing may be the cause)
     */
    static String printedNote(long printed, boolean timedOut) {
        if (printed <= KEPT_OUTPUT_BYTES) {
            return "";
        }
        return ". Your code printed " + amount(printed) + "; only the first 64 KiB were kept: remove the debug printing"
                + (timedOut ? ", it can be what made it too slow" : "");
    }

    /** {@code 950 MB}, {@code 2.5 MB} or {@code 300 KiB}. */
    private static String amount(long bytes) {
        if (bytes >= 10_000_000) {
            return bytes / 1_000_000 + " MB";
        }
        if (bytes >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return bytes / 1024 + " KiB";
    }

    /** One sentence on why the grading JVM went away; {@code heapMegabytes} is its {@code -Xmx}. */
    private static String died(Process process, OutputTail stdout, OutputTail stderr, String currentTest,
                               int heapMegabytes) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String where = currentTest == null ? "" : " in " + currentTest;
        if (!process.isAlive()) {
            int status = process.exitValue();
            // status 3 alone proves nothing (System.exit(3) gives it too): the VM's own line does
            if (stdout.sawOutOfMemory() || stderr.sawOutOfMemory()) {
                return "ran out of memory" + where + " (the grading JVM may use " + heapMegabytes + " MB, the course's "
                        + "limits.heapMegabytes, often less than mvn test's JVM gets): look for a loop that keeps "
                        + "allocating Java objects or arrays";
            }
            if (stderr.text().contains("StackOverflowError")) {
                return "the grading JVM overflowed its stack" + where + ": look for unbounded recursion";
            }
            return "the grading JVM stopped with exit status " + status + where
                    + ": your code called System.exit or Runtime.halt, or crashed the JVM";
        }
        return "the grading JVM closed the results channel" + where + " (did your code close System streams or sockets?)";
    }

    private static Map<String, Object> read(Frames frames, DataInputStream in) throws IOException {
        byte[] payload = frames.read(in);
        return payload == null ? null : JSON.readValue(payload, new TypeReference<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static ExerciseRun toRun(Map<String, Object> message) {
        String id = String.valueOf(message.get("ex"));
        List<TestOutcome> student = outcomes((List<Map<String, Object>>) message.getOrDefault("student", List.of()));
        List<TestOutcome> hidden = outcomes((List<Map<String, Object>>) message.getOrDefault("hidden", List.of()));
        List<String> planned = (List<String>) message.getOrDefault("planned", List.of());
        Map<String, String> entries = (Map<String, String>) message.getOrDefault("entries", Map.of());
        byte[] coverage = Base64.getDecoder().decode(String.valueOf(message.getOrDefault("coverage", "")));
        String error = (String) message.get("error");
        return new ExerciseRun(id, student, hidden, planned, entries, coverage,
                error == null ? null : "the tests could not run: " + error);
    }

    private static List<TestOutcome> outcomes(List<Map<String, Object>> raw) {
        List<TestOutcome> outcomes = new ArrayList<>();
        for (Map<String, Object> o : raw) {
            outcomes.add(new TestOutcome(String.valueOf(o.get("name")), String.valueOf(o.get("status")),
                    String.valueOf(o.get("message")), Boolean.TRUE.equals(o.get("notStarted"))));
        }
        return outcomes;
    }

    private Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // what Surefire's working folder holds for reading (never the submission itself: see ProjectCopy)
        Path folder = project == null ? workDir : ProjectCopy.into(workDir, project);
        List<String> command = new ArrayList<>();
        if (workerUser != null) {
            workerUser.handOverOne(workDir); // the grading folder; what javac writes into it follows in run()
            if (project != null) {
                workerUser.handOver(folder); // its working folder, as the project folder is the student's under mvn
            }
            command.addAll(workerUser.launchPrefix());
        }
        command.addAll(List.of(java,
                "-Xmx" + limits.heapMegabytes() + "m",
                "-Xss2m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                // no jcmd, jmap or agent loaded from outside: a process the student's code starts could otherwise
                // attach to this JVM and rewrite the worker's classes (forging results) or dump its heap
                "-XX:+DisableAttachMechanism",
                // no hsperfdata file in /tmp: nothing outside needs this JVM's counters, and a worker run as a
                // throw-away user left its file behind in /tmp after every grade
                "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8"));
        if (project != null) {
            command.add("-Dbasedir=" + folder); // Surefire sets it to the project folder
        }
        String agent = workerUser == null ? jacocoAgentJar() : ReadableClasspath.agentJar();
        if (agent != null) {
            // every class the submission's loaders define, whatever its package: a student's shared code
            // (dev.alloclab.support.Helper) counts in the coverage of the exercises that reach it, so it must be
            // recorded; what the JVM's own loaders define (the grader, JUnit, core) and the hidden suites are not
            command.add("-javaagent:" + agent + "=output=none,dumponexit=false,jmx=false,"
                    + "includes=*,exclclassloader=jdk.internal.*:sun.*:" + HiddenSuiteClassLoader.class.getName()
                    + ",inclnolocationclasses=false");
        }
        command.addAll(List.of("-cp", workerUser == null ? WorkerClasspath.get() : ReadableClasspath.classpath(),
                GradingWorker.class.getName(), String.valueOf(port)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS")
                || k.startsWith("_JAVA_OPTIONS"));
        return builder.start();
    }

    /**
     * The JaCoCo runtime agent jar, or null (coverage then reads 0). When the grader runs from its
     * shaded jar the agent's classes are inside it but its {@code Premain-Class} is not, so the
     * agent's entries are copied once into a small jar of their own.
     */
    static synchronized String jacocoAgentJar() {
        if (agentJar != null) {
            return agentJar;
        }
        URL url = SubmissionRunner.class.getClassLoader().getResource("org/jacoco/agent/rt/RT.class");
        if (url == null || !"jar".equals(url.getProtocol())) {
            return null;
        }
        String spec = url.getPath();
        try {
            Path jar = Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                java.util.jar.Manifest manifest = file.getManifest();
                if (manifest != null && manifest.getMainAttributes().getValue("Premain-Class") != null) {
                    agentJar = jar.toString();
                    return agentJar;
                }
                String premain = file.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith("org/jacoco/agent/rt/internal_") && n.endsWith("/PreMain.class"))
                        .findFirst().orElse(null);
                if (premain == null) {
                    return null;
                }
                java.util.jar.Manifest m = new java.util.jar.Manifest();
                m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
                m.getMainAttributes().putValue("Premain-Class",
                        premain.substring(0, premain.length() - ".class".length()).replace('/', '.'));
                Path out = java.nio.file.Files.createTempFile("alloclab-jacocoagent-", ".jar");
                out.toFile().deleteOnExit();
                try (java.util.jar.JarOutputStream jos = new java.util.jar.JarOutputStream(
                        java.nio.file.Files.newOutputStream(out), m)) {
                    for (java.util.jar.JarEntry e : java.util.Collections.list(file.entries())) {
                        String n = e.getName();
                        if (!e.isDirectory() && (n.startsWith("org/jacoco/agent/rt/") || n.startsWith("com/vladium/"))) {
                            jos.putNextEntry(new java.util.jar.JarEntry(n));
                            try (InputStream in = file.getInputStream(e)) {
                                in.transferTo(jos);
                            }
                            jos.closeEntry();
                        }
                    }
                }
                agentJar = out.toString();
                return agentJar;
            }
        } catch (IOException | URISyntaxException e) {
            return null;
        }
    }

    private static String agentJar;

    /** Kills the grading JVM and everything it started. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains a stream on a daemon thread, keeping the first {@code cap} bytes. */
    static final class OutputTail {
        /** What HotSpot prints (to its own stdout, past every cap) before -XX:+ExitOnOutOfMemoryError exits with 3. */
        private static final String OUT_OF_MEMORY = "Terminating due to java.lang.OutOfMemoryError";
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;
        /** The end of what came so far (kept or dropped), so that a line split between two reads is still found. */
        private String recent = "";
        private boolean outOfMemory;

        static OutputTail drain(InputStream stream, int cap) {
            OutputTail tail = new OutputTail();
            Thread drainer = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int n; (n = stream.read(buffer)) > 0; ) {
                        synchronized (tail) {
                            int keep = Math.max(0, Math.min(n, cap - tail.kept.size()));
                            tail.kept.write(buffer, 0, keep);
                            tail.dropped += n - keep;
                            String seen = tail.recent + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                            tail.outOfMemory |= seen.contains(OUT_OF_MEMORY);
                            tail.recent = seen.substring(Math.max(0, seen.length() - OUT_OF_MEMORY.length()));
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "grading-output");
            drainer.setDaemon(true);
            drainer.start();
            return tail;
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        /** True once the JVM said it ends for lack of memory (however much output came before). */
        synchronized boolean sawOutOfMemory() {
            return outOfMemory;
        }
    }
}
