package dev.alloclab.companion;

import dev.alloclab.companion.review.CodeReview;
import dev.alloclab.companion.review.ReviewFlag;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one exercise on its own ({@code alloclab check EXERCISE}): compiles only what it needs
 * ({@link ExerciseSources}: the shared code, its main code, its visible tests), runs its visible tests in process
 * and applies the pass rule ({@link CheckResult}), with the grader's own review of the main code ({@link CodeReview}),
 * so that an answer that calls the kit's allocators fails here as it earns nothing there. Another exercise's compile
 * error cannot reach it, which is why GitHub Classroom runs one check per exercise instead of one Maven build for all;
 * nor can its classes, and a use of them is told as that rule ({@link SiblingPackages}), as the grader tells it.
 *
 * <p>Everything is written under a fresh folder {@code target/alloclab-check/<id>-<random>/} (an
 * {@link ExerciseWorkspace}), deleted afterwards.
 */
public final class ExerciseCheck {
    /** The folder (under the exercises project) the checks' own folders are made in. */
    public static final String WORK_FOLDER = "target/alloclab-check";

    private final LearnerProject project;
    private final Duration limit;

    public ExerciseCheck(LearnerProject project) {
        this(project, TimedTestRun.DEFAULT_LIMIT);
    }

    /** A check whose tests each get {@code limit} ({@link TimedTestRun}). */
    public ExerciseCheck(LearnerProject project, Duration limit) {
        this.project = project;
        InProcessTests.setBaseDir(project);
        this.limit = limit;
    }

    /** Compiles and runs the visible tests of {@code exercise}. */
    public CheckResult run(Exercise exercise) {
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        List<String> misplaced = misplaced(sources.sharedMain(), exercise);
        if (!misplaced.isEmpty()) {
            return CheckResult.didNotCompile(exercise, misplaced);
        }
        try (ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, WORK_FOLDER)) {
            List<String> notes = new ArrayList<>();
            Path copies = work.starterCopies();
            List<Path> visibleTests = VisibleTestCopies.forCheck(project, sources.visibleTests(), copies, notes);
            List<String> errors = work.compile(ExerciseWorkspace.concat(sources.sharedMain(), sources.main()),
                    ExerciseWorkspace.concat(sources.sharedTests(), visibleTests));
            if (!errors.isEmpty()) {
                // "package dev.alloclab.exercises.implicitlist does not exist" is the rule of one exercise at a time
                return CheckResult.didNotCompile(exercise,
                        SiblingPackages.explain(VisibleTestCopies.readable(project, copies, errors))).withNotes(notes);
            }
            TestRunResult run = InProcessTests.launch(work.classpath(), work.testClasses(), List.of(exercise),
                    work.jqwikDatabase(), limit, false);
            List<String> reviewNotes = new ArrayList<>();
            List<ReviewFlag> review = review(work, exercise, reviewNotes);
            notes.addAll(0, reviewNotes);
            return CheckResult.ran(exercise, run).withReview(review).withNotes(notes);
        }
    }

    /**
     * A sentence for each main source outside the exercise's folder that declares the exercise's package (saved one
     * folder too high, or in {@code Bump/} where the folder is {@code bump/}): {@code mvn test} and this check compile
     * it all the same, but the grader takes an exercise's classes from its folder only and gives the exercise 0 (QA
     * windows27 H2: PASS here, 0 in the grade).
     */
    private List<String> misplaced(List<Path> sharedMain, Exercise exercise) {
        List<String> sentences = new ArrayList<>();
        String folder = "src/main/java/" + exercise.javaPackage().replace('.', '/') + "/";
        for (Path file : sharedMain) {
            java.util.Optional<String> declared;
            try {
                declared = PackageDeclaration.of(new String(java.nio.file.Files.readAllBytes(file),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                continue;
            }
            if (declared.filter(exercise.javaPackage()::equals).isPresent()) {
                String shown = project.exercises().relativize(file).toString().replace('\\', '/');
                sentences.add(shown + " declares package " + exercise.javaPackage() + " but is not in " + folder
                        + ": mvn test accepts that, the grader does not (it takes " + exercise.id() + "'s classes from "
                        + "that folder only, spelled exactly so) and would give " + exercise.id() + " 0. Move the file "
                        + "into " + folder + ".");
            }
        }
        return sentences;
    }

    /**
     * What the grader's review flags in the main classes, as the grader scans them ({@link CodeReview#scanMain}):
     * the exercise's own and the shared classes they reach ({@link SharedMainCode}). A shared class that calls the
     * kit's answer and that this exercise does not reach costs it nothing, as in the grader, and gets a line in
     * {@code notes}. The tests are not scanned: a flag there costs only coverage points, which a check does not
     * score, and the companion jar has no copy of the starter's test support to trust.
     */
    private static List<ReviewFlag> review(ExerciseWorkspace work, Exercise exercise, List<String> notes) {
        Map<String, byte[]> main = ClassFiles.under(work.mainClasses());
        Set<String> own = new HashSet<>(main.keySet());
        own.addAll(ClassFiles.under(work.testClasses()).keySet());
        SharedMainCode.Split split = SharedMainCode.Split.of(main, exercise);
        SharedMainCode shared = SharedMainCode.of(split.shared(), own, Set.of());
        Set<String> reached = shared.reachedBy(split.exercise().values());
        notes.addAll(shared.unusedNotes(reached, exercise.id()));
        List<ReviewFlag> flags = new ArrayList<>(CodeReview.scanMain(split.exercise().values(), own, Set.of()));
        flags.addAll(shared.mainFlags(reached));
        return flags;
    }
}
