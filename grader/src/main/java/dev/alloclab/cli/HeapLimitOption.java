package dev.alloclab.cli;

import dev.alloclab.core.memory.HeapBytes;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code --heap-max SIZE} for the commands that replay traces. The classic driver's heap may grow to
 * 20 MiB, and that stays the default so figures compare with Malloc Lab's. Later copies of the lab
 * raised the limit and ship traces that need more; with this option an instructor replays them as
 * they are instead of reading "out of memory" on every row.
 */
final class HeapLimitOption {
    /** The largest heap a Java byte array can back, rounded down to a whole MiB. */
    static final int LARGEST = 2047 * 1024 * 1024;

    @Option(names = "--heap-max", paramLabel = "SIZE", defaultValue = "20MiB", converter = SizeConverter.class,
            description = "how far the heap may grow: bytes, or a number with KiB, MiB or GiB (default: 20MiB, "
                    + "the classic Malloc Lab limit)")
    int maxBytes = HeapBytes.MALLOC_LAB_MAX;

    /** A fresh, empty heap with this limit per call. */
    Supplier<HeapBytes> heaps() {
        int max = maxBytes;
        return () -> HeapBytes.withMax(max);
    }

    /** Reads {@code 20MiB}, {@code 512KiB}, {@code 1GiB} or a plain byte count. */
    static final class SizeConverter implements ITypeConverter<Integer> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*([a-z]*)");

        @Override
        public Integer convert(String text) {
            Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a heap size. Write bytes "
                        + "(20971520) or a whole number with KiB, MiB or GiB (20MiB).");
            }
            long unit = switch (m.group(2)) {
                case "", "b" -> 1;
                case "kib", "k" -> 1L << 10;
                case "mib", "m" -> 1L << 20;
                case "gib", "g" -> 1L << 30;
                case "tib", "t" -> 1L << 40;
                case "kb", "mb", "gb", "tb" -> throw new CommandLine.TypeConversionException("'" + text + "': write "
                        + m.group(1) + Character.toUpperCase(m.group(2).charAt(0)) + "iB instead (KiB, MiB and GiB: the kit counts in powers of 2).");
                default -> throw new CommandLine.TypeConversionException("'" + text + "' has the unknown unit '"
                        + m.group(2) + "'. Write bytes (20971520) or a whole number with KiB, MiB or GiB (20MiB).");
            };
            long number = Long.parseLong(m.group(1));
            long bytes = number > LARGEST / unit ? Long.MAX_VALUE : number * unit;
            if (bytes < 4096 || bytes > LARGEST) {
                throw new CommandLine.TypeConversionException("a heap of " + text + " is outside what the kit can "
                        + "replay on: from 4KiB up to " + (LARGEST >> 20) + "MiB (a Java array backs the heap).");
            }
            return (int) bytes;
        }
    }
}
