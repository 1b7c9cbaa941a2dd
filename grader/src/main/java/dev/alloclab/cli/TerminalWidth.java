package dev.alloclab.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How many columns the terminal has, for a line redrawn in place ({@link GradeAllProgress}): one that is wider wraps,
 * and each redraw then leaves a stale row behind.
 *
 * <p>From {@code COLUMNS} when it is set (shells set it, but export it only when asked), else from {@code stty size}
 * on the controlling terminal (as picocli measures its usage help), else 80: the width of the narrowest terminals
 * people still use, so a guess never wraps on those.
 */
final class TerminalWidth {
    /** The width assumed when it cannot be measured. */
    static final int ASSUMED = 80;

    private TerminalWidth() {
    }

    static int columns() {
        Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            return fromEnv;
        }
        Integer fromStty = stty();
        return fromStty != null ? fromStty : ASSUMED;
    }

    /** A positive number of columns, or null. */
    static Integer parse(String text) {
        try {
            int columns = Integer.parseInt(text == null ? "" : text.trim());
            return columns > 0 ? columns : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code stty size} answers "ROWS COLUMNS" for the terminal on its standard input. */
    private static Integer stty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroyForcibly();
                return null;
            }
            String[] parts = answer.split("\\s+");
            return parts.length == 2 ? parse(parts[1]) : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
