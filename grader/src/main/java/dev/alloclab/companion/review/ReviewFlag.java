package dev.alloclab.companion.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One place in a submission's compiled code that uses something the exercises never need and that could
 * tamper with grading: reflection, {@code Unsafe}, loading code at run time, the grader's or the coverage
 * recorder's own classes, processes, the network. Found by {@link CodeReview}; shown to student and
 * instructor as a {@code review:} line.
 *
 * @param kind  what sort of use it is (and whether it withholds the coverage points)
 * @param what  the class member or constant used, as a reader would write it ({@code Method.setAccessible})
 * @param where the source file and line ({@code BumpAllocatorStudentTest.java:14}), or the class's name when
 *              the class file carries no source name
 */
public record ReviewFlag(Kind kind, String what, String where) {
    /**
     * Why code that calls the kit's own answer ({@link Kind#KIT_ANSWER}) earns no points for its tests, as the grader
     * and {@code alloclab check} both say it: the tests measured the kit's code, not the student's.
     */
    public static final String KIT_ANSWER_WHY = "The kit's allocators and VecMetadata's allocating methods are what "
            + "this exercise asks you to write, so the grader's tests measured the kit's code, not yours; write it "
            + "yourself (your tests may still use them as an oracle). If your course allows this, ask your instructor "
            + "to look at it.";

    /** The sorts of use, each with the sentence a report shows. */
    public enum Kind {
        REFLECTION("reflection", true),
        UNSAFE("JDK internals", true),
        CODE_LOADING("loading code at run time", true),
        GRADER_INTERNALS("the grader's or the coverage recorder's own classes", true),
        LIBRARY_INTERNALS("a library's internals (not the test and assertion APIs the exercises use)", true),
        STACK_INSPECTION("stack inspection", true),
        KIT_ANSWER("the kit's own allocators or vec code, which are the exercises' answers", true),
        PROCESS("starting processes", false),
        NETWORK("the network", false);

        private final String description;
        private final boolean withholdsCoverage;

        Kind(String description, boolean withholdsCoverage) {
            this.description = description;
            this.withholdsCoverage = withholdsCoverage;
        }

        /** A few words for the report: "reflection", "starting processes". */
        public String description() {
            return description;
        }

        /**
         * Whether code using this can change what the grader measures. Coverage is recorded inside the JVM the
         * student's code runs in, so code that reaches private members or loads code can mark every line as
         * covered without testing any (an attack the grader's own tests make); its coverage points are withheld.
         * In an allocator's own code the same kinds, and a look at the call stack, could also tell a validated
         * replay from a timed one: its performance points are withheld too.
         */
        public boolean withholdsCoverage() {
            return withholdsCoverage;
        }
    }

    /** The line a report shows: {@code FooTest.java:14 uses Method.setAccessible (reflection)}. */
    public String sentence() {
        return where + " uses " + what + " (" + kind.description() + ")";
    }

    /**
     * The lines a report shows for {@code flags}, one per place and kind: a single statement often makes
     * several uses of one kind ({@code new ProcessBuilder("x").start().waitFor()} is three), and a line each
     * buried the other places ({@code FooTest.java:7 uses new ProcessBuilder, ProcessBuilder.start and
     * Process.waitFor (processes)}).
     */
    public static List<String> sentences(List<ReviewFlag> flags) {
        Map<String, List<String>> usesByPlace = new LinkedHashMap<>();
        Map<String, ReviewFlag> firstByPlace = new LinkedHashMap<>();
        for (ReviewFlag flag : flags) {
            String place = flag.where() + "\u0000" + flag.kind();
            usesByPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(flag.what());
            firstByPlace.putIfAbsent(place, flag);
        }
        List<String> lines = new ArrayList<>();
        firstByPlace.forEach((place, flag) -> {
            List<String> uses = usesByPlace.get(place);
            String what = uses.size() == 1 ? uses.get(0)
                    : String.join(", ", uses.subList(0, uses.size() - 1)) + " and " + uses.get(uses.size() - 1);
            lines.add(new ReviewFlag(flag.kind(), what, flag.where()).sentence());
        });
        return lines;
    }
}
