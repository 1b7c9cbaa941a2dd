package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TraceBundleTest {

    /** Any names and any texts survive the round trip, separators and non-ASCII included. */
    @Property(tries = 200)
    void names_and_texts_survive_encode_then_split(@ForAll @Size(max = 6) List<@StringLength(max = 40) String> texts) {
        Map<String, String> traces = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            traces.put("t," + i + ".rep", texts.get(i));
        }
        String bundle = TraceBundle.encode(traces);
        // the bundle's entries decode to exactly the names and texts that went in
        assertThat(bundle.isEmpty() ? List.of() : List.of(bundle.split(",", -1))).hasSize(traces.size());
        int i = 0;
        for (String entry : bundle.isEmpty() ? new String[0] : bundle.split(",", -1)) {
            String[] parts = entry.split("\\.", -1);
            assertThat(parts).hasSize(2);
            assertThat(new String(java.util.Base64.getDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("t," + i + ".rep");
            assertThat(new String(java.util.Base64.getDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(texts.get(i));
            i++;
        }
    }

    @Test
    void traces_come_back_parsed_in_order_with_their_names() {
        // GIVEN two traces, one with a lenient quirk (f -1)
        Map<String, String> traces = new LinkedHashMap<>();
        traces.put("amptjp-like.rep", "0\n2\n4\n1\na 0 8\na 1 16\nf 0\nf 1\n");
        traces.put("quirky.rep", "0\n1\n3\n1\na 0 24\nf -1\nf 0\n");
        // WHEN bundled and decoded
        List<Trace> decoded = TraceBundle.decode(TraceBundle.encode(traces));
        // THEN names, order and operations are kept
        assertThat(decoded).extracting(Trace::name).containsExactly("amptjp-like.rep", "quirky.rep");
        assertThat(decoded.get(0).ops()).hasSize(4);
        assertThat(decoded.get(1).quirks()).isNotEmpty();
        assertThat(TraceBundle.decode("")).isEmpty();
    }

    @Test
    void a_string_that_is_not_a_bundle_is_a_sentence() {
        assertThatThrownBy(() -> TraceBundle.decode("no-dot-here")).isInstanceOf(KitException.class)
                .hasMessageContaining("lacks the '.'");
        assertThatThrownBy(() -> TraceBundle.decode("!!.??")).isInstanceOf(KitException.class)
                .hasMessageContaining("not Base64");
        String broken = TraceBundle.encode(Map.of("bad.rep", "0\n1\n1\n1\nx 0 8\n"));
        assertThatThrownBy(() -> TraceBundle.decode(broken)).isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("bad.rep:5:1");
    }
}
