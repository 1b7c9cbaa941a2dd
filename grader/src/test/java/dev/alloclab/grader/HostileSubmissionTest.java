package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken submissions (issue 8). To keep the suite fast, each test grades ONE copy of the
 * solutions in which several exercises are sabotaged in different ways, each sabotage independent
 * of the others: every sabotaged exercise must lose exactly what its sabotage earns, and the
 * untouched or harmless ones must keep their hidden points. Each exercise's report must say what
 * happened in a sentence.
 */
class HostileSubmissionTest {
    private static final int TIMEOUT = 15;
    private static final String MAIN = "src/main/java/dev/alloclab/exercises/";
    private static final String TEST = "src/test/java/dev/alloclab/exercises/";

    @TempDir
    Path temp;

    @Test
    void code_that_loops_exits_halts_exhausts_memory_recurses_floods_or_forges_costs_only_its_own_exercise() {
        // GIVEN the solutions, sabotaged exercise by exercise
        Path submission = KitSubmissions.copyOfSolutions(temp, "hostile-run");
        // stack-frames: an endless loop in a static initializer
        KitSubmissions.patch(submission, "stackframes/FrameStack.java", "public final class FrameStack {",
                "public final class FrameStack {\n    static { long spins = 0; while (spins >= 0) { spins++; } }");
        // bump: System.exit in a static initializer, with the status a JVM out of memory exits with (3): it is still
        // System.exit, not "ran out of memory"
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "public final class BumpAllocator implements Allocator {",
                "public final class BumpAllocator implements Allocator {\n"
                        + "    static { if (Boolean.parseBoolean(\"true\")) { System.exit(3); } }");
        // implicit-list: Runtime.halt in the middle of a test
        KitSubmissions.patch(submission, "implicitlist/ImplicitFreeListAllocator.java", "AllocationRequests.checkSize(\"alloc\", size);",
                "AllocationRequests.checkSize(\"alloc\", size); if (size > 0) { Runtime.getRuntime().halt(7); }");
        // explicit-list: memory exhaustion
        KitSubmissions.patch(submission, "explicitlist/ExplicitFreeListAllocator.java", "AllocationRequests.checkSize(\"alloc\", size);",
                "AllocationRequests.checkSize(\"alloc\", size); if (size > 0) { java.util.List<long[]> hog = new java.util.ArrayList<>();"
                        + " while (hog.size() >= 0) { hog.add(new long[1 << 20]); } }");
        // buddy: an endless loop in the student's own test (costs only that test since 26 Nov 2026: it has a limit of its own)
        KitSubmissions.write(submission, TEST + "buddy/BuddyLoopStudentTest.java", """
                package dev.alloclab.exercises.buddy;
                class BuddyLoopStudentTest {
                    @org.junit.jupiter.api.Test
                    void never_ends() { long n = 0; while (n >= 0) { n++; } }
                }
                """);
        // vec: unbounded recursion
        KitSubmissions.patch(submission, "vec/IntVec.java", "public int get(int i) {\n        return heap.readInt(indexOf(i));",
                "public int get(int i) {\n        return i == 2 ? get(i) : heap.readInt(indexOf(i));");
        // scope: correct code that floods 4 GiB of output, prints fake results, leaves non-daemon threads and a
        // shutdown hook that never ends, replaces System.out, and looks for the hidden suites on the classpath
        KitSubmissions.patch(submission, "scope/OwnedBlock.java", "public final class OwnedBlock implements AutoCloseable {", """
                public final class OwnedBlock implements AutoCloseable {
                    static {
                        byte[] flood = new byte[1 << 20];
                        java.util.Arrays.fill(flood, (byte) 'x');
                        for (int i = 0; i < 2048; i++) {
                            System.out.write(flood, 0, flood.length);
                            System.err.write(flood, 0, flood.length);
                        }
                        System.out.println("{\\"t\\":\\"exercise\\",\\"ex\\":\\"refcount\\",\\"hidden\\":[]}");
                        System.out.println("refcount: 12/12 points");
                        for (int i = 0; i < 50; i++) {
                            new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }).start();
                        }
                        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                            try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }));
                        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                        if (ClassLoader.getSystemResource("dev/alloclab/grader/hidden/index.txt") != null
                                || OwnedBlock.class.getClassLoader().getResource("dev/alloclab/grader/hidden/scope/OwnedBlockHiddenTest.java") != null
                                || Thread.currentThread().getContextClassLoader().getResource("dev/alloclab/grader/hidden/index.txt") != null) {
                            throw new IllegalStateException("the hidden suites' sources are readable from student code");
                        }
                    }
                """);
        // refcount: a real bug, plus attempts to forge the results: fake result lines, a results file in the
        // working folder, a connection to the grader's port, reflection into the grading worker
        KitSubmissions.patch(submission, "refcount/RefCountedNodes.java", "if (remaining < 0) {", "if (remaining < -1) {");
        KitSubmissions.patch(submission, "refcount/RefCountedNodes.java", "public final class RefCountedNodes {", """
                public final class RefCountedNodes {
                    static {
                        System.out.println("{\\"t\\":\\"exercise\\",\\"ex\\":\\"refcount\\",\\"hidden\\":[{\\"name\\":\\"all\\",\\"status\\":\\"PASSED\\"}]}");
                        try { java.nio.file.Files.writeString(java.nio.file.Path.of("results.json"), "{\\"score\\":100}"); } catch (Exception e) { }
                        String command = System.getProperty("sun.java.command", "");
                        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                                Integer.parseInt(command.substring(command.lastIndexOf(' ') + 1)))) {
                            s.getOutputStream().write(new byte[] {0, 0, 0, 2, '{', '}'});
                        } catch (Exception e) { }
                        try {
                            for (java.lang.reflect.Field f : Class.forName("dev.alloclab.grader.run.GradingWorker").getDeclaredFields()) {
                                f.setAccessible(true);
                            }
                        } catch (Throwable t) { }
                    }
                """);
        // WHEN the whole submission is graded (no segregated-fits: it is the other test's canary)
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "stack-frames", "bump",
                "implicit-list", "explicit-list", "buddy", "vec", "scope", "refcount"));
        // THEN each sabotage costs its own exercise and is named in a sentence
        assertStopped(report, "stack-frames", "stopped after " + TIMEOUT + " s", "did not return");
        assertStopped(report, "bump", "exit status 3", "System.exit");
        assertThat(grade(report, "bump").feedback()).as("bump").noneMatch(line -> line.contains("out of memory"));
        assertStopped(report, "implicit-list", "System.exit or Runtime.halt");
        assertStopped(report, "explicit-list", "ran out of memory", "may use 256 MB" /* KitSubmissions.rubricFor's heap */);
        // (an endless loop in a student's own test costs that test: each test has half the exercise's limit)
        assertFullHiddenPoints(report, "buddy");
        assertThat(part(grade(report, "buddy"), "coverage").details()).as("buddy's own tests")
                .anyMatch(line -> line.contains("never_ends") && line.contains("stopped after " + TIMEOUT / 2 + " s"));
        ExerciseGrade vec = grade(report, "vec");
        assertThat(vec.status()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(vec, "hidden").score()).as("vec: %s", vec.feedback()).isLessThan(part(vec, "hidden").maxScore());
        assertThat(String.join("\n", part(vec, "hidden").details())).contains("StackOverflowError");
        assertFullHiddenPoints(report, "scope");
        ExerciseGrade refcount = grade(report, "refcount");
        assertThat(refcount.status()).as("refcount: %s", refcount.feedback()).isEqualTo(ExerciseGrade.GRADED);
        assertThat(part(refcount, "hidden").score()).as("refcount: forged results must not count")
                .isLessThan(part(refcount, "hidden").maxScore());
    }

    @Test
    void broken_files_cost_only_their_exercise_and_are_named() throws IOException {
        // GIVEN the solutions with file-level problems, one per exercise
        Path submission = KitSubmissions.copyOfSolutions(temp, "broken-files");
        // stack-frames: a source saved as Latin-1, not UTF-8 (javac under mvn test only warns, and compiles it)
        Path frameStack = submission.resolve(MAIN + "stackframes/FrameStack.java");
        byte[] text = Files.readAllBytes(frameStack);
        byte[] latin1 = new byte[text.length + 8];
        System.arraycopy("// caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, latin1, 0, 8);
        System.arraycopy(text, 0, latin1, 8, text.length);
        Files.write(frameStack, latin1);
        // bump: a binary file named .java
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        KitSubmissions.write(submission, MAIN + "bump/Junk.java", junk);
        // implicit-list: the same class declared twice
        KitSubmissions.write(submission, MAIN + "implicitlist/Copy.java",
                "package dev.alloclab.exercises.implicitlist;\nfinal class ImplicitFreeListAllocator { }\n");
        // explicit-list: missing
        KitSubmissions.deleteTree(submission.resolve(MAIN + "explicitlist"));
        // segregated-fits: the wrong package name
        KitSubmissions.patch(submission, "segregated/SegregatedFitsAllocator.java",
                "package dev.alloclab.exercises.segregated;", "package dev.alloclab.exercises.segregatedx;");
        // buddy: a real bug, and a JUnit extension registered to swallow every test failure
        KitSubmissions.patch(submission, "buddy/BuddyAllocator.java", "return offset ^ blockSize;", "return offset + blockSize;");
        KitSubmissions.write(submission, TEST + "buddy/Swallow.java", """
                package dev.alloclab.exercises.buddy;
                public class Swallow implements org.junit.jupiter.api.extension.TestExecutionExceptionHandler {
                    @Override
                    public void handleTestExecutionException(org.junit.jupiter.api.extension.ExtensionContext c, Throwable t) { }
                }
                """);
        KitSubmissions.write(submission, "src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension",
                "dev.alloclab.exercises.buddy.Swallow\n");
        // vec: a huge source file next to correct code
        KitSubmissions.write(submission, MAIN + "vec/Huge.java", "// " + "x".repeat(600 * 1024) + "\n");
        // scope: a symbolic link out of the submission
        Files.createSymbolicLink(submission.resolve(MAIN + "scope/stolen"), KitSubmissions.kitFolder("solutions").toAbsolutePath());
        // refcount: saved with a byte-order mark (Windows editors), which javac alone rejects
        Path refCount = submission.resolve(MAIN + "refcount/RefCountedNodes.java");
        byte[] plain = Files.readAllBytes(refCount);
        byte[] marked = new byte[plain.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, marked, 3, plain.length);
        Files.write(refCount, marked);
        // all: a module declaration an IDE added, which would hide the kit's classes from every exercise
        KitSubmissions.write(submission, "src/main/java/module-info.java", "module mine {\n    requires dev.alloclab.core;\n}\n");
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "stack-frames", "bump",
                "implicit-list", "explicit-list", "segregated-fits", "buddy", "vec", "scope", "refcount"));
        // THEN
        assertFullHiddenPoints(report, "stack-frames");
        assertThat(grade(report, "stack-frames").feedback()).as("stack-frames")
                .anyMatch(line -> line.contains("FrameStack.java is not saved as UTF-8: its byte 0xE9"));
        assertCompileError(report, "bump", "Junk.java");
        assertCompileError(report, "implicit-list", "duplicate class");
        ExerciseGrade explicit = grade(report, "explicit-list");
        assertThat(explicit.status()).isEqualTo(ExerciseGrade.MISSING);
        assertThat(explicit.feedback().get(0)).contains("no sources found");
        assertMissingApi(report, "segregated-fits", "keep the starter's class and method names and signatures",
                "dev.alloclab.exercises.segregated");
        ExerciseGrade buddy = grade(report, "buddy");
        assertThat(part(buddy, "hidden").score()).as("buddy: a swallowing extension must not rescue a bug")
                .isLessThan(part(buddy, "hidden").maxScore());
        assertFullHiddenPoints(report, "vec");
        assertFullHiddenPoints(report, "scope");
        assertFullHiddenPoints(report, "refcount");
        assertThat(report.notes()).anyMatch(n -> n.contains("Huge.java") && n.contains("larger than"))
                .anyMatch(n -> n.contains("stolen") && n.contains("symbolic link"))
                .anyMatch(n -> n.startsWith("ignored src/main/java/module-info.java: the grader compiles on the class path"))
                .anyMatch(n -> n.contains("RefCountedNodes.java starts with a byte-order mark"));
    }

    @Test
    void a_file_that_makes_javac_itself_fail_costs_only_its_exercise_and_is_named() {
        // GIVEN the solutions with, in bump, valid Java that javac cannot compile: an expression nested 30,000 levels
        // deep (javac catches its own StackOverflowError, reports no error and writes no class file: every exercise
        // compiled in the same javac call was "missing" its classes, 0 / 100, before the grader read javac's result)
        Path submission = KitSubmissions.copyOfSolutions(temp, "deep");
        KitSubmissions.write(submission, MAIN + "bump/Deep.java", "package dev.alloclab.exercises.bump;\n"
                + "final class Deep {\n    static int x() { return " + "(".repeat(30_000) + "1" + ")".repeat(30_000)
                + "; }\n}\n");
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "vec"));
        // THEN bump is a compile error naming the file and what to do, and vec keeps every point
        assertCompileError(report, "bump", "Deep.java: javac ran out of stack", "Write it as several smaller ones");
        ExerciseGrade vec = grade(report, "vec");
        assertThat(vec.score()).as("vec: %s", vec.feedback()).isEqualTo(vec.maxScore());
    }

    @Test
    void a_class_named_like_a_hidden_suite_in_the_submission_is_never_run_in_its_place() {
        // GIVEN the untouched stubs plus, in src/main/java, a class with the hidden suite's name (which every
        // report prints) whose tests pass by doing nothing
        Path submission = temp.resolve("impostor");
        KitSubmissions.copyTree(KitSubmissions.kitFolder("exercises").resolve("src"), submission.resolve("src"));
        writeDoNothingBumpSuite(submission);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump"));
        // THEN the grader's own suite ran: the stub earns nothing
        ExerciseGrade bump = grade(report, "bump");
        assertThat(part(bump, "hidden").score()).as("bump: %s", bump.feedback()).isZero();
        assertThat(bump.score()).isZero();
    }

    @Test
    void a_hidden_suite_rewritten_on_disk_by_student_code_is_never_loaded() {
        // GIVEN the solutions with a real bump bug, a do-nothing class with the hidden suite's name, and a student
        // test that copies that class's bytes over the grader's compiled hidden suite (they sit in the grading
        // folder, which the grading JVM's user may write) before the hidden suite runs
        Path submission = KitSubmissions.copyOfSolutions(temp, "rewriter");
        KitSubmissions.patch(submission, "bump/BumpAllocator.java",
                "Checks.alignUp((long) HEADER_BYTES + size, ALIGNMENT)", "((long) HEADER_BYTES + size)");
        writeDoNothingBumpSuite(submission);
        KitSubmissions.write(submission, TEST + "bump/RewriteStudentTest.java", """
                package dev.alloclab.exercises.bump;
                class RewriteStudentTest {
                    @org.junit.jupiter.api.Test
                    void swap() throws Exception {
                        String file = "dev/alloclab/hidden/bump/BumpHiddenTest.class";
                        byte[] impostor = getClass().getClassLoader().getResourceAsStream(file).readAllBytes();
                        java.nio.file.Path main = java.nio.file.Path.of(
                                BumpAllocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                        java.nio.file.Files.write(main.resolveSibling("hidden").resolve(file), impostor);
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump"));
        // THEN the grader's own suite ran, from the bytes it compiled: the bug loses points
        ExerciseGrade bump = grade(report, "bump");
        assertThat(part(bump, "hidden").score()).as("bump: %s", bump.feedback()).isLessThan(part(bump, "hidden").maxScore());
    }

    @Test
    void the_compiled_hidden_suites_are_gone_from_disk_before_student_code_runs() {
        // GIVEN correct solutions whose bump allocator refuses to work while it can see the compiled hidden suite
        // next to its own classes (where javac wrote it)
        Path submission = solutionsWithABumpAllocatorThatRefusesWhen(temp, "reader", "HiddenOnDisk.visible()");
        KitSubmissions.write(submission, MAIN + "bump/HiddenOnDisk.java", """
                package dev.alloclab.exercises.bump;
                final class HiddenOnDisk {
                    static boolean visible() {
                        try {
                            java.nio.file.Path main = java.nio.file.Path.of(
                                    BumpAllocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                            return java.nio.file.Files.exists(main.resolveSibling("hidden"));
                        } catch (Exception e) {
                            return true;
                        }
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump"));
        // THEN the allocator never saw the hidden classes' folder: full hidden points
        assertFullHiddenPoints(report, "bump");
    }

    @Test
    void a_student_test_that_marks_every_line_covered_through_the_coverage_recorder_earns_no_coverage_and_is_flagged() {
        // GIVEN correct solutions whose bump tests test nothing: the one test asks each bump class for JaCoCo's probe
        // array (the bootstrap method JaCoCo adds to every class it instruments) and sets every probe, which JaCoCo
        // then reports as 100 % line and branch coverage (it did, before the grader read the student's classes)
        Path submission = KitSubmissions.copyOfSolutions(temp, "prober");
        KitSubmissions.write(submission, TEST + "bump/BumpAllocatorStudentTest.java", """
                package dev.alloclab.exercises.bump;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void covers_everything() throws Exception {
                        for (java.lang.reflect.Method m : BumpAllocator.class.getDeclaredMethods()) {
                            if (m.getName().startsWith("$" + "jac" + "oco")) {
                                m.setAccessible(true);
                                java.util.Arrays.fill((boolean[]) m.invoke(null,
                                        java.lang.invoke.MethodHandles.lookup(), "x", Object.class), true);
                            }
                        }
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump", "vec"));
        // THEN bump's coverage points are withheld with a sentence naming the first place, every place is listed
        // for review, the hidden points stand, and the untouched exercise keeps everything
        ExerciseGrade bump = grade(report, "bump");
        PartGrade coverage = part(bump, "coverage");
        assertThat(coverage.score()).as("bump: %s", bump.feedback()).isZero();
        assertThat(coverage.summary()).startsWith("withheld: your code uses reflection (BumpAllocatorStudentTest.java:5)");
        assertThat(bump.feedback()).contains(
                "review: BumpAllocatorStudentTest.java:7 uses Method.setAccessible (reflection)",
                "review: BumpAllocatorStudentTest.java:9 uses MethodHandles.lookup (reflection)")
                .anyMatch(f -> f.startsWith("review: BumpAllocatorStudentTest.java:6 uses the text \"$jacoco\""));
        assertFullHiddenPoints(report, "bump");
        ExerciseGrade vec = grade(report, "vec");
        assertThat(vec.score()).as("vec: %s", vec.feedback()).isEqualTo(vec.maxScore());
        assertThat(vec.feedback()).noneMatch(f -> f.startsWith("review:"));
    }

    @Test
    void methods_a_student_annotates_as_generated_still_count_in_the_coverage() {
        // GIVEN correct solutions whose bump test calls alloc once, graded as they are and again with the methods the
        // test never reaches annotated with the student's own @Generated (JaCoCo leaves such methods out of its
        // counts: 53 % of the lines became 88 %, over the threshold, before the grader took the annotation out)
        String allocOnce = """
                package dev.alloclab.exercises.bump;
                class BumpAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void allocates() {
                        new BumpAllocator(dev.alloclab.core.memory.HeapBytes.withMax(256)).alloc(24);
                    }
                }
                """;
        Path plain = KitSubmissions.copyOfSolutions(temp, "plain");
        KitSubmissions.write(plain, TEST + "bump/BumpAllocatorStudentTest.java", allocOnce);
        Path annotated = KitSubmissions.copyOfSolutions(temp, "annotated");
        KitSubmissions.write(annotated, TEST + "bump/BumpAllocatorStudentTest.java", allocOnce);
        KitSubmissions.write(annotated, "src/main/java/dev/alloclab/exercises/bump/Generated.java", """
                package dev.alloclab.exercises.bump;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
                @interface Generated { }
                """);
        for (String method : List.of("public void dealloc(int index) {", "public void reset() {",
                "public List<HeapRegion> regions() {", "public HeapBytes heap() {")) {
            KitSubmissions.patch(annotated, "bump/BumpAllocator.java", "    " + method, "    @Generated\n    " + method);
        }
        // WHEN both are graded
        PartGrade asWritten = part(grade(Grader.grade(plain, KitSubmissions.rubricFor(TIMEOUT, "bump")), "bump"),
                "coverage");
        GradeReport report = Grader.grade(annotated, KitSubmissions.rubricFor(TIMEOUT, "bump"));
        ExerciseGrade bump = grade(report, "bump");
        // THEN the annotated methods are measured as the plain ones are: the same coverage, the same points, and
        // the methods named as never reached
        PartGrade coverage = part(bump, "coverage");
        assertThat(asWritten.score()).as(asWritten.summary()).isLessThan(2);
        assertThat(coverage.summary()).as("bump: %s", bump.feedback()).isEqualTo(asWritten.summary());
        assertThat(coverage.score()).isEqualTo(asWritten.score());
        assertThat(bump.feedback()).anyMatch(line -> line.contains("Not reached by your tests: ")
                && line.contains("BumpAllocator.reset") && line.contains("BumpAllocator.regions"));
        assertFullHiddenPoints(report, "bump");
    }

    @Test
    void a_process_started_by_student_code_cannot_attach_to_the_grading_jvm() {
        // GIVEN correct solutions whose bump allocator refuses to work when jcmd (a process it starts, as any attach
        // tool or agent loader would be) can attach to the JVM it runs in: attached, it could load an agent that
        // rewrites the worker's classes and forges results
        Path submission = solutionsWithABumpAllocatorThatRefusesWhen(temp, "attacher", "Attach.works()");
        KitSubmissions.write(submission, MAIN + "bump/Attach.java", """
                package dev.alloclab.exercises.bump;
                final class Attach {
                    private static Boolean works;
                    static synchronized boolean works() {
                        if (works == null) {
                            try {
                                String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
                                Process p = new ProcessBuilder(jcmd, String.valueOf(ProcessHandle.current().pid()), "VM.version")
                                        .redirectErrorStream(true).start();
                                p.getInputStream().readAllBytes();
                                works = p.waitFor() == 0;
                            } catch (Exception e) {
                                works = false;
                            }
                        }
                        return works;
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "bump"));
        // THEN jcmd could not attach: full hidden points, and the process it started is listed for review
        assertFullHiddenPoints(report, "bump");
        assertThat(grade(report, "bump").feedback()).anyMatch(f -> f.startsWith("review: Attach.java:")
                && f.endsWith("(starting processes)"));
    }

    /**
     * A correct segregated-fits allocator with no headers at all: block sizes in a HashMap, free blocks in Java deques
     * by size (Malloc Lab's rule puts bookkeeping in the heap, where it counts against utilization).
     */
    private static final String HEADERLESS_ALLOCATOR = """
                package dev.alloclab.exercises.segregated;

                import dev.alloclab.core.alloc.AllocationRequests;
                import dev.alloclab.core.alloc.Allocator;
                import dev.alloclab.core.memory.HeapBytes;
                import java.util.ArrayDeque;
                import java.util.Deque;
                import java.util.HashMap;
                import java.util.Map;

                public final class SegregatedFitsAllocator implements Allocator {
                    private final HeapBytes heap;
                    private final Map<Integer, Integer> sizes = new HashMap<>();
                    private final Map<Integer, Deque<Integer>> free = new HashMap<>();

                    public SegregatedFitsAllocator(HeapBytes heap) { this.heap = heap; }
                    @Override public HeapBytes heap() { return heap; }
                    @Override public int alloc(int size) {
                        AllocationRequests.checkSize("alloc", size);
                        if (size == 0) { return NULL; }
                        int rounded = (size + 7) & ~7;
                        Deque<Integer> list = free.get(rounded);
                        int p;
                        if (list != null && !list.isEmpty()) { p = list.pop(); }
                        else { p = heap.sbrk(rounded); if (p == HeapBytes.NO_MEMORY) { return NULL; } }
                        sizes.put(p, rounded);
                        return p;
                    }
                    @Override public void dealloc(int index) {
                        Integer size = sizes.remove(index);
                        if (size != null) { free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(index); }
                    }
                    @Override public int usableSize(int index) { return sizes.get(index); }
                    @Override public int realloc(int index, int size) {
                        if (index == NULL) { return alloc(size); }
                        if (size == 0) { dealloc(index); return NULL; }
                        int old = sizes.get(index);
                        int rounded = (size + 7) & ~7;
                        if (rounded <= old) { return index; }
                        if (index + old == heap.size()) {
                            if (heap.sbrk(rounded - old) == HeapBytes.NO_MEMORY) { return NULL; }
                            sizes.put(index, rounded);
                            return index;
                        }
                        int moved = alloc(size);
                        if (moved == NULL) { return NULL; }
                        heap.copy(index, moved, old);
                        dealloc(index);
                        return moved;
                    }
                }
                """;

    @Test
    void an_allocator_that_keeps_its_bookkeeping_in_java_maps_fails_the_heap_rule_and_earns_no_performance() {
        // GIVEN a segregated-fits allocator with no headers at all: block sizes in a HashMap, free blocks in Java
        // lists by size (Malloc Lab's rule puts bookkeeping in the heap, where it counts against utilization)
        Path submission = KitSubmissions.copyOfSolutions(temp, "offheap");
        KitSubmissions.write(submission, MAIN + "segregated/SegregatedFitsAllocator.java", HEADERLESS_ALLOCATOR);
        KitSubmissions.write(submission, TEST + "segregated/SegregatedFitsAllocatorStudentTest.java", """
                package dev.alloclab.exercises.segregated;
                class SegregatedFitsAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void allocates() {
                        org.junit.jupiter.api.Assertions.assertEquals(0,
                                new SegregatedFitsAllocator(dev.alloclab.core.memory.HeapBytes.withMax(64)).alloc(8));
                    }
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "segregated-fits"));
        // THEN the heap rule's hidden test fails with a sentence that says what and why (the contract tests pass:
        // the allocator is correct, only its bookkeeping is in the wrong place), and performance earns nothing
        ExerciseGrade segregated = grade(report, "segregated-fits");
        PartGrade hidden = part(segregated, "hidden");
        String failures = String.join("\n", hidden.details());
        assertThat(failures).contains("failed: SegregatedHiddenTest > bookkeeping_lives_in_the_heap(List) — ",
                "bytes of Java objects outside its heap (the limit is 16384)")
                .doesNotContain("basic_contract", "realloc_keeps_every_byte", "a_random_workout");
        assertThat(part(segregated, "performance").score()).isZero();
    }

    @Test
    void an_allocator_that_keeps_its_bookkeeping_in_static_maps_of_another_class_fails_the_heap_rule() {
        // GIVEN the headerless allocator with its maps moved into static fields of a class of its own: the hidden suite
        // finds that class only by the names the grader sends (the grading JVM defines the student's classes from
        // bytes, so there is no class folder to walk)
        Path submission = KitSubmissions.copyOfSolutions(temp, "static-books");
        KitSubmissions.write(submission, MAIN + "segregated/SegregatedFitsAllocator.java", HEADERLESS_ALLOCATOR
                .replace("    private final Map<Integer, Integer> sizes = new HashMap<>();\n", "")
                .replace("    private final Map<Integer, Deque<Integer>> free = new HashMap<>();\n", "")
                .replace("sizes.", "Books.SIZES.").replace("free.", "Books.FREE."));
        KitSubmissions.write(submission, MAIN + "segregated/Books.java", """
                package dev.alloclab.exercises.segregated;
                final class Books {
                    static final java.util.Map<Integer, Integer> SIZES = new java.util.HashMap<>();
                    static final java.util.Map<Integer, java.util.Deque<Integer>> FREE = new java.util.HashMap<>();
                }
                """);
        // WHEN it is graded
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(TIMEOUT, "segregated-fits"));
        // THEN the heap rule's hidden test fails: the static maps were found
        ExerciseGrade segregated = grade(report, "segregated-fits");
        assertThat(String.join("\n", part(segregated, "hidden").details())).as("%s", segregated.feedback())
                .contains("failed: SegregatedHiddenTest > bookkeeping_lives_in_the_heap(List) — ",
                        "bytes of Java objects outside its heap");
        assertThat(part(segregated, "performance").score()).isZero();
    }

    @Test
    void an_allocator_that_looks_at_the_call_stack_earns_no_performance_points() {
        // GIVEN correct solutions whose segregated-fits allocator asks the call stack whether the validator is
        // calling it: the validated runs go through AllocatorValidator, the timed ones do not, so such an allocator
        // could be honest while checked and fast and wrong while timed
        Path submission = KitSubmissions.copyOfSolutions(temp, "walker");
        KitSubmissions.patch(submission, "segregated/SegregatedFitsAllocator.java", "public int alloc(int size) {",
                "public int alloc(int size) { if (Timed.now()) { size = size + 0; }");
        KitSubmissions.write(submission, MAIN + "segregated/Timed.java", """
                package dev.alloclab.exercises.segregated;
                final class Timed {
                    static boolean now() {
                        return StackWalker.getInstance().walk(frames -> frames.noneMatch(
                                f -> f.getClassName().endsWith("AllocatorValidator")));
                    }
                }
                """);
        // WHEN it is graded (a stack walk per alloc makes its hidden suite slow: a limit with room on a busy machine,
        // since the first exercise's limit starts at its first phase and this one is alone)
        GradeReport report = Grader.grade(submission, KitSubmissions.rubricFor(4 * TIMEOUT, "segregated-fits"));
        // THEN every hidden test passes, and the performance part is withheld with a sentence naming the place
        ExerciseGrade segregated = grade(report, "segregated-fits");
        assertFullHiddenPoints(report, "segregated-fits");
        PartGrade performance = part(segregated, "performance");
        assertThat(performance.score()).as("%s", segregated.feedback()).isZero();
        assertThat(performance.summary()).startsWith("withheld: your allocator's code uses stack inspection")
                .endsWith("(Timed.java:4)");
    }

    @Test
    void an_archive_is_refused_with_a_sentence() throws IOException {
        // GIVEN a zip instead of a folder (entries could be ../x or /x)
        Path zip = Files.write(temp.resolve("ada.zip"), new byte[] {'P', 'K', 3, 4});
        // WHEN / THEN it is refused before anything is unpacked
        assertThatThrownBy(() -> Submission.open(zip)).isInstanceOf(GradingException.class)
                .hasMessageContaining("is an archive").hasMessageContaining("never unpacks archives")
                .hasMessageContaining("pass the folder");
        // AND a plain file is called a file, with no word about archives
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not a submission");
        assertThatThrownBy(() -> Submission.open(notes)).hasMessageContaining("is a file, not a folder")
                .hasMessageNotContaining("archive");
    }

    /**
     * The solutions, with a bump allocator that answers NULL to every request while {@code condition} (a call to a
     * helper class the test writes next to it) is true: correct code that keeps full marks only if the grader
     * keeps the condition false.
     */
    private static Path solutionsWithABumpAllocatorThatRefusesWhen(Path temp, String name, String condition) {
        Path submission = KitSubmissions.copyOfSolutions(temp, name);
        KitSubmissions.patch(submission, "bump/BumpAllocator.java", "AllocationRequests.checkSize(\"alloc\", size);",
                "AllocationRequests.checkSize(\"alloc\", size); if (" + condition + ") { return NULL; }");
        return submission;
    }

    /** A class in src/main/java with the bump hidden suite's name and test names, whose tests pass by doing nothing. */
    private static void writeDoNothingBumpSuite(Path submission) {
        KitSubmissions.write(submission, "src/main/java/dev/alloclab/hidden/bump/BumpHiddenTest.java", """
                package dev.alloclab.hidden.bump;
                public class BumpHiddenTest {
                    @org.junit.jupiter.api.Test void dealloc_frees_nothing_and_reset_frees_everything() { }
                    @org.junit.jupiter.api.Test void random_workout_keeps_payloads_aligned_inside_and_intact() { }
                    @org.junit.jupiter.api.Test void zero_negative_and_too_large_requests() { }
                    @org.junit.jupiter.api.Test void blocks_are_carved_end_to_end_behind_an_8_byte_header() { }
                }
                """);
    }

    private static void assertStopped(GradeReport report, String id, String... phrases) {
        ExerciseGrade g = grade(report, id);
        assertThat(g.status()).as("%s: %s", id, g.feedback()).isEqualTo(ExerciseGrade.STOPPED);
        assertThat(g.score()).isZero();
        assertThat(g.feedback().get(0)).as(id).contains(phrases);
    }

    private static void assertCompileError(GradeReport report, String id, String... phrases) {
        ExerciseGrade g = grade(report, id);
        assertThat(g.status()).as("%s: %s", id, g.feedback()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(String.join("\n", g.feedback())).as(id).contains(phrases);
    }

    /** Classes that compile but lack what the hidden suite calls: not a "compile error", as the sentence says. */
    private static void assertMissingApi(GradeReport report, String id, String... phrases) {
        ExerciseGrade g = grade(report, id);
        assertThat(g.status()).as("%s: %s", id, g.feedback()).isEqualTo(ExerciseGrade.MISSING_API);
        assertThat(String.join("\n", g.feedback())).as(id).contains(phrases).doesNotContain("hidden suite ");
    }

    private static void assertFullHiddenPoints(GradeReport report, String id) {
        ExerciseGrade g = grade(report, id);
        PartGrade hidden = part(g, "hidden");
        assertThat(hidden.score()).as("%s: %s %s", id, hidden.details(), g.feedback()).isEqualTo(hidden.maxScore());
    }
}
