package dev.alloclab.companion.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.InMemoryJavac;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link CodeReview} on classes compiled from small sources: what it flags, where, and what it leaves alone. */
class CodeReviewTest {

    /** One statement per row: the kind it must be flagged as and the member the flag names. */
    static Stream<Arguments> dangerous_uses() {
        return Stream.of(
                Arguments.of("Object.class.getDeclaredMethods();", ReviewFlag.Kind.REFLECTION, "Class.getDeclaredMethods"),
                Arguments.of("Class.forName(\"x.Y\");", ReviewFlag.Kind.REFLECTION, "Class.forName"),
                Arguments.of("java.util.function.BiFunction<java.lang.reflect.Method, Object, Object> f = (m, o) -> null;"
                        + " java.util.function.Consumer<java.lang.reflect.Field> g = java.lang.reflect.Field::trySetAccessible;",
                        ReviewFlag.Kind.REFLECTION, "AccessibleObject.trySetAccessible"),
                Arguments.of("java.lang.invoke.MethodHandles.lookup();", ReviewFlag.Kind.REFLECTION, "MethodHandles.lookup"),
                Arguments.of("Object u = sun.misc.Unsafe.class;", ReviewFlag.Kind.UNSAFE, "Unsafe"),
                Arguments.of("Object.class.getClassLoader();", ReviewFlag.Kind.CODE_LOADING, "Class.getClassLoader"),
                Arguments.of("new java.net.URLClassLoader(new java.net.URL[0]);", ReviewFlag.Kind.CODE_LOADING, "new URLClassLoader"),
                Arguments.of("javax.tools.ToolProvider.getSystemJavaCompiler();", ReviewFlag.Kind.CODE_LOADING, "ToolProvider.getSystemJavaCompiler"),
                Arguments.of("System.loadLibrary(\"x\");", ReviewFlag.Kind.CODE_LOADING, "System.loadLibrary"),
                Arguments.of("java.util.ServiceLoader.load(Runnable.class).forEach(Runnable::run);",
                        ReviewFlag.Kind.CODE_LOADING, "ServiceLoader.load"),
                Arguments.of("java.util.ResourceBundle.getBundle(\"x.Y\");", ReviewFlag.Kind.CODE_LOADING,
                        "ResourceBundle.getBundle"),
                Arguments.of("java.beans.Beans.instantiate(null, \"x.Y\");", ReviewFlag.Kind.CODE_LOADING,
                        "Beans.instantiate"),
                Arguments.of("new javax.naming.InitialContext().lookup(\"x\");", ReviewFlag.Kind.CODE_LOADING,
                        "new InitialContext"),
                Arguments.of("StackWalker.getInstance().walk(s -> s.count());", ReviewFlag.Kind.STACK_INSPECTION,
                        "StackWalker.getInstance"),
                Arguments.of("class Mine extends RuntimeException { } new Mine().getStackTrace();",
                        ReviewFlag.Kind.STACK_INSPECTION, "Cheat.1Mine.getStackTrace"),
                Arguments.of("new ProcessBuilder(\"ls\");", ReviewFlag.Kind.PROCESS, "new ProcessBuilder"),
                Arguments.of("Runtime.getRuntime().exec(new String[] {\"ls\"});", ReviewFlag.Kind.PROCESS, "Runtime.exec"),
                Arguments.of("new java.net.Socket();", ReviewFlag.Kind.NETWORK, "new Socket"),
                Arguments.of("String s = \"$jac\" + \"ocoData\";", ReviewFlag.Kind.GRADER_INTERNALS, "the text \"$jacocoData\""),
                Arguments.of("org.jacoco.agent.rt.RT.getAgent();", ReviewFlag.Kind.GRADER_INTERNALS, "RT.getAgent"),
                Arguments.of("dev.alloclab.grader.Timings.enabled();", ReviewFlag.Kind.GRADER_INTERNALS, "Timings.enabled"),
                Arguments.of("new com.fasterxml.jackson.databind.ObjectMapper();", ReviewFlag.Kind.LIBRARY_INTERNALS, "new ObjectMapper"),
                Arguments.of("org.junit.platform.commons.support.ReflectionSupport.findMethod(Object.class, \"x\");",
                        ReviewFlag.Kind.LIBRARY_INTERNALS, "ReflectionSupport.findMethod"),
                Arguments.of("org.assertj.core.util.introspection.FieldSupport.extraction();", ReviewFlag.Kind.REFLECTION,
                        "FieldSupport.extraction"));
    }

