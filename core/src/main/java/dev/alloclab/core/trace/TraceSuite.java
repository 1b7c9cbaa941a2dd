package dev.alloclab.core.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The names of the kit's bundled traces, as {@link Trace#bundled(String)} and
 * {@code alloclab replay NAME} take them. The files live under
 * {@value Trace#SUITE_RESOURCE_FOLDER} and are exactly what {@link TraceGenerator} writes.
 */
public final class TraceSuite {
    private TraceSuite() {
    }

    /** Every bundled trace: the performance traces, then the teaching ones ({@code teaching/...}). */
    public static List<String> names() {
        List<String> names = new ArrayList<>(TraceGenerator.performanceNames());
        names.addAll(TraceGenerator.teachingNames());
        return List.copyOf(names);
    }

    /** The performance traces: the ones {@code bench} replays by default. */
    public static List<String> performanceNames() {
        return TraceGenerator.performanceNames();
    }

    /** The teaching traces, for the checked heap. */
    public static List<String> teachingNames() {
        return TraceGenerator.teachingNames();
    }

    /**
     * The performance traces, parsed once per JVM (traces are immutable, so every caller may share
     * them): the grader's warm-up parses them while javac runs, and the performance test then finds
     * them ready instead of parsing 100,000 lines again.
     */
    public static List<Trace> performanceTraces() {
        return Parsed.PERFORMANCE;
    }

    /** Holder: parsed on first use, not when the class loads. */
    private static final class Parsed {
        static final List<Trace> PERFORMANCE = parse();

        private static List<Trace> parse() {
            List<Trace> traces = new ArrayList<>();
            for (String name : performanceNames()) {
                traces.add(Trace.bundled(name));
            }
            return List.copyOf(traces);
        }
    }
}
