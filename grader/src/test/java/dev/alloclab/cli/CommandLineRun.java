package dev.alloclab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the alloclab command line in-process and keeps what it printed, for tests. */
record CommandLineRun(int exitCode, String out, String err) {
    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlloclabCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandLineRun(exit, out.toString(), err.toString());
    }

    /**
     * Runs one command object the test has set up (a {@code grade-all} with a fake grading, say) with the kit's error
     * handler, as the launcher would run it.
     */
    static CommandLineRun ofCommand(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new picocli.CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(new KitErrors()).execute(args);
        return new CommandLineRun(exit, out.toString(), err.toString());
    }
}
