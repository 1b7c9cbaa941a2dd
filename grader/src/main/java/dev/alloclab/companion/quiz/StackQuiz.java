package dev.alloclab.companion.quiz;

import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackFrame;
import dev.alloclab.core.memory.StackMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * "What is {@code stack_length} now?": a sequence of calls and returns of functions with typed
 * locals; after each step the learner says where {@code stack_length} is. The answers come from
 * core's {@link StackMemory}: a local is aligned to its size rounded up to a power of two, at most 8
 * (a {@code byte[N]} counts as one value of N bytes), and frames are rounded up to 8. The explanation of
 * a wrong answer states that rule and shows each local's alignment, so every offset it prints can be
 * checked against it.
 */
public final class StackQuiz {
    private static final String[] NAMES = {"main", "getYears", "findHighestYear", "parse", "sum", "log", "swap"};

    /** The layout rule, as the explanation of every answer states it (and chapter 1 and quizzes.md do). */
    static final String RULE = "Each local starts at the next offset that is a multiple of its size rounded up to a "
            + "power of two, at most 8 (a byte[N] counts as one value of N bytes: byte[3] goes at a multiple of 4, "
            + "byte[7] of 8); each frame is rounded up to 8 bytes.";

    private StackQuiz() {
    }

    /** The multiple a local's offset must be: its size rounded up to a power of two, at most 8. */
    static int alignment(Local local) {
        return Math.min(8, Integer.highestOneBit(local.size() * 2 - 1));
    }

    /** A function the quiz can call: its name and locals. */
    record Function(String name, List<Local> locals) {
        String signature() {
            return name + "(" + locals.stream().map(StackQuiz::declare).collect(Collectors.joining(", ")) + ")";
        }
    }

    static String declare(Local local) {
        return switch (local.size()) {
            case 4 -> "i32 " + local.name();
            case 8 -> "i64 " + local.name();
            default -> "byte[" + local.size() + "] " + local.name();
        };
    }

    /** {@code steps} calls and returns drawn from {@code seed}, one question after each. */
    public static List<Question> questions(int steps, long seed) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps " + steps + ": ask for at least 1 step.");
        }
        Random random = new Random(seed);
        StackMemory stack = StackMemory.withCapacity(1 << 16);
        List<String> history = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        Function main = randomFunction(random, NAMES[0]);
        stack.push(main.name(), main.locals().toArray(Local[]::new));
        history.add("call " + main.signature());
        for (int i = 0; i < steps; i++) {
            boolean call = stack.frames().size() == 1 || (stack.frames().size() < 5 && random.nextInt(100) < 60);
            if (call) {
                Function f = randomFunction(random, NAMES[1 + random.nextInt(NAMES.length - 1)]);
                stack.push(f.name(), f.locals().toArray(Local[]::new));
                history.add("  ".repeat(stack.frames().size() - 1) + "call " + f.signature());
            } else {
                StackFrame top = stack.top();
                history.add("  ".repeat(stack.frames().size() - 1) + "return from " + top.function());
                stack.pop(top);
            }
            questions.add(Question.number(List.copyOf(history), "stack_length now (bytes)?", stack.stackLength(),
                    layout(stack)));
        }
        return questions;
    }

    private static Function randomFunction(Random random, String name) {
        List<Local> locals = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String local = String.valueOf((char) ('a' + i));
            locals.add(switch (random.nextInt(3)) {
                case 0 -> Local.i32(local);
                case 1 -> Local.i64(local);
                default -> Local.bytes(local, 1 + random.nextInt(12));
            });
        }
        return new Function(name, locals);
    }

    /** The running frames with their byte ranges and each local's offset. */
    static String layout(StackMemory stack) {
        StringBuilder text = new StringBuilder(RULE + " The running frames:");
        for (StackFrame frame : stack.frames()) {
            text.append("\n  ").append(frame.function()).append(" [").append(frame.start()).append(", ")
                    .append(frame.start() + frame.size()).append("): ");
            text.append(frame.locals().values().stream()
                    .map(l -> l.name() + " at " + frame.indexOf(l.name()) + " (" + l.size() + " B, aligned to "
                            + alignment(l) + ")")
                    .collect(Collectors.joining(", ")));
        }
        return text.append("\n  stack_length = ").append(stack.stackLength())
                .append(" (a return moves it back to the start of the returning frame)").toString();
    }
}
