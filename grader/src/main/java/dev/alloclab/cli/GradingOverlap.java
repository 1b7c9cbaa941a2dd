package dev.alloclab.cli;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which gradings of a {@code grade-all} run overlapped in time: for each one, how many other submissions were being
 * graded at some moment while it ran.
 *
 * <p>Why: the grader's time limits are wall-clock limits (a hidden test may take half the exercise's limit, the
 * exercise the whole of it), and a classmate's code graded at the same time shares the machine's cores. Throughput
 * is timed on the thread's CPU clock and does not care, but a student whose own tests keep eight threads busy can
 * push the tests of the two classmates graded beside them past their limits. So a grading that was stopped by a
 * time limit while others ran proves nothing about its own code, and {@code grade-all} grades it again alone; one
 * that ran alone keeps its stops.
 *
 * <pre>{@code
 * GradingOverlap.Grading g = overlap.start();
 * try { report = grade(...); } finally { others = overlap.end(g); }   // others: 0 when it ran alone
 * }</pre>
 */
final class GradingOverlap {
    /** One grading while it runs: the others seen beside it, by identity (two students may share a name). */
    static final class Grading {
        private final Set<Grading> beside = Collections.newSetFromMap(new IdentityHashMap<>());

        private Grading() {
        }
    }

    private final Set<Grading> running = Collections.newSetFromMap(new IdentityHashMap<>());

    /** A grading begins (call it right before student code may run); each grading running now is beside it. */
    synchronized Grading start() {
        Grading started = new Grading();
        for (Grading other : running) {
            other.beside.add(started);
            started.beside.add(other);
        }
        running.add(started);
        return started;
    }

    /** The grading ended: the number of other gradings that ran at some moment while it did. */
    synchronized int end(Grading grading) {
        running.remove(grading);
        return grading.beside.size();
    }
}
