package dev.alloclab.hidden.shared;

import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded operation streams for the hidden suites, as core {@link Trace}s, checked by core's
 * {@link Replayer} (alignment, bounds, overlap, payload bytes survive, realloc keeps the prefix:
 * the Malloc Lab rules, exactly as {@code alloclab replay} checks them). This class only makes the
 * streams; every check lives in core.
 */
final class Workout {
    private Workout() {
    }

    /** Random alloc/free (and realloc) with sizes in [1, maxSize], every block freed at the end. */
    static Trace random(String name, long seed, int ops, int maxSize, boolean realloc) {
        Random r = new Random(seed);
        List<TraceOp> list = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < ops; i++) {
            int dice = r.nextInt(10);
            if (live.isEmpty() || dice < 5) {
                list.add(new TraceOp.Alloc(next, 1 + r.nextInt(maxSize), 0));
                live.add(next++);
            } else if (realloc && dice < 7) {
                list.add(new TraceOp.Realloc(live.get(r.nextInt(live.size())), 1 + r.nextInt(maxSize), 0));
            } else {
                list.add(new TraceOp.Free(live.remove(r.nextInt(live.size())), 0));
            }
        }
        for (int id : live) {
            list.add(new TraceOp.Free(id, 0));
        }
        return Trace.of(name, list);
    }

    /**
     * Replays {@code trace} on {@code allocator} (fresh, used up) under core's validator.
     *
     * @throws AssertionError naming the first broken rule, the call and the heap around it; with a stub's
     *                        {@link NotImplemented} as its cause when the allocator stopped at one (the grader then
     *                        counts the test as not started, not failed)
     */
    static ReplayReport checked(Allocator allocator, Trace trace) {
        ReplayReport report = Replayer.validate(trace, allocator, "your allocator");
        report.failure().ifPresent(f -> {
            AssertionError failure = new AssertionError(trace.name() + ": " + inCallWords(f, trace.ops()));
            int stub = f.sentence().indexOf(STUB_PRINTED);
            if (f.kind() == ValidationFailure.Kind.ALLOCATOR_THREW && stub >= 0) {
                String what = f.sentence().substring(stub + STUB_PRINTED.length()).strip();
                failure.initCause(NotImplemented.yet(what.endsWith(".") ? what.substring(0, what.length() - 1) : what));
            }
            throw failure;
        });
        return report;
    }

    /** How the validator's sentence quotes a stub it caught: the exception's simple name and the marker's message. */
    private static final String STUB_PRINTED = "threw NotImplemented: not implemented yet: ";

    /** Calls of the workout named before the failing one, enough to write a test that repeats it. */
    private static final int CALLS_BEFORE = 8;

    /**
     * The validator's report in the words of the Allocator API: {@code alloc(89) (block #0)}, not the trace syntax
     * {@code a 0 89}, which a student never met and cannot replay (the workout has no file). The calls before the
     * failing one are listed, since the allocator's state comes from them.
     */
    static String inCallWords(ValidationFailure f, List<TraceOp> ops) {
        String call = call(f.operation());
        StringBuilder out = new StringBuilder();
        out.append(f.kind().headline()).append(" at call ").append(f.opNumber()).append(" of the workout: ").append(call)
                .append('\n');
        out.append("  ").append(f.sentence().replaceAll("(?<!\\w)" + java.util.regex.Pattern.quote(f.operation()) + "(?!\\w)",
                java.util.regex.Matcher.quoteReplacement(call))).append('\n');
        if (!f.picture().isEmpty()) {
            out.append('\n').append(f.picture().stripTrailing().indent(2));
        }
        int from = Math.max(0, f.opNumber() - 1 - CALLS_BEFORE);
        int to = Math.min(ops.size(), f.opNumber() - 1);
        if (to > from) {
            List<String> before = new ArrayList<>();
            for (TraceOp op : ops.subList(from, to)) {
                before.add(call(op.text()));
            }
            out.append("  the calls before it").append(from > 0 ? " (the last " + (to - from) + ")" : "").append(": ")
                    .append(String.join(", ", before)).append('\n');
        }
        String advice = f.kind() == ValidationFailure.Kind.ALLOCATOR_THREW
                ? "an allocator answers every request: a payload, or NULL (-1) when memory runs out. Write a test of "
                        + "your own that makes the same calls, and find where it throws."
                : f.advice();
        out.append("  What to do: ").append(advice).append('\n');
        return out.toString();
    }

    /** {@code alloc(89) (block #0)} for {@code a 0 89}, {@code realloc(block #3, 120)}, {@code dealloc(block #3)}. */
    static String call(String traceSyntax) {
        String[] word = traceSyntax.strip().split(" ");
        if (word.length == 3 && word[0].equals("a")) {
            return "alloc(" + word[2] + ") (block #" + word[1] + ")";
        }
        if (word.length == 3 && word[0].equals("r")) {
            return "realloc(block #" + word[1] + ", " + word[2] + ")";
        }
        if (word.length == 2 && word[0].equals("f")) {
            return "dealloc(block #" + word[1] + ")";
        }
        return traceSyntax;
    }
}
