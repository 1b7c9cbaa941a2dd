package dev.alloclab.cli;

import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceGenerator;
import dev.alloclab.core.trace.TraceSuite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alloclab traces generate|list}: the kit's own trace suite. */
@Command(name = "traces", header = "The kit's trace suite: list it, or write it to a folder.",
        description = "The bundled .rep traces: 11 performance traces and 4 teaching traces (docs/traces.md).",
        subcommands = {TracesCommand.Generate.class, TracesCommand.ListTraces.class})
final class TracesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to run: say what to choose, show the choices, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.name() + ": choose what to do with the suite: list, or generate --out DIR.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** {@code alloclab traces generate --out DIR}. */
    @Command(name = "generate", header = "Write the kit's trace suite (exactly the bundled files) to a folder.",
            description = "Performance traces go to DIR/NAME.rep, teaching traces to DIR/teaching/NAME.rep. "
                    + "The generator is seeded: every run writes the same bytes. --variant N writes the same "
                    + "patterns drawn anew (also reproducible), e.g. a course's own traces for the rubric.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write to")
        Path out;

        @Option(names = "--variant", paramLabel = "N", defaultValue = "0",
                description = "another draw of the same patterns, for grading on traces students have not seen "
                        + "(0, the default: the bundled suite; any other number: its own reproducible variant)")
        long variant;

        @Option(names = "--replace", description = "overwrite files of the same names that hold something else "
                + "(without it, such files are left alone and nothing is written)")
        boolean replace;

        @Override
        public Integer call() {
            if (out.toString().isBlank()) {
                // an empty path would mean "here": fifteen files dropped into whatever folder the user stands in
                throw new dev.alloclab.core.KitException("--out needs the folder to write the suite to, but was empty. "
                        + "Name a folder, e.g. --out traces (use --out . to write into the current folder).");
            }
            List<Path> files = TraceGenerator.writeSuite(out, variant, replace);
            PrintWriter writer = spec.commandLine().getOut();
            writer.printf("wrote %d traces to %s%s%n", files.size(), out,
                    variant == 0 ? "" : " (variant " + variant + " of the suite; the teaching traces are the bundled ones)");
            writer.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code alloclab traces list}. */
    @Command(name = "list", header = "List the bundled traces (names to pass to replay and bench).",
            description = "One line per trace: its name, operations, block ids and peak live bytes.")
    static final class ListTraces implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Performance traces (Malloc Lab style; docs/traces.md says what each stresses):");
            for (String name : TraceSuite.performanceNames()) {
                Trace trace = Trace.bundled(name);
                out.printf("  %-20s %6d ops  %4d ids  peak live %d bytes%n", name, trace.size(),
                        trace.header().idCount(), trace.header().first());
            }
            out.println("Teaching traces (replay with --check):");
            for (String name : TraceSuite.teachingNames()) {
                out.printf("  %s%n", name);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
