package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A program's heap operations, in order: what a {@code .rep} file holds once parsed.
 *
 * <pre>{@code
 * Trace trace = Trace.read(Path.of("traces/binary.rep"), ParseMode.STRICT);
 * Trace bundled = Trace.bundled("binary-small-large");      // from the kit's suite
 * }</pre>
 *
 * <p>Immutable. The operations keep their source line numbers so every report can point at the
 * line that caused it.
 *
 * @param name how reports call the trace (the path as given, or the bundled name)
 * @param header the four header integers
 * @param ops the operations, in file order
 * @param quirks what a lenient parse tolerated (empty after a strict parse)
 */
public record Trace(String name, TraceHeader header, List<TraceOp> ops, List<TraceQuirk> quirks) {
    /** Where the kit's own traces live on the classpath. */
    public static final String SUITE_RESOURCE_FOLDER = "/dev/alloclab/core/trace/suite/";

    public Trace {
        Checks.notNull(name, "name");
        Checks.notNull(header, "header");
        ops = List.copyOf(Checks.notNull(ops, "ops"));
        quirks = List.copyOf(Checks.notNull(quirks, "quirks"));
    }

    /** A trace built in code (the generator, tests); the header is derived from the ops. */
    public static Trace of(String name, List<TraceOp> ops) {
        int maxId = -1;
        for (TraceOp op : Checks.notNull(ops, "ops")) {
            maxId = Math.max(maxId, op.id());
        }
        return new Trace(name, TraceHeader.of(0, maxId + 1, ops.size()), ops, List.of());
    }

    /** Parses {@code text}; {@code name} is the file name errors start with. */
    public static Trace parse(String name, String text, ParseMode mode) {
        return new RepParser(Checks.notNull(mode, "mode")).parse(Checks.notNull(name, "the trace's name"),
                Checks.notNull(text, "the trace's text"));
    }

    /** Reads and parses a {@code .rep} file. A missing or unreadable file is a {@link KitException}. */
    public static Trace read(Path file, ParseMode mode) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Checks.notNull(file, "file"));
        } catch (NoSuchFileException e) {
            throw new KitException("trace file '" + file + "' does not exist. Pass the path of a .rep file, "
                    + "or the name of a bundled trace (alloclab traces list).");
        } catch (IOException e) {
            throw new KitException("cannot read trace file '" + file + "': " + IoReason.of(e, file) + ".");
        }
        String utf16 = utf16Problem(bytes);
        if (utf16 != null) {
            throw new KitException("trace file '" + file + "' " + utf16);
        }
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8), mode);
    }

    /**
     * Whether {@code file}'s name ends in {@code .rep}, in any case ({@code .REP} from a course folder copied off
     * Windows): the one rule for which files of a folder are traces, wherever the kit lists a folder.
     */
    public static boolean hasTraceExtension(Path file) {
        Path name = Checks.notNull(file, "file").getFileName();
        return name != null && name.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".rep");
    }

    /**
     * The rest of a sentence saying that {@code bytes} are UTF-16 text (they start with its byte-order mark, as
     * Windows Notepad's "Unicode" writes them) and what to do, or null if they are not. Read as UTF-8, such a file
     * fails on its first byte with a message about a stray byte that does not say why.
     */
    public static String utf16Problem(byte[] bytes) {
        Checks.notNull(bytes, "bytes");
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            return String.format("is UTF-16 text (it starts with the byte-order mark %02X %02X): save it as UTF-8 or "
                    + "ASCII, as the Malloc Lab's traces are (in Notepad: Save As, Encoding UTF-8).",
                    bytes[0] & 0xFF, bytes[1] & 0xFF);
        }
        return null;
    }

    /**
     * One of the kit's bundled traces, by name without {@code .rep} (see
     * {@link TraceSuite#names()}); teaching traces are named {@code teaching/...}.
     */
    public static Trace bundled(String name) {
        String resource = SUITE_RESOURCE_FOLDER + name + ".rep";
        try (InputStream in = Trace.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new KitException("there is no bundled trace called '" + name + "'. Bundled traces: "
                        + String.join(", ", TraceSuite.names()) + ".");
            }
            return parse(name + ".rep", new String(in.readAllBytes(), StandardCharsets.UTF_8), ParseMode.STRICT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of operations. */
    public int size() {
        return ops.size();
    }

    /** True if the trace has reads or writes, which only the checked heap can replay meaningfully. */
    public boolean hasTeachingOps() {
        for (TraceOp op : ops) {
            if (op instanceof TraceOp.Write || op instanceof TraceOp.Read) {
                return true;
            }
        }
        return false;
    }

    /** The trace in {@code .rep} format: the header on four lines, then one operation a line. */
    public String toRep() {
        StringBuilder out = new StringBuilder(ops.size() * 12 + 64);
        out.append(header.first()).append('\n')
                .append(header.idCount()).append('\n')
                .append(header.opCount()).append('\n')
                .append(header.last()).append('\n');
        for (TraceOp op : ops) {
            out.append(op.text()).append('\n');
        }
        return out.toString();
    }
}
