package dev.alloclab.cli;

import dev.alloclab.core.alloc.AllocatorFactory;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alloclab list}: the registered allocators and the exercises of the curriculum. */
@Command(name = "list", header = "List the allocators (by registry name) and the exercises.",
        description = "Prints each registered allocator with what it does, then the exercises in order.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Allocators (use the name with --allocator):");
        for (AllocatorFactory factory : Allocators.all().values()) {
            out.printf("  %-14s %s%n", factory.name(), factory.description());
        }
        if (Allocators.all().isEmpty()) {
            out.println("  (none registered)");
        }
        out.println();
        out.println("Exercises, in order (instructions in docs/exercises/):");
        for (Exercise exercise : Curriculum.exercises()) {
            out.printf("  %d. %-16s %s%n", exercise.order(), exercise.id(), exercise.title());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
