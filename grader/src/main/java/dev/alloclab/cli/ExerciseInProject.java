package dev.alloclab.cli;

import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which exercise, and where the learner's project is: the first argument and {@code --project} of every companion
 * command that works on one exercise ({@code check}, {@code coverage}, {@code measure}). A picocli mixin, so they all
 * take them, and describe them, the same way.
 */
final class ExerciseInProject {
    @Parameters(index = "0", paramLabel = "EXERCISE",
            description = "an exercise id or its package name, e.g. bump or implicit-list (or implicitlist)")
    String exerciseName;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    /** The exercise named; an unknown name is bad input listing the ids and package names. */
    Exercise exercise() {
        return Curriculum.named(exerciseName);
    }

    /** The learner's project at {@code --project}. */
    LearnerProject learner() {
        return LearnerProject.locate(project);
    }
}
