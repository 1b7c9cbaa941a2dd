package dev.alloclab.cli;

import dev.alloclab.export.GradescopeExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloclab export-gradescope FILE.zip}: the autograder package to upload to Gradescope. */
@Command(name = "export-gradescope", header = "Write a Gradescope autograder zip (setup.sh, run_autograder, the kit).",
        description = {"Upload FILE.zip under Configure Autograder. Each submission is graded with",
            "'alloclab grade --format gradescope' into /autograder/results/results.json."})
final class ExportGradescopeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.zip", description = "the zip to write; it must not exist yet (an export never overwrites a file)")
    Path zip;

    @Option(names = "--rubric", paramLabel = "FILE", description = "grade with this rubric (exercises and points) instead of the default")
    Path rubric;

    @Override
    public Integer call() {
        GradescopeExporter.Result result = GradescopeExporter.export(zip, rubric);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote the Gradescope autograder to %s (%d kit jar%s%s)%n", result.zip(), result.jars(),
                result.jars() == 1 ? "" : "s", result.withRubric() ? ", your rubric" : ", the default rubric");
        out.println("next: upload it under Configure Autograder (base image: Ubuntu); see docs/instructors.md");
        out.flush();
        return ExitCodes.OK;
    }
}
