package dev.alloclab.grader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One way to run an outside program (gcc, the C replayer, {@code id}, {@code kill}, {@code mvn}) and get its exit
 * code and output back, with a timeout that really fires.
 *
 * <p>Why a class of its own: the obvious code, {@code readAllBytes()} on the output and then
 * {@code waitFor(timeout)}, blocks in the read until the program closes its output, so a program that hangs
 * hangs the caller for ever and its timeout is never reached. Here the output goes to a file or to a thread that
 * drains it, the caller waits on the process with the timeout, and when the time is up the program's descendants
 * are killed first (so a shell's children do not keep running, or keep the output open), then the program.
 *
 * <pre>{@code
 * ProcessRun.Result gcc = ProcessRun.of(List.of("gcc", "-O2", "-o", exe, source)).timeout(Duration.ofMinutes(2)).run();
 * if (gcc.timedOut() || gcc.exit() != 0) { ... gcc.output() ... }
 * }</pre>
 *
 * <p>Standard input is closed (the program reads end-of-file) unless {@link #inheritIo()} is chosen; standard
 * error goes with standard output unless {@link #discardErrors()} is chosen. INTERNAL.
 */
public final class ProcessRun {
    /** How long the output of a program that ended (or was killed) may take to arrive from the draining thread. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);
    /** How long a killed program's descendants are waited for. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    /** Where the program's output goes. */
    private enum Output { CAPTURE, FILE, DISCARD, INHERIT }

    private final List<String> command;
    private Path folder;
    private Duration timeout;
    private Output output = Output.CAPTURE;
    private Path outputFile;
    private boolean discardErrors;
    private Consumer<Map<String, String>> environment = env -> { };

    private ProcessRun(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a process needs a command, but the command was empty");
        }
        this.command = List.copyOf(command);
    }

    /** A run of {@code command} (the program, then its arguments), in the current folder, with no timeout. */
    public static ProcessRun of(List<String> command) {
        return new ProcessRun(command);
    }

    /** Runs the program in {@code folder}. */
    public ProcessRun in(Path folder) {
        this.folder = folder;
        return this;
    }

    /** Kills the program (descendants first) once it has run for {@code limit}; without it, waits as long as it takes. */
    public ProcessRun timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a process timeout must be positive, but was " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** Edits the environment the program gets (a copy of this JVM's). */
    public ProcessRun environment(Consumer<Map<String, String>> edit) {
        this.environment = edit;
        return this;
    }

    /** Writes the output to {@code file} (replacing it) instead of keeping it in memory; {@link Result#output()} reads it back. */
    public ProcessRun outputTo(Path file) {
        this.output = Output.FILE;
        this.outputFile = file;
        return this;
    }

    /** Throws the output away; {@link Result#output()} is then empty. */
    public ProcessRun discardOutput() {
        this.output = Output.DISCARD;
        return this;
    }

    /** The program shares this JVM's terminal: input, output and error (a build the user watches). */
    public ProcessRun inheritIo() {
        this.output = Output.INHERIT;
        return this;
    }

    /** Throws standard error away, and keeps standard output alone. */
    public ProcessRun discardErrors() {
        this.discardErrors = true;
        return this;
    }

    /**
     * How a run ended.
     *
     * @param exit the exit code (after a timeout: whatever the killed program returned)
     * @param output what it printed (standard output, and standard error unless discarded), as UTF-8
     * @param timedOut true if the timeout fired and the program was killed
     */
    public record Result(int exit, String output, boolean timedOut) {
        /** True if the program ended by itself with exit code 0. */
        public boolean succeeded() {
            return !timedOut && exit == 0;
        }
    }

    /**
     * Starts the program and waits for it (or for the timeout).
     *
     * @throws IOException if the program cannot be started (not installed, not executable)
     * @throws InterruptedException if this thread is interrupted while waiting; the program is killed first
     */
    public Result run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (folder != null) {
            builder.directory(folder.toFile());
        }
        environment.accept(builder.environment());
        switch (output) {
            case INHERIT -> builder.inheritIO();
            case FILE -> builder.redirectOutput(outputFile.toFile());
            case DISCARD -> builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            case CAPTURE -> { }
        }
        if (output != Output.INHERIT) {
            if (discardErrors) {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            } else {
                builder.redirectErrorStream(true);
            }
        }
        Process process = builder.start();
        if (output != Output.INHERIT) {
            process.getOutputStream().close();
        }
        Drain drain = output == Output.CAPTURE ? Drain.start(process.getInputStream()) : null;
        boolean timedOut = false;
        try {
            if (timeout == null) {
                process.waitFor();
            } else if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        return new Result(process.exitValue(), text(drain), timedOut);
    }

    /**
     * Ends the program's descendants, then the program, and waits until the program is gone and, for at most
     * {@link #KILL_GRACE}, until the descendants are too (a signal is delivered a moment after it is sent).
     */
    private static void kill(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        long deadline = System.nanoTime() + KILL_GRACE.toNanos();
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // still ending; the kernel finishes it
            }
        }
    }

    private String text(Drain drain) throws InterruptedException {
        return switch (output) {
            case CAPTURE -> drain.collect();
            case FILE -> {
                try {
                    yield Files.readString(outputFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case DISCARD, INHERIT -> "";
        };
    }

    /**
     * A daemon thread that reads a program's output while the caller waits on the program. A process the program
     * detached may keep the output open after the program ended: {@link #collect} waits a few seconds for the
     * end of the output, then takes what came.
     */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in) {
            this.in = in;
            this.thread = new Thread(this, "process-output");
            thread.setDaemon(true);
        }

        static Drain start(InputStream in) {
            Drain drain = new Drain(in);
            drain.thread.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: what came so far is the output
            }
        }

        String collect() throws InterruptedException {
            thread.join(DRAIN_GRACE.toMillis());
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
