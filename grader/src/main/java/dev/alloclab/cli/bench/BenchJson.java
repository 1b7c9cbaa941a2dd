package dev.alloclab.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code alloclab bench --format json}: the figures of the table for scripts. docs/formats.md lists the fields;
 * every figure has four decimals, and one that cannot be computed (no live block, no timed run, a failed
 * allocator's average) is {@code null}, never {@code NaN}, which JSON does not have.
 *
 * <p>Written with Jackson, set up as the grade reports are ({@code Reports}), so that names and text are escaped
 * by a library rather than by hand.
 *
 * <p>Internal to the grader.
 */
public final class BenchJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    /** The document for {@code result}, ending with a line break. */
    public static String render(BenchResult result) {
        BenchSettings settings = result.settings();
        ObjectNode root = JSON.createObjectNode();
        root.put("runs", settings.runs());
        root.put("clock", settings.clock() == Replayer.Clock.THREAD_CPU ? "cpu" : "wall");
        root.put("traces", settings.traces() == null ? "bundled" : settings.traces().toString());
        if (settings.versusLibc()) {
            root.put("libcKeepsHeap", settings.libcKeepHeap());
        }
        ArrayNode allocators = root.putArray("allocators");
        for (BenchResult.AllocatorResult measured : result.allocators()) {
            allocators.add(allocator(result, measured));
        }
        if (!result.unreadable().isEmpty()) {
            strings(root.putArray("unreadable"), result.unreadable());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    private static ObjectNode allocator(BenchResult result, BenchResult.AllocatorResult measured) {
        BenchTable table = measured.table();
        OptionalDouble libc = result.settings().versusLibc() ? table.libcOpsPerSecond() : OptionalDouble.empty();
        ObjectNode node = JSON.createObjectNode();
        node.put("allocator", table.allocator());
        node.put("valid", table.allValid());
        ArrayNode traces = node.putArray("traces");
        for (int i = 0; i < table.reports().size(); i++) {
            ReplayReport r = table.reports().get(i);
            ObjectNode trace = traces.addObject();
            trace.put("trace", r.trace());
            trace.put("ops", r.ops());
            trace.put("valid", r.valid());
            trace.put("utilization", BenchTable.hasUtilization(r) ? number(r.utilization()) : null);
            trace.put("kops", r.ops() == 0 ? null : number(r.kops()));
            if (libc.isPresent()) {
                double c = table.libcPerTrace().get(i).getAsDouble();
                trace.put("libcKops", r.ops() == 0 ? null : number(c / 1000));
                trace.put("versusLibc", number(r.opsPerSecond() / c));
            }
            OptionalDouble checked = measured.checked().get(i);
            if (checked.isPresent()) {
                trace.put("checkedKops", number(checked.getAsDouble() / 1000));
                trace.put("checkedSlowdown", number(r.opsPerSecond() / checked.getAsDouble()));
            }
            r.failure().ifPresent(f -> trace.put("failure", BenchText.failureLine(f)));
            strings(trace.putArray("changes"), result.changesOf(r));
        }
        ObjectNode averages = node.putObject("averages");
        averages.put("utilization", number(table.averageUtilization()));
        averages.put("minUtilization", number(table.minimumUtilization()));
        averages.put("kops", number(table.opsPerSecond() / 1000));
        if (libc.isPresent()) {
            averages.put("libcKops", table.allValid() ? number(libc.getAsDouble() / 1000) : null);
            averages.put("versusLibc", number(table.opsPerSecond() / libc.getAsDouble()));
        }
        ObjectNode target = node.putObject("throughputTarget");
        target.put("kops", number(table.targetOpsPerSecond() / 1000));
        target.put("source", libc.isPresent() ? "libc" : "fixed");
        node.put("performanceIndex", number(table.performanceIndex()));
        if (!measured.notReplayed().isEmpty()) {
            strings(node.putArray("notReplayed"), measured.notReplayed());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> items) {
        items.forEach(array::add);
    }

    /**
     * A figure with four decimals, as {@code %.4f} rounds it (so the JSON and the figures the kit printed before
     * agree to the last digit), or null when it cannot be computed.
     */
    private static BigDecimal number(double value) {
        return Double.isFinite(value) ? new BigDecimal(String.format(Locale.ROOT, "%.4f", value)) : null;
    }
}
