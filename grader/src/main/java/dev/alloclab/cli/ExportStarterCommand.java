package dev.alloclab.cli;

import dev.alloclab.core.KitException;
import dev.alloclab.core.ShellWord;
import dev.alloclab.export.StarterDrift;
import dev.alloclab.export.StarterExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloclab export-starter DIR}: writes the repository students get (see docs/instructors.md). */
@Command(name = "export-starter", header = "Write the student starter: a standalone Maven project with stubs, visible tests and docs.",
        description = {"DIR must not exist or be empty. The starter holds no solutions and no hidden tests; "
                + "alloclab's core is bundled in DIR/lib/repo, so it builds offline after the first download."})
final class ExportStarterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the folder to write (created)")
    Path dir;

    @Option(names = "--submit", paramLabel = "TEXT",
            description = "the README's \"To submit\" sentence (default: push for Classroom, or zip for Gradescope)")
    String submit;

    @Override
    public Integer call() {
        String absolute = dir.toAbsolutePath().normalize().toString();
        if (java.io.File.pathSeparatorChar == ':' && absolute.indexOf(':') >= 0) {
            // Java splits class paths at ':', so neither mvn test nor the starter's launcher could run anything there
            throw new KitException("the starter's folder '" + absolute + "' has a ':' in its path, and Java cannot "
                    + "run code from such a folder (it splits class paths at ':'): mvn test and the starter's ./alloclab "
                    + "would fail there. Choose a folder whose path has no ':'.");
        }
        StarterExporter.Result result = StarterExporter.export(dir, submit);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote the student starter to %s (%d files, alloclab-core %s in lib/repo)%n",
                result.folder(), result.files(), result.coreVersion());
        out.printf("next: cd %s && mvn test   (every exercise shows as \"not started\")%n", ShellWord.of(result.folder().toString()));
        String home = System.getProperty("alloclab.home");
        if (home != null) {
            List<String> drift = StarterDrift.ofBuiltStarter(Path.of(home));
            if (!drift.isEmpty()) {
                out.printf("note: %s of this kit %s from the starter it was built with, so the starter has the built "
                        + "copies: %s%s.%n  Answers worked out in the kit stay out of the starter, as they should. If "
                        + "these are your course's changes, export again into an empty folder after a rebuild: "
                        + "ALLOCLAB_REBUILD=1 ./alloclab export-starter DIR%n", Words.plural(drift.size(), "file"),
                        drift.size() == 1 ? "differs" : "differ", String.join(", ", drift.subList(0, Math.min(5,
                                drift.size()))), drift.size() > 5 ? " and " + (drift.size() - 5) + " more" : "");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
