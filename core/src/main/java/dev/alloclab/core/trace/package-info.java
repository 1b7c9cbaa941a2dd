/**
 * Traces: a program's heap operations as data, read from the Malloc Lab {@code .rep} format
 * ({@link dev.alloclab.core.trace.RepParser}), replayed on any allocator to validate and measure it
 * ({@link dev.alloclab.core.trace.Replayer}) or on the checked heap to judge the program
 * ({@link dev.alloclab.core.trace.CheckedReplayer}), and the kit's own suite
 * ({@link dev.alloclab.core.trace.TraceGenerator}, {@link dev.alloclab.core.trace.TraceSuite}).
 *
 * <p>API status: stable for {@code Trace}, {@code TraceOp}, {@code ParseMode}, {@code Replayer},
 * {@code ReplayReport}, {@code CheckedReplayer} and {@code TraceSuite} (the grader, the bench
 * command and the exercises' tests use them); the rest is internal. Formats and semantics:
 * {@code docs/formats.md}; the suite: {@code docs/traces.md}.
 */
package dev.alloclab.core.trace;
