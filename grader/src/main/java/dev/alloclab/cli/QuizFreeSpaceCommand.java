package dev.alloclab.cli;

import dev.alloclab.companion.quiz.FreeSpaceOps;
import dev.alloclab.companion.quiz.FreeSpaceQuestions;
import dev.alloclab.companion.quiz.FreeSpaceQuiz;
import dev.alloclab.companion.quiz.QuizSession;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeListConfig;
import dev.alloclab.core.alloc.sim.ListOrder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab quiz freespace}: OSTEP's free-space homework with the kit's simulator as the
 * answer key. The short options are OSTEP's ({@code -p BEST -l ADDRSORT -C -H 4 -a 4 -A +10,-0 -c}).
 */
@Command(name = "freespace", header = "Predict the address each alloc returns and the free list after each call (OSTEP's free-space homework).",
        description = {"Without --answers: prints each operation and asks for the returned address and the free list.",
            "With --answers: prints them; with --answers --format json: a JSON array, one object per operation, "
                    + "with op, returned (address or -1; 0 or -1 for a free) and freeList ([address, size] pairs).",
            "Rules: docs/quizzes.md."})
final class QuizFreeSpaceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    QuizCommand quiz;

    @Option(names = {"--policy", "-p"}, paramLabel = "POLICY", defaultValue = "best",
            description = "best, worst or first (also next, the kit's extra); default ${DEFAULT-VALUE}")
    String policy;

    @Option(names = {"--order", "-l"}, paramLabel = "ORDER", defaultValue = "address",
            description = "address, size-ascending, size-descending, insert-front, insert-back "
                    + "(or OSTEP's ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK); default ${DEFAULT-VALUE}")
    String order;

    @Option(names = {"--coalesce", "-C"}, description = "merge list neighbours that touch after each free")
    boolean coalesce;

    @Option(names = {"--header", "-H"}, paramLabel = "BYTES", defaultValue = "0",
            description = "header bytes counted inside each chunk; default ${DEFAULT-VALUE}")
    int header;

    @Option(names = {"--align", "-a"}, paramLabel = "BYTES", defaultValue = "1",
            description = "round requests up to a multiple of this (1 or -1: no alignment); default ${DEFAULT-VALUE}")
    int align;

    @Option(names = {"--base", "-b"}, paramLabel = "ADDRESS", defaultValue = "1000",
            description = "address of the heap's first byte; default ${DEFAULT-VALUE}")
    int base;

    @Option(names = {"--size", "-S"}, paramLabel = "BYTES", defaultValue = "100",
            description = "heap size; default ${DEFAULT-VALUE}")
    int size;

    @ArgGroup(exclusive = true)
    Operations operations;

    static final class Operations {
        @Option(names = {"--ops", "-A"}, paramLabel = "LIST", required = true,
                description = "operations: +N allocates N bytes, -K frees the K-th allocation (from 0), e.g. +10,+20,-0,+5")
        String ops;

        @Option(names = {"--random", "-n"}, paramLabel = "N", required = true,
                description = "N random operations instead (default: 10)")
        Integer random;
    }

    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "seed of --random; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = {"--answers", "-c"}, description = "print the answers instead of asking")
    boolean answers;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "with --answers: text or json; default ${DEFAULT-VALUE}")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format " + format + " is not a format. Use text or json.");
        }
        if (format.equals("json") && !answers) {
            throw new IllegalArgumentException("--format json prints the answer key; add --answers "
                    + "(a quiz you answer is always text).");
        }
        if (align == 0 || align < -1) {
            throw new IllegalArgumentException("--align " + align + " is not an alignment. Use a whole number >= 1 "
                    + "(requests are rounded up to a multiple of it), or 1 or -1 for no alignment, as OSTEP's "
                    + "malloc.py writes it.");
        }
        FreeListConfig config = FreeListConfig.builder().policy(FitPolicy.parse(policy)).order(ListOrder.parse(order))
                .coalescing(coalesce).headerSize(header).alignment(align == -1 ? 1 : align).base(base).size(size)
                .build();
        var ops = operations != null && operations.ops != null ? FreeSpaceOps.parse(operations.ops)
                : FreeSpaceOps.random(operations == null ? 10 : operations.random, seed);
        FreeSpaceQuiz freeSpace = FreeSpaceQuiz.play(config, ops);
        PrintWriter out = spec.commandLine().getOut();
        if (answers) {
            out.print(format.equals("json") ? freeSpace.json() : freeSpace.answers());
            out.flush();
            return ExitCodes.OK;
        }
        boolean allRight = new FreeSpaceQuestions(freeSpace).run(new QuizSession(quiz.input(), out));
        return allRight ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
