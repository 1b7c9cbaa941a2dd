package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress lines of a long validated run: at most one per interval, with the share done. */
class ValidationProgressTest {
    @Test
    void says_the_share_done_once_the_interval_has_passed_and_stays_quiet_in_between() {
        // GIVEN a progress over a fake clock
        StringWriter text = new StringWriter();
        long[] now = {0};
        ValidationProgress progress = new ValidationProgress(new PrintWriter(text), "bench:   ", () -> now[0]);
        // WHEN the replay reports three times within the first interval, then once after it
        progress.validated(4096, 124_782);
        now[0] = ValidationProgress.INTERVAL_NANOS - 1;
        progress.validated(8192, 124_782);
        now[0] = ValidationProgress.INTERVAL_NANOS;
        progress.validated(56_000, 124_782);
        progress.validated(60_000, 124_782);
        // THEN exactly one line, the one after the interval, says how far the run got
        assertThat(text.toString()).isEqualTo("bench:   validated 44 % (56,000 of 124,782 operations)..."
                + System.lineSeparator());
    }
}
