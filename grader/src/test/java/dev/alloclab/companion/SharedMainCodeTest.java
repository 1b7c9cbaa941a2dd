package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.review.ReviewFlag;
import dev.alloclab.testing.InMemoryJavac;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which shared main classes an exercise's main code reaches ({@link SharedMainCode}), on classes compiled here:
 * the rule that decides whose coverage measures them and whose points a call to the kit's answer in them costs.
 */
class SharedMainCodeTest {
    /** Shared code: Engine uses Helper, Helper uses Node only as an array; Oracle and Peek are used by nothing. */
    private static final Map<String, String> SHARED = Map.of(
            "shared/Engine", """
                    package shared;
                    public class Engine {
                        public int run() { return new Helper().twice(3); }
                    }
                    """,
            "shared/Helper", """
                    package shared;
                    class Helper {
                        int twice(int x) { Node[] nodes = new Node[2]; return nodes.length * x; }
                    }
                    """,
            "shared/Node", """
                    package shared;
                    class Node { }
                    """,
            "shared/Oracle", """
                    package shared;
                    public class Oracle {
                        public static Object firstFit() {
                            return dev.alloclab.core.alloc.ReferenceAllocator.firstFit(
                                    dev.alloclab.core.memory.HeapBytes.withMax(64));
                        }
                    }
                    """,
            "shared/Peek", """
                    package shared;
                    public class Peek {
                        public static Object methods() { return Object.class.getDeclaredMethods(); }
                    }
                    """);

    private static Map<String, byte[]> classes;
    private static SharedMainCode shared;

    @BeforeAll
    static void compile_the_fixture() {
        Map<String, String> sources = new LinkedHashMap<>(SHARED);
        sources.put("ex/Forwarder", """
                package ex;
                public class Forwarder {
                    public int go() { return new shared.Engine().run(); }
                }
                """);
        sources.put("ex/Delegator", """
                package ex;
                public class Delegator {
                    public Object go() { return shared.Oracle.firstFit(); }
                }
                """);
        sources.put("ex/Alone", """
                package ex;
                public class Alone {
                    public int go() { return 1; }
                }
                """);
        classes = compile(sources);
        Map<String, byte[]> sharedClasses = new TreeMap<>();
        classes.forEach((name, bytes) -> {
            if (name.startsWith("shared/")) {
                sharedClasses.put(name, bytes);
            }
        });
        shared = SharedMainCode.of(sharedClasses, classes.keySet(), Set.of());
    }

    @Test
    void an_exercise_reaches_the_shared_classes_its_code_names_and_those_they_name_in_turn() {
        // WHEN the shared classes a forwarder reaches are listed
        Set<String> reached = shared.reachedBy(List.of(classes.get("ex/Forwarder")));
        // THEN Engine, which it calls, and Helper and Node through Engine: not Oracle or Peek, which nothing names
        assertThat(reached).containsExactly("shared/Engine", "shared/Helper", "shared/Node");
    }

    @Test
    void an_exercise_that_names_no_shared_class_reaches_none() {
        assertThat(shared.reachedBy(List.of(classes.get("ex/Alone")))).isEmpty();
    }

    @Test
    void a_call_to_the_kits_answer_in_a_shared_class_counts_as_main_code_only_where_it_is_reached() {
        // GIVEN what an exercise that delegates to Oracle reaches, and what one that does not reaches
        Set<String> delegating = shared.reachedBy(List.of(classes.get("ex/Delegator")));
        Set<String> forwarding = shared.reachedBy(List.of(classes.get("ex/Forwarder")));
        // THEN Oracle's call to ReferenceAllocator is the delegating exercise's main code flag, and not the other's
        assertThat(delegating).containsExactly("shared/Oracle");
        assertThat(shared.mainFlags(delegating)).extracting(ReviewFlag::kind).contains(ReviewFlag.Kind.KIT_ANSWER);
        assertThat(shared.mainFlags(forwarding)).isEmpty();
        assertThat(shared.testFlags(forwarding)).extracting(ReviewFlag::kind)
                .doesNotContain(ReviewFlag.Kind.KIT_ANSWER);
    }

    @Test
    void other_flags_of_an_unreached_shared_class_still_count_as_the_tests_flags() {
        // GIVEN an exercise that does not reach Peek, which uses reflection
        Set<String> reached = shared.reachedBy(List.of(classes.get("ex/Forwarder")));
        // THEN Peek's reflection is among its tests' flags: test code may load a class without naming it in its code
        assertThat(shared.testFlags(reached)).extracting(ReviewFlag::kind).contains(ReviewFlag.Kind.REFLECTION);
        assertThat(shared.mainFlags(reached)).isEmpty();
    }

    @Test
    void a_shared_class_that_calls_the_kits_answer_and_that_no_exercise_reaches_gets_a_note_and_costs_nothing() {
        // GIVEN the exercises graded reach only Engine, Helper and Node
        Set<String> reachedByAny = shared.reachedBy(List.of(classes.get("ex/Forwarder"), classes.get("ex/Alone")));
        // WHEN the notes are written
        List<String> notes = shared.unusedNotes(reachedByAny);
        // THEN one note, for Oracle, naming its call, its line and where the file belongs (none for Peek: no kit answer)
        assertThat(notes).containsExactly("Oracle.java:4 calls ReferenceAllocator.firstFit, the kit's own answer, but no "
                + "exercise's main code uses shared.Oracle, so it costs no points: if it is test support, move it to "
                + "src/test/java (a helper your answer calls must not use the kit's allocators)");
        // AND once an exercise reaches Oracle, there is no note
        assertThat(shared.unusedNotes(shared.reachedBy(List.of(classes.get("ex/Delegator"))))).isEmpty();
    }

    /** Compiles {@code sources} (internal name to text) together against the test classpath; internal name to bytes. */
    private static Map<String, byte[]> compile(Map<String, String> sources) {
        return InMemoryJavac.compile(sources, Map.of());
    }
}
