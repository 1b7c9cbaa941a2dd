package dev.alloclab.cli;

import dev.alloclab.core.KitException;
import dev.alloclab.core.examples.DeallocStrategy;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alloclab example years --strategy NAME [--checked]}: one strategy of the worked example. */
@Command(name = "example", header = "Run the worked example with one dealloc strategy.",
        description = {"EXAMPLE is 'years' (getYears / findHighestYear / \"All done!\").",
            "Without --checked it runs on a plain heap; with --checked on the checked heap. It exits 1 when a "
                    + "heap stopped the program for a memory error (the checked heap catching a mistake, or the "
                    + "plain heap refusing twice's corrupted dealloc)."})
final class ExampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXAMPLE", description = "the example to run: years")
    String example;

    @Option(names = "--strategy", required = true, paramLabel = "NAME", converter = StrategyConverter.class,
            description = "at-end, after-last-use, too-early or twice")
    DeallocStrategy strategy;

    @Option(names = "--checked", description = "run on the checked heap instead of a plain heap")
    boolean checked;

    @Override
    public Integer call() {
        if (!"years".equals(example)) {
            throw new IllegalArgumentException("there is no example '" + example
                    + "'. The kit has one worked example: 'years' (./alloclab example years --strategy at-end).");
        }
        WorkedExamplePresenter presenter = new WorkedExamplePresenter(spec.commandLine().getOut());
        boolean clean = presenter.present(strategy, !checked, checked);
        return clean ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Turns {@code too-early} into {@link DeallocStrategy#TOO_EARLY}, with a sentence for a bad name. */
    static final class StrategyConverter implements ITypeConverter<DeallocStrategy> {
        @Override
        public DeallocStrategy convert(String value) {
            try {
                return DeallocStrategy.fromCliName(value);
            } catch (KitException badName) {
                // picocli prints a TypeConversionException's message as it is; any other exception it wraps in its class name
                throw new CommandLine.TypeConversionException(badName.getMessage());
            }
        }
    }
}
