package dev.alloclab.cli;

import dev.alloclab.companion.HintBook;
import dev.alloclab.companion.HintState;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloclab hint EXERCISE [--next]}: the exercise's hints, one more each time you ask. */
@Command(name = "hint", header = "Reveal an exercise's hints one at a time.",
        description = {"Shows the hints seen so far (the first one if none yet); --next reveals one more.",
            "Hints come from the exercise's page (docs/exercises/EXERCISE.md); how many you have seen is kept "
                    + "in .alloclab/hints.json (ignored by git)."})
final class HintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXERCISE", description = "an exercise id or its package name, e.g. bump or implicit-list (or implicitlist)")
    String exerciseId;

    @Option(names = "--next", description = "reveal the next hint")
    boolean next;

    @Option(names = "--reset", description = "forget the hints seen for this exercise")
    boolean reset;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    @Override
    public Integer call() {
        Exercise exercise = Curriculum.named(exerciseId);
        LearnerProject learner = LearnerProject.locate(project);
        PrintWriter out = spec.commandLine().getOut();
        HintState state = HintState.of(learner);
        if (reset) {
            state.setShown(exercise.id(), 0);
            out.println("Hints of " + exercise.id() + " hidden again.");
            out.flush();
            return ExitCodes.OK;
        }
        List<String> hints = HintBook.of(learner, exercise);
        int seen = Math.min(state.shown(exercise.id()), hints.size());
        int show = seen == 0 ? 1 : next ? Math.min(seen + 1, hints.size()) : seen;
        boolean nothingNew = next && seen == hints.size();
        out.println("Hints for " + exercise.order() + ". " + exercise.id() + " (" + exercise.title() + "):");
        for (int i = 0; i < show; i++) {
            out.println("  " + (i + 1) + ". " + hints.get(i) + (i >= seen ? "   (new)" : ""));
        }
        if (nothingNew) {
            out.println("That was the last hint. The page " + exercise.docsPage()
                    + " has the contract, a picture and 'check yourself' questions.");
        } else if (show < hints.size()) {
            out.println((hints.size() - show) + " more: ./alloclab hint " + exercise.id() + " --next");
        } else {
            out.println("That is every hint (" + hints.size() + " of " + hints.size() + ").");
        }
        out.flush();
        try {
            state.setShown(exercise.id(), show);
            state.savedElsewhere().ifPresent(spare -> {
                // a read-only copy of the work (the kit installed for a lab): said once, when the spare is made
                PrintWriter err = spec.commandLine().getErr();
                err.println("hint: note: this folder cannot be written, so the hints you have seen are counted in "
                        + spare + " instead.");
                err.flush();
            });
        } catch (UncheckedIOException notSaved) {
            // the hints were shown; only the count is lost, so this is a note, not a failure
            PrintWriter err = spec.commandLine().getErr();
            err.println("hint: note: " + notSaved.getMessage() + ". The hints above were shown, but the next './alloclab hint "
                    + exercise.id() + "' will not know it (work in a copy you can write to keep the count).");
            err.flush();
        }
        return ExitCodes.OK;
    }
}
