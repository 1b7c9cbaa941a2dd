package dev.alloclab.companion.quiz;

import dev.alloclab.core.alloc.sim.FreeChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a learner's free list: pairs of address and size in list order, written however is
 * natural ({@code 1010 90}, {@code [1010, 90] [1100, 10]}, {@code 1010:90, 1100:10}), or
 * {@code empty} / {@code none} / {@code []} for an empty list.
 */
final class FreeListAnswer {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");

    private FreeListAnswer() {
    }

    /** The pairs, or empty when the text has an odd count of numbers or a size that is not positive. */
    static Optional<List<FreeChunk>> parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("empty") || t.equals("none") || t.equals("[]") || t.equals("-")) {
            return Optional.of(List.of());
        }
        List<Integer> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(t);
        while (m.find()) {
            try {
                numbers.add(Integer.parseInt(m.group()));
            } catch (NumberFormatException tooBig) {
                return Optional.empty();
            }
        }
        if (numbers.isEmpty() || numbers.size() % 2 != 0) {
            return Optional.empty();
        }
        List<FreeChunk> list = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i += 2) {
            if (numbers.get(i + 1) <= 0) {
                return Optional.empty();
            }
            list.add(new FreeChunk(numbers.get(i), numbers.get(i + 1)));
        }
        return Optional.of(list);
    }
}
