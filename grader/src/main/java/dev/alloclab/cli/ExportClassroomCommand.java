package dev.alloclab.cli;

import dev.alloclab.export.ClassroomExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloclab export-classroom DIR}: GitHub Classroom autograding for a starter written by export-starter. */
@Command(name = "export-classroom", header = "Add GitHub Classroom autograding (workflow and autograding.json) to a starter.",
        description = {"DIR is a starter written by 'alloclab export-starter'. Every push then runs the",
            "visible tests of each exercise, and the Classroom dashboard shows the points."})
final class ExportClassroomCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the starter folder")
    Path dir;

    @Option(names = "--rubric", paramLabel = "FILE", description = "the exercises and points (default: the grader's rubric)")
    Path rubric;

    @Override
    public Integer call() {
        ClassroomExporter.Result result = ClassroomExporter.export(dir, rubric);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("added GitHub Classroom autograding to %s: %s, %s%n", result.folder(),
                Words.plural(result.steps().size(), "exercise"), Words.plural(result.totalPoints(), "point"));
        result.notes().forEach(note -> out.println("note: " + note));
        out.println("next: push the folder as the assignment's template repository; see docs/instructors.md");
        out.flush();
        return ExitCodes.OK;
    }
}
