package dev.alloclab.companion.quiz;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * "Which violation is this?": a few lines of a program on the checked heap; the learner names
 * the mistake the checked heap reports. The answer is what the checked heap really reports when
 * the lines run, and its report is the explanation.
 */
public final class ViolationQuiz {
    /** A short program and how to run it. */
    record Scenario(List<String> lines, boolean tagged, Consumer<CheckedHeap> program) {
    }

    private ViolationQuiz() {
    }

    /** The kinds, in the order the quiz lists them (by their report slugs). */
    public static List<String> kindChoices() {
        return Arrays.stream(Violation.Kind.values()).map(Violation.Kind::slug).toList();
    }

    static List<Scenario> scenarios() {
        return List.of(
                new Scenario(List.of("a = alloc(16)", "dealloc(a)", "print readInt(a)"), false, heap -> {
                    int a = heap.alloc(16);
                    heap.dealloc(a);
                    heap.readInt(a);
                }),
                new Scenario(List.of("a = alloc(16)", "dealloc(a)", "dealloc(a)"), false, heap -> {
                    int a = heap.alloc(16);
                    heap.dealloc(a);
                    heap.dealloc(a);
                }),
                new Scenario(List.of("a = alloc(16)", "dealloc(a + 8)"), false, heap -> {
                    int a = heap.alloc(16);
                    heap.dealloc(a + 8);
                }),
                new Scenario(List.of("a = alloc(16)", "b = alloc(16)", "writeInt(a + 16, 7)   // a has 16 bytes: 0..15"),
                        false, heap -> {
                            int a = heap.alloc(16);
                            heap.alloc(16);
                            heap.writeInt(a + 16, 7);
                        }),
                new Scenario(List.of("a = alloc(0)          // 0 bytes", "writeInt(a, 1)"), false, heap -> {
                    int a = heap.alloc(0);
                    heap.writeInt(a, 1);
                }),
                new Scenario(List.of("a = alloc(24)", "writeInt(a, 1)", "program ends"), false, heap -> {
                    int a = heap.alloc(24);
                    heap.writeInt(a, 1);
                }),
                new Scenario(List.of("(tagged indexes, no quarantine: a freed address is reused at once)",
                        "a = alloc(16)", "dealloc(a)", "b = alloc(16)          // gets a's address",
                        "dealloc(a)            // a stale copy of the index"), true, heap -> {
                            int a = heap.alloc(16);
                            heap.dealloc(a);
                            heap.alloc(16);
                            heap.dealloc(a);
                        }));
    }

    /** Runs {@code scenario} on a fresh checked heap and returns what it reports (a leak if nothing else). */
    static Violation run(Scenario scenario) {
        CheckedHeap.Builder builder = CheckedHeap.builder(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        if (scenario.tagged()) {
            builder.taggedIndexes(true).quarantineBytes(0);
        }
        CheckedHeap heap = builder.build();
        try {
            scenario.program().accept(heap.at("quiz program"));
        } catch (ViolationException reported) {
            return reported.violation();
        }
        List<Violation> leaks = heap.leaks();
        if (leaks.isEmpty()) {
            throw new IllegalStateException("quiz scenario " + scenario.lines() + " reports nothing");
        }
        return leaks.get(0);
    }

    /** One question per scenario, in an order drawn from {@code seed}. */
    public static List<Question> questions(long seed) {
        List<Scenario> order = new ArrayList<>(scenarios());
        Collections.shuffle(order, new Random(seed));
        List<String> kinds = kindChoices();
        List<Question> questions = new ArrayList<>();
        for (Scenario scenario : order) {
            Violation violation = run(scenario);
            List<String> shown = new ArrayList<>(scenario.lines());
            shown.add("");
            for (int i = 0; i < kinds.size(); i++) {
                shown.add((i + 1) + ". " + kinds.get(i));
            }
            questions.add(Question.choice(shown, "Which mistake does the checked heap report? (number or name)",
                    kinds, violation.kind().ordinal(), "The checked heap's report:\n" + violation.report()));
        }
        return questions;
    }
}
