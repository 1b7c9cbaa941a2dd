package dev.alloclab.cli;

import dev.alloclab.core.examples.DeallocStrategy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alloclab demo}: the worked example with every dealloc strategy. */
@Command(name = "demo", header = "The worked example from the text, with every dealloc strategy, "
        + "heap pictures and the checked heap's reports.",
        description = {"Plays getYears / findHighestYear / \"All done!\" four times: deallocating at the end, "
                + "right after the last use, too early and twice. Each runs on a plain heap (mistakes corrupt "
                + "silently) and then on the checked heap (mistakes are stopped and reported).",
            "Exits 0: the mistakes it shows are the lesson, not a failure."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("alloclab demo: when to dealloc, and what goes wrong when it is not then");
        out.println();
        WorkedExamplePresenter presenter = new WorkedExamplePresenter(out);
        presenter.printProgram();
        for (DeallocStrategy strategy : DeallocStrategy.values()) {
            presenter.present(strategy, true, true);
        }
        out.println("One strategy at a time: ./alloclab example years --strategy NAME [--checked]");
        out.println("Read more: docs/03-when-to-dealloc.md and docs/mistakes.md");
        out.flush();
        return ExitCodes.OK;
    }
}
