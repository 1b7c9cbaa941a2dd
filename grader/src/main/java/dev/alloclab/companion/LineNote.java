package dev.alloclab.companion;

/**
 * One source line that {@code alloclab coverage} points a student to: a line the tests never ran, or one whose
 * branches they took only in part ({@code if (size <= 0)} seen true but never false).
 *
 * @param number        the line number in the source file, from 1
 * @param text          the line's source text, trimmed (empty when the file could not be read)
 * @param branchesTaken how many of its branches the tests took
 * @param branches      how many branches it has (0 for a line without a decision)
 */
public record LineNote(int number, String text, int branchesTaken, int branches) {
}