    @ParameterizedTest
    @MethodSource("dangerous_uses")
    void each_dangerous_use_is_flagged_with_its_kind_member_and_line(String statement, ReviewFlag.Kind kind, String what) {
        // GIVEN a class whose method, on line 3, makes the use
        Map<String, byte[]> classes = compile("p.Cheat", "package p;\nclass Cheat {\n  void m() throws Exception { "
                + statement + " }\n}\n");
        // WHEN it is scanned
        List<ReviewFlag> flags = CodeReview.scan(classes.values(), classes.keySet());
        // THEN the use is among the flags, with its kind and the source line
        assertThat(flags).contains(new ReviewFlag(kind, what, "Cheat.java:3"));
    }

    @Test
    void uses_of_one_kind_on_one_line_make_one_review_line_that_names_them_all() {
        // GIVEN one line that starts a process and waits for it, and another line with one use
        Map<String, byte[]> classes = compile("p.Cheat", "package p;\nclass Cheat {\n  void m() throws Exception { "
                + "new ProcessBuilder(\"true\").start().waitFor(); }\n  void n() throws Exception {\n"
                + "    Class.forName(\"x.Y\"); }\n}\n");
        // WHEN the report lines are made from the flags
        List<String> lines = ReviewFlag.sentences(CodeReview.scan(classes.values(), classes.keySet()));
        // THEN line 3 gives one line for its processes, naming each use, and line 5 its own
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Cheat.java:3 uses ").contains("new ProcessBuilder", "ProcessBuilder.start", " and ")
                .endsWith("(starting processes)");
        assertThat(lines.get(1)).isEqualTo("Cheat.java:5 uses Class.forName (reflection)");
    }

    @Test
    void a_class_that_extends_a_class_loader_is_flagged_for_its_declaration_and_its_constructor() {
        Map<String, byte[]> classes = compile("p.Loader", "package p;\nclass Loader extends ClassLoader {\n}\n");
        assertThat(CodeReview.scan(classes.values(), classes.keySet()))
                .containsExactly(new ReviewFlag(ReviewFlag.Kind.CODE_LOADING, "ClassLoader", "Loader.java"),
                        new ReviewFlag(ReviewFlag.Kind.CODE_LOADING, "new ClassLoader", "Loader.java:2"));
    }

    @Test
    void ordinary_test_code_with_lambdas_records_switches_and_the_course_libraries_is_not_flagged() {
        // GIVEN the kind of code students write: the course's libraries, lambdas, method references, string
        // concatenation and switches, a record, an enum, class literals for names and resources, arrays
        Map<String, byte[]> classes = compile("p.Ordinary", """
                package p;
                import static org.assertj.core.api.Assertions.assertThat;
                import java.util.*;
                import java.util.function.*;
                class Ordinary {
                    record Point(int x, int y) { }
                    enum Colour { RED, GREEN }
                    @org.junit.jupiter.api.Test
                    void works() throws Exception {
                        List<Integer> xs = new ArrayList<>(List.of(3, 1, 2));
                        xs.sort(Comparator.naturalOrder());
                        Function<Integer, String> show = i -> "n=" + i;
                        Supplier<Point> origin = () -> new Point(0, 0);
                        String name = Ordinary.class.getSimpleName() + Point.class.getName();
                        var in = Ordinary.class.getResourceAsStream("/x.rep");
                        int[] copy = new int[] {1, 2}.clone();
                        Object grid = java.lang.reflect.Array.newInstance(int.class, 2);
                        switch (name) { case "a" -> name = "b"; default -> name = "c"; }
                        Colour c = Colour.valueOf("RED");
                        int k = switch (c) { case RED -> 1; case GREEN -> 2; };
                        assertThat(xs).extracting(show).containsExactly("n=1", "n=2", "n=3");
                        assertThat(origin.get()).isEqualTo(new Point(0, 0));
                        org.junit.jupiter.api.Assertions.assertEquals(1, k);
                        net.jqwik.api.Arbitraries.integers().between(1, 9);
                        dev.alloclab.core.memory.HeapBytes.withMax(64);
                        Thread.currentThread().getName();
                        new java.net.URI("file:///x");
                    }
                }
                """);
        // WHEN scanned THEN nothing is flagged
        assertThat(CodeReview.scan(classes.values(), classes.keySet())).isEmpty();
    }

