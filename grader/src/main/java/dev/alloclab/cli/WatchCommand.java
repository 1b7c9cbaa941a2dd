package dev.alloclab.cli;

import dev.alloclab.companion.Course;
import dev.alloclab.companion.DirectoryChanges;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.companion.WatchLoop;
import dev.alloclab.core.KitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alloclab watch}: re-run the current exercise's visible tests whenever a source file changes. */
@Command(name = "watch", header = "Re-run the current exercise's tests on every save, and move on when it is done.",
        description = {"Watches src/ of your exercises; after a save (debounced) it compiles and runs the current "
                + "exercise's visible tests in-process, prints the result and a progress line, and moves to the "
                + "next exercise when one is done. Ctrl-C leaves."})
final class WatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    @Option(names = "--quiet-ms", paramLabel = "MS", defaultValue = "300",
            description = "wait this long after the last change before running; default ${DEFAULT-VALUE}")
    long quietMillis;

    @Mixin
    TimeLimitOption timeLimit;

    /** Set by {@link WatchSupervisor}: this JVM runs the loop, and exits to be started again when it must. */
    @Option(names = WatchSupervisor.SUPERVISED, hidden = true)
    boolean supervised;

    /** Set by {@link WatchSupervisor} when it starts the loop again: wait for a save first. */
    @Option(names = WatchSupervisor.RESUME, hidden = true)
    boolean resume;

    @Override
    public Integer call() throws InterruptedException {
        LearnerProject learner = LearnerProject.locate(project);
        if (!InProcessTests.available()) {
            throw new KitException("watch compiles your code in-process, but this Java has no compiler. "
                    + "Install a JDK (not only a JRE), or run 'mvn test' by hand after each change.");
        }
        if (!supervised) {
            Optional<Integer> exit = WatchSupervisor.supervise(spec.root().userObject().getClass().getName(),
                    loopArguments());
            if (exit.isPresent()) {
                return exit.get();
            }
        }
        TimeLimitOption.Limit chosen = timeLimit.limit(learner.root());
        chosen.note().ifPresent(spec.commandLine().getOut()::println);
        Duration limit = chosen.duration();
        try (DirectoryChanges changes = DirectoryChanges.watch(learner.sources(), Duration.ofMillis(quietMillis))) {
            Thread leave = new Thread(changes::close, "alloclab-watch-stop");
            Runtime.getRuntime().addShutdownHook(leave);
            WatchLoop loop = new WatchLoop(new InProcessTests(learner, limit), changes, spec.commandLine().getOut(),
                    Course.of(learner.root()), supervised, resume);
            loop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(leave);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
            return loop.restartRequested() ? ExitCodes.RESTART_WATCH : ExitCodes.OK;
        }
    }

    /** This command's options, as the supervised loop's JVM gets them (the folder made absolute). */
    List<String> loopArguments() {
        List<String> arguments = new ArrayList<>(List.of("--project", project.toAbsolutePath().toString(),
                "--quiet-ms", Long.toString(quietMillis)));
        if (timeLimit.timeoutSeconds != null) {
            arguments.addAll(List.of("--timeout", timeLimit.timeoutSeconds.toString()));
        }
        return arguments;
    }
}
