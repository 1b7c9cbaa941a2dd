package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Several {@code .rep} files in one line of text, and back. The grader hands a course's own traces to the
 * hidden performance suite as a JUnit configuration parameter, which is a single string that student code
 * cannot change (a file it could rewrite before the suite reads it). Each trace is written as
 * {@code base64(name).base64(text)}, traces separated by commas; Base64 never contains either separator.
 */
public final class TraceBundle {
    private TraceBundle() {
    }

    /** The bundle of {@code traces} (file name to whole text), in the map's order. */
    public static String encode(Map<String, String> traces) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder base64 = Base64.getEncoder();
        Checks.notNull(traces, "traces").forEach((name, text) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(base64.encodeToString(name.getBytes(StandardCharsets.UTF_8))).append('.')
                    .append(base64.encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        });
        return out.toString();
    }

    /** The traces of a bundle, parsed leniently (as {@code alloclab bench --traces} reads a folder). */
    public static List<Trace> decode(String bundle) {
        List<Trace> traces = new ArrayList<>();
        if (Checks.notNull(bundle, "bundle").isEmpty()) {
            return traces;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        for (String entry : bundle.split(",", -1)) {
            int dot = entry.indexOf('.');
            if (dot < 0) {
                throw new KitException("a trace bundle entry lacks the '.' between name and text: it was not made by "
                        + "TraceBundle.encode.");
            }
            try {
                String name = new String(base64.decode(entry.substring(0, dot)), StandardCharsets.UTF_8);
                String text = new String(base64.decode(entry.substring(dot + 1)), StandardCharsets.UTF_8);
                traces.add(Trace.parse(name, text, ParseMode.LENIENT));
            } catch (IllegalArgumentException notBase64) {
                throw new KitException("a trace bundle entry is not Base64: it was not made by TraceBundle.encode.");
            }
        }
        return traces;
    }
}