    @Test
    void the_submissions_own_classes_are_fine_whatever_their_package_and_flags_stop_at_the_cap() {
        // GIVEN a student class in a grader-like package, used from another student class, and a class with 60 uses
        StringBuilder many = new StringBuilder("package p;\nclass Many {\n  void m() throws Exception {\n");
        for (int i = 0; i < 60; i++) {
            many.append("    Class.forName(\"x").append(i).append("\");\n");
        }
        many.append("  }\n}\n");
        Map<String, byte[]> classes = new HashMap<>(compile("dev.alloclab.grader.Mine",
                "package dev.alloclab.grader;\npublic class Mine { public static void go() { } }\n"));
        classes.putAll(compile("q.User", "package q;\nclass User { void m() { dev.alloclab.grader.Mine.go(); } }\n",
                classes));
        // WHEN scanned THEN the own class is not the grader's; and one class's flags are capped
        assertThat(CodeReview.scan(classes.values(), classes.keySet())).isEmpty();
        Map<String, byte[]> flood = compile("p.Many", many.toString());
        assertThat(CodeReview.scan(flood.values(), flood.keySet())).hasSize(CodeReview.MAX_FLAGS);
    }

    @Test
    void main_code_that_delegates_to_the_kits_answers_is_flagged_and_tests_that_use_them_as_an_oracle_are_not() {
        // GIVEN an "allocator" that forwards to the kit's ReferenceAllocator, and a vec that calls VecMetadata.push
        Map<String, byte[]> allocator = compile("p.Forwarding", """
                package p;
                import dev.alloclab.core.alloc.ReferenceAllocator;
                import dev.alloclab.core.memory.HeapBytes;
                class Forwarding {
                  Object make(HeapBytes heap) { return ReferenceAllocator.builder(heap).build(); }
                }
                """);
        Map<String, byte[]> vec = compile("p.Vec", """
                package p;
                import dev.alloclab.core.alloc.Heap;
                import dev.alloclab.core.vec.VecMetadata;
                class Vec {
                  VecMetadata metadata = VecMetadata.empty();
                  void push(Heap heap, int value) {
                    metadata = metadata.push(heap, value);
                  }
                  int length() { return metadata.length(); }
                }
                """);
        // WHEN they are scanned as main code
        List<ReviewFlag> forwarding = CodeReview.scanMain(allocator.values(), allocator.keySet(), Set.of());
        List<ReviewFlag> pushing = CodeReview.scanMain(vec.values(), vec.keySet(), Set.of());
        // THEN the delegations are flagged, with their lines; VecMetadata's record methods are not
        assertThat(forwarding).contains(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "ReferenceAllocator.builder",
                "Forwarding.java:5"));
        assertThat(pushing).containsExactly(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "VecMetadata.push", "Vec.java:7"));
        assertThat(ReviewFlag.Kind.KIT_ANSWER.withholdsCoverage()).isTrue();
        // AND the same classes scanned as test code (an oracle in a student's test) are not flagged
        assertThat(CodeReview.scan(allocator.values(), allocator.keySet(), Set.of())).isEmpty();
        assertThat(CodeReview.scan(vec.values(), vec.keySet(), Set.of())).isEmpty();
    }

    @Test
    void main_code_that_reaches_cores_allocator_registry_is_a_kit_answer_whatever_the_route() {
        // GIVEN a segregated-fits "allocator" that takes core's registered `segregated` through ServiceLoader (QA 18,
        // hostile 11), one that builds the implicit list through its nested Factory, and one that replays on a
        // registered allocator by name; and a class that uses Replayer only on its own allocator
        Map<String, byte[]> registry = compile("p.ViaRegistry", """
                package p;
                import dev.alloclab.core.alloc.Allocator;
                import dev.alloclab.core.alloc.AllocatorFactory;
                import dev.alloclab.core.memory.HeapBytes;
                import java.util.ServiceLoader;
                class ViaRegistry {
                  Allocator make(HeapBytes heap) {
                    for (var f : ServiceLoader.load(AllocatorFactory.class, Allocator.class.getClassLoader())) {
                      if (f.name().equals("segregated")) { return f.create(heap); }
                    }
                    return null;
                  }
                }
                """);
        Map<String, byte[]> nested = compile("p.ViaFactory", """
                package p;
                import dev.alloclab.core.memory.HeapBytes;
                class ViaFactory {
                  Object make(HeapBytes heap) { return new dev.alloclab.core.alloc.ImplicitListAllocator.Factory().create(heap); }
                }
                """);
        Map<String, byte[]> byName = compile("p.ViaReplayer", """
                package p;
                import dev.alloclab.core.trace.Replayer;
                class ViaReplayer {
                  Object make() { return Replayer.forAllocator("segregated"); }
                }
                """);
        Map<String, byte[]> ownReplay = compile("p.OwnReplay", """
                package p;
                import dev.alloclab.core.trace.Replayer;
                class OwnReplay {
                  Object make() { return Replayer.using("mine", heap -> null).runs(3); }
                }
                """);
        // WHEN they are scanned as main code
        // THEN each route to a registered allocator is a kit answer, named with its line; Replayer.using is not
        assertThat(CodeReview.scanMain(registry.values(), registry.keySet(), Set.of()))
                .contains(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "AllocatorFactory", "ViaRegistry.java:8"),
                        new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "AllocatorFactory.create", "ViaRegistry.java:9"));
        assertThat(CodeReview.scanMain(nested.values(), nested.keySet(), Set.of()))
                .contains(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "new ImplicitListAllocator.Factory", "ViaFactory.java:4"));
        assertThat(CodeReview.scanMain(byName.values(), byName.keySet(), Set.of()))
                .containsExactly(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "Replayer.forAllocator", "ViaReplayer.java:4"));
        assertThat(CodeReview.scanMain(ownReplay.values(), ownReplay.keySet(), Set.of())).isEmpty();
        // AND as test code (an oracle) the registry is fine; ServiceLoader stays what it always was there
        assertThat(CodeReview.scan(byName.values(), byName.keySet(), Set.of())).isEmpty();
        assertThat(CodeReview.scan(registry.values(), registry.keySet(), Set.of())).extracting(ReviewFlag::kind)
                .doesNotContain(ReviewFlag.Kind.KIT_ANSWER);
    }

    @Test
    void main_code_that_loads_a_kit_answer_by_its_name_through_reflection_is_a_kit_answer() {
        // GIVEN a segregated-fits "allocator" that reaches core's registry only through reflection (no type of it in
        // its class file), and one that loads a class of the segregated package by name
        Map<String, byte[]> reflective = compile("p.ViaReflection", """
                package p;
                import dev.alloclab.core.alloc.Allocator;
                import dev.alloclab.core.memory.HeapBytes;
                class ViaReflection {
                  Allocator make(HeapBytes heap) throws ReflectiveOperationException {
                    Class<?> registry = Class.forName("dev.alloclab.core.alloc.Allocators");
                    return (Allocator) registry.getMethod("create", String.class, HeapBytes.class)
                        .invoke(null, "segregated", heap);
                  }
                  Object other() throws ReflectiveOperationException {
                    return Class.forName("dev.alloclab.core.alloc.segregated.SegregatedAllocator");
                  }
                }
                """);
        Map<String, byte[]> plain = compile("p.Messages", """
                package p;
                class Messages {
                  String why() { return "dev.alloclab.core.alloc.Allocator says: sizes are ints"; }
                }
                """);
        // WHEN they are scanned as main code
        // THEN each name of a kit answer is a kit answer at its line; the Allocator interface's name is not
        assertThat(CodeReview.scanMain(reflective.values(), reflective.keySet(), Set.of()))
                .contains(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "\"dev.alloclab.core.alloc.Allocators\" by name",
                                "ViaReflection.java:6"),
                        new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER,
                                "\"dev.alloclab.core.alloc.segregated.Segre...\" by name", "ViaReflection.java:11"));
        assertThat(CodeReview.scanMain(plain.values(), plain.keySet(), Set.of())).isEmpty();
        // AND in test code the same names are fine (an oracle may be loaded any way)
        assertThat(CodeReview.scan(reflective.values(), reflective.keySet(), Set.of())).extracting(ReviewFlag::kind)
                .doesNotContain(ReviewFlag.Kind.KIT_ANSWER);
    }

    @Test
    void a_frame_stack_that_delegates_to_cores_stack_memory_is_flagged() {
        // GIVEN a FrameStack whose push hands the frame to core's StackMemory (the class the exercise rebuilds)
        Map<String, byte[]> stack = compile("p.Frames", """
                package p;
                import dev.alloclab.core.memory.StackMemory;
                class Frames {
                  final StackMemory memory = StackMemory.withCapacity(64);
                  int length() { return memory.stackLength(); }
                }
                """);
        // WHEN it is scanned as main code, and as test code
        // THEN main code is flagged at each use, tests are not
        assertThat(CodeReview.scanMain(stack.values(), stack.keySet(), Set.of())).extracting(ReviewFlag::kind)
                .containsOnly(ReviewFlag.Kind.KIT_ANSWER).isNotEmpty();
        assertThat(CodeReview.scan(stack.values(), stack.keySet(), Set.of())).isEmpty();
    }

    @Test
    void a_try_out_main_on_the_kits_allocator_is_not_a_kit_answer_unless_the_code_calls_a_main() {
        // GIVEN a vec whose main tries it out on ReferenceAllocator.firstFit, the only heap there is outside a test
        // (QA owntests27 finding 3: the whole exercise was withheld, "the grader's tests measured the kit's code")
        String tryOut = """
                package p;
                import dev.alloclab.core.alloc.ReferenceAllocator;
                import dev.alloclab.core.memory.HeapBytes;
                public class Vec {
                  int length;
                  void push(int value) { length++; }
                  public static void main(String[] args) {
                    System.out.println(ReferenceAllocator.firstFit(HeapBytes.withMax(1024)).alloc(8));
                  }
                }
                """;
        Map<String, byte[]> alone = compile("p.Vec", tryOut);
        // THEN it is not flagged
        assertThat(CodeReview.scanMain(alone.values(), alone.keySet(), Set.of())).isEmpty();
        // AND once push calls main, the call in main is the exercise's code, and flagged with its line
        Map<String, byte[]> called = compile("p.Vec", tryOut.replace("length++; }", "length++; main(null); }"));
        assertThat(CodeReview.scanMain(called.values(), called.keySet(), Set.of()))
                .contains(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, "ReferenceAllocator.firstFit", "Vec.java:8"))
                .allMatch(flag -> flag.kind() == ReviewFlag.Kind.KIT_ANSWER);
    }

    @Test
    void bytes_that_are_not_a_class_file_are_skipped() {
        assertThat(CodeReview.scan(List.of(new byte[] {1, 2, 3}, new byte[0]), Set.of())).isEmpty();
    }

    // --- an in-memory javac ---

    private static Map<String, byte[]> compile(String className, String source) {
        return compile(className, source, Map.of());
    }

    /** Compiles one source in memory (against the test classpath, plus {@code others}); returns internal name to bytes. */
    private static Map<String, byte[]> compile(String className, String source, Map<String, byte[]> others) {
        return new HashMap<>(InMemoryJavac.compile(Map.of(className, source), others));
    }
}
