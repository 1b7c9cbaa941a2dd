package dev.alloclab.exercises.support;

import dev.alloclab.core.SourceLine;
import java.net.URL;
import java.security.CodeSource;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ends a {@code mvn test} run that a test will never finish, with a sentence that says which test and where in the
 * student's code it was. JUnit Jupiter stops a stuck test after its time limit ({@code junit-platform.properties}),
 * but a jqwik property has no time limit, and a free list whose last block links back into the list kept one
 * running for four minutes, until the test JVM ran out of memory and Surefire printed forty lines of its own stack
 * trace and no progress table.
 *
 * <p>A loop cannot be stopped from outside its thread ({@code Thread.stop} is gone from newer JDKs), so when one
 * test has run for {@link #limitFor the limit}, the watchdog prints the sentence and ends the test JVM: the tests
 * after it do not run. {@code ./alloclab check EXERCISE} stops such a test and runs the others. It is switched on
 * by the system property {@value #PROPERTY} (set by the starter's {@code pom.xml} for Surefire only), so the
 * companion and the grader, which have watchdogs of their own, never meet it.
 */
final class StuckTestWatchdog {
    /** The system property that switches the watchdog on: {@code true}, set in the starter's Surefire configuration. */
    static final String PROPERTY = "alloclab.stuckTestWatchdog";
    /** A test the watchdog gives up on never gets less than this, whatever the per-test limit. */
    static final Duration MINIMUM = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 250;
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|min)?\\s*", Pattern.CASE_INSENSITIVE);

    private final Duration limit;
    private final Consumer<String> say;
    private final Runnable end;
    private String test;
    private String exercise;
    private Thread thread;
    private long startedAt;
    private boolean fired;

    StuckTestWatchdog(Duration limit, Consumer<String> say, Runnable end) {
        this.limit = limit;
        this.say = say;
        this.end = end;
        Thread watch = new Thread(this::watch, "alloclab-stuck-test-watchdog");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * Three times Jupiter's per-test limit ({@code "10 s"} in {@code junit-platform.properties}, the grader's share of
     * an exercise), and at least {@link #MINIMUM}: a property that needs longer fails in the grade anyway.
     */
    static Duration limitFor(Optional<String> perTestLimit) {
        Duration perTest = perTestLimit.map(StuckTestWatchdog::parse).orElse(Duration.ofSeconds(10));
        Duration three = perTest.multipliedBy(3);
        return three.compareTo(MINIMUM) < 0 ? MINIMUM : three;
    }

    private static Duration parse(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Duration.ofSeconds(10);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code name} (a test of {@code exerciseId}, or of none: "") starts in the calling thread. */
    synchronized void started(String name, String exerciseId) {
        test = name;
        exercise = exerciseId;
        thread = Thread.currentThread();
        startedAt = System.nanoTime();
    }

    /** The test that was running has ended. */
    synchronized void finished() {
        test = null;
        thread = null;
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            String sentence;
            synchronized (this) {
                if (fired || test == null || System.nanoTime() - startedAt < limit.toNanos()) {
                    continue;
                }
                fired = true;
                sentence = sentence(test, exercise, thread, limit);
            }
            say.accept(sentence);
            end.run();
        }
    }

    /** What the student reads: the test, where their code was, what usually causes it, and what runs the rest. */
    static String sentence(String test, String exerciseId, Thread thread, Duration limit) {
        String where = ownFrame(thread.getStackTrace()).map(f -> " (it is in " + f + ")").orElse("");
        return "\nalloclab: " + test + " has run for " + limit.toSeconds() + " s and not returned: your code does not "
                + "return" + where + ". The usual cause is an endless loop, such as a free list whose last block links "
                + "back into the list.\n  mvn test stops here: a jqwik property has no time limit of its own, and a "
                + "loop cannot be stopped from outside, so the tests after this one did not run. './alloclab check "
                + (exerciseId.isEmpty() ? "EXERCISE" : exerciseId) + "' stops such a test after its limit and runs "
                + "the others.\n";
    }

    /** The first frame of the student's main code (a class compiled to {@code target/classes}, not to test-classes). */
    static Optional<String> ownFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isStudentMainCode(frame.getClassName())) {
                return Optional.of(SourceLine.of(frame));
            }
        }
        return Optional.empty();
    }

    /** True for a class of the exercises compiled from the student's main sources (not a test, not the kit's). */
    static boolean isStudentMainCode(String className) {
        return className.startsWith("dev.alloclab.exercises.") && isMainCode(className);
    }

    private static boolean isMainCode(String className) {
        try {
            CodeSource source = Class.forName(className, false, StuckTestWatchdog.class.getClassLoader())
                    .getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location != null && !location.getPath().contains("test-classes");
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}
