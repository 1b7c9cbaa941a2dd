package dev.alloclab.core.examples;

import dev.alloclab.core.Checks;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the worked example did: the lines it printed, every heap operation with the
 * bytes held after it, and the error that stopped it, if any (a checked-heap report, or the plain
 * allocator refusing a double free).
 */
public record ExampleRun(DeallocStrategy strategy, List<String> output, List<HeapCall> events,
                         Optional<RuntimeException> stoppedBy) {
    public ExampleRun {
        output = List.copyOf(Checks.notNull(output, "output"));
        events = List.copyOf(Checks.notNull(events, "events"));
    }

    /** The most payload bytes the program held at once. */
    public int peakLiveBytes() {
        return events.stream().mapToInt(HeapCall::liveBytes).max().orElse(0);
    }

    /** Payload bytes held after the last operation: 0 for a program that freed everything. */
    public int finalLiveBytes() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).liveBytes();
    }

    /** True if the program printed "All done!", i.e. ran to its end. */
    public boolean finished() {
        return output.contains(WorkedExample.ALL_DONE);
    }
}
