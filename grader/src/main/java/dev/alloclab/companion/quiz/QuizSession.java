package dev.alloclab.companion.quiz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The frame every quiz runs in: it prints a question, reads one line of answer (from the
 * keyboard, or from a script piped to standard input), and keeps the score. Input that ends early
 * ends the quiz; the questions not reached count as not answered.
 */
public final class QuizSession {
    private final BufferedReader in;
    private final PrintWriter out;
    private int asked;
    private int right;
    private boolean inputEnded;

    public QuizSession(Reader in, PrintWriter out) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.out = out;
    }

    public PrintWriter out() {
        return out;
    }

    /** Prints {@code question} and reads the answer line; empty when the input has ended. */
    public Optional<String> ask(String question) {
        if (inputEnded) {
            return Optional.empty();
        }
        out.print(question + " > ");
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                inputEnded = true;
                out.println();
                out.println("(input ended: stopping the quiz here)");
                out.flush();
                return Optional.empty();
            }
            asked++;
            return Optional.of(line.trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
    }

    /** Records a checked answer and prints "right" or "not quite" with {@code explanation}. */
    public boolean grade(boolean correct, String expected, String explanation) {
        if (correct) {
            right++;
            out.println("  right.");
        } else {
            out.println("  not quite: the answer is " + expected + ".");
            out.println("  " + explanation.replace("\n", "\n  "));
        }
        out.flush();
        return correct;
    }

    public boolean inputEnded() {
        return inputEnded;
    }

    public int asked() {
        return asked;
    }

    public int right() {
        return right;
    }

    /** The closing line: {@code 7 of 9 answers right}. */
    public String summary(int questions) {
        String text = right + " of " + questions + " answers right";
        if (asked < questions) {
            text += " (" + (questions - asked) + " not answered)";
        }
        return text + (right == questions ? ". Well predicted!" : ".");
    }

    /** True when every one of {@code questions} was answered, and right. */
    public boolean allRight(int questions) {
        return right == questions;
    }
}
