package dev.alloclab.cli;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process with {@code input} as standard input of the quizzes, for tests. */
final class ScriptedRun {
    private ScriptedRun() {
    }

    static CommandLineRun of(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AlloclabCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        QuizCommand quiz = commandLine.getSubcommands().get("quiz").getCommand();
        quiz.useInput(new StringReader(input));
        int exit = commandLine.execute(args);
        return new CommandLineRun(exit, out.toString(), err.toString());
    }
}
