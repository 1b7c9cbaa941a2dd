package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackFrame;
import dev.alloclab.core.memory.StackMemory;
import dev.alloclab.core.vec.VecMetadata;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public method and constructor of core's public classes, called with {@code null} for one of its object
 * arguments at a time (the others are ordinary values), answers with a sentence ({@code IllegalArgumentException}
 * from {@link Checks#notNull}, or a {@link KitException}), never with a bare {@code NullPointerException} from deep
 * inside the kit: a learner who passes a null should read which argument it was, at the call they wrote.
 *
 * <p>The classes are found in core's compiled classes, so a new public method is checked without a change here. A
 * method whose other arguments this test cannot make is skipped; {@link #MIN_CALLS} keeps the scan from shrinking to
 * nothing unnoticed. Left out: the {@code valueOf(String)} the compiler writes for every enum, {@code equals}, and
 * {@code main}.
 */
class PublicApiNullArgumentsTest {
    /** Fewer calls than this means the scan lost its samples: a change here, not a pass. */
    private static final int MIN_CALLS = 150;

    @TempDir
    Path temp;

    private final Map<Class<?>, Supplier<Object>> samples = new HashMap<>();

    private void knownSamples() {
        samples.put(HeapBytes.class, () -> HeapBytes.withMax(4096));
        samples.put(ReferenceAllocator.class, () -> ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        samples.put(Allocator.class, samples.get(ReferenceAllocator.class));
        samples.put(PlainHeap.class, () -> PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096))));
        samples.put(Heap.class, samples.get(PlainHeap.class));
        samples.put(CheckedHeap.class, () -> CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096))));
        samples.put(StackMemory.class, () -> StackMemory.withCapacity(256));
        samples.put(StackFrame.class, () -> StackMemory.withCapacity(256).push("main", Local.i32("n")));
        samples.put(VecMetadata.class, () -> VecMetadata.of(PlainHeap.over(ReferenceAllocator.firstFit(
                HeapBytes.withMax(4096))), 1, 2, 3));
        samples.put(Exercise.class, () -> Curriculum.named("bump"));
        samples.put(ExampleRun.class, () -> WorkedExample.run(DeallocStrategy.AFTER_LAST_USE,
                PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))));
        samples.put(Violation.class, PublicApiNullArgumentsTest::doubleFree);
        samples.put(IOException.class, () -> new IOException("disk full"));
        samples.put(Path.class, () -> temp.resolve("out.txt"));
    }

    private static Violation doubleFree() {
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        int index = heap.alloc(16);
        heap.dealloc(index);
        try {
            heap.dealloc(index);
        } catch (ViolationException e) {
            return e.violation();
        }
        throw new AssertionError("the checked heap let a double free through");
    }

    @Test
    void no_public_method_of_core_answers_a_null_argument_with_a_bare_null_pointer_exception() throws Exception {
        // GIVEN every public constructor and method of core's public classes, with ordinary values for its arguments
        knownSamples();
        List<String> bare = new ArrayList<>();
        int calls = 0;
        for (Class<?> type : publicClasses()) {
            for (Executable executable : publicExecutables(type)) {
                Class<?>[] parameters = executable.getParameterTypes();
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i].isPrimitive()) {
                        continue;
                    }
                    // WHEN one object argument is null
                    Optional<Object[]> arguments = argumentsWithNullAt(parameters, i);
                    Object receiver = isInstanceMethod(executable) ? sample(type, 0) : null;
                    if (arguments.isEmpty() || isInstanceMethod(executable) && receiver == null) {
                        break;
                    }
                    calls++;
                    Throwable thrown = call(executable, receiver, arguments.get());
                    // THEN the answer is never a NullPointerException
                    if (thrown instanceof NullPointerException npe) {
                        bare.add(describe(executable, i) + ": " + npe);
                    }
                }
            }
        }
        assertThat(bare).as("null arguments answered with a bare NullPointerException; check each with "
                + "Checks.notNull(value, \"name\") before use").isEmpty();
        assertThat(calls).as("calls made (the scan's samples shrank?)").isGreaterThanOrEqualTo(MIN_CALLS);
    }

    private static boolean isInstanceMethod(Executable executable) {
        return executable instanceof Method method && !Modifier.isStatic(method.getModifiers());
    }

    private static Throwable call(Executable executable, Object receiver, Object[] arguments) {
        try {
            if (executable instanceof Method method) {
                method.invoke(receiver, arguments);
            } else {
                ((Constructor<?>) executable).newInstance(arguments);
            }
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + executable, e);
        }
    }

    private static String describe(Executable executable, int nullAt) {
        return executable.getDeclaringClass().getName().replace("dev.alloclab.core.", "") + "."
                + (executable instanceof Constructor ? "<init>" : executable.getName())
                + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"))
                + " with null for argument " + (nullAt + 1);
    }

    private Optional<Object[]> argumentsWithNullAt(Class<?>[] parameters, int nullAt) {
        Object[] arguments = new Object[parameters.length];
        for (int j = 0; j < parameters.length; j++) {
            if (j != nullAt) {
                arguments[j] = sample(parameters[j], 0);
                if (arguments[j] == null) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(arguments);
    }

    /** Core's public classes, nested ones too, from its compiled classes. */
    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Checks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/alloclab/core"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace(file.getFileSystem()
                        .getSeparator(), ".");
                if (name.endsWith("package-info") || name.matches(".*\\$\\d.*")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PublicApiNullArgumentsTest.class.getClassLoader());
                if (isPublicAllTheWay(type)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    private static boolean isPublicAllTheWay(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<Executable> publicExecutables(Class<?> type) {
        List<Executable> executables = new ArrayList<>();
        if (!Modifier.isAbstract(type.getModifiers())) {
            executables.addAll(List.of(type.getConstructors()));
        }
        for (Method method : type.getDeclaredMethods()) {
            boolean enumValueOf = type.isEnum() && method.getName().equals("valueOf");
            if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge() && !enumValueOf
                    && !Modifier.isAbstract(method.getModifiers())
                    && !method.getName().equals("equals") && !method.getName().equals("main")) {
                executables.add(method);
            }
        }
        executables.sort(java.util.Comparator.comparing(Executable::toString));
        return executables;
    }

    /** An ordinary value of {@code type}, or null when this test cannot make one. */
    private Object sample(Class<?> type, int depth) {
        Object plain = plainSample(type);
        if (plain != null) {
            return plain;
        }
        if (samples.containsKey(type)) {
            return samples.get(type).get();
        }
        if (depth > 3 || !type.getName().startsWith("dev.alloclab.core.")) {
            return null;
        }
        if (type.isInterface()) {
            return type.isAnnotationPresent(FunctionalInterface.class) ? doNothing(type) : null;
        }
        // a public static factory of the type, else a public constructor, with samples for their arguments
        for (Method factory : type.getMethods()) {
            if (Modifier.isStatic(factory.getModifiers()) && factory.getReturnType() == type) {
                Object made = tryMake(factory, depth);
                if (made != null) {
                    return made;
                }
            }
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            Object made = tryMake(constructor, depth);
            if (made != null) {
                return made;
            }
        }
        return null;
    }

    private Object tryMake(Executable maker, int depth) {
        Object[] arguments = new Object[maker.getParameterCount()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = sample(maker.getParameterTypes()[i], depth + 1);
            if (arguments[i] == null) {
                return null;
            }
        }
        try {
            return maker instanceof Method method ? method.invoke(null, arguments)
                    : ((Constructor<?>) maker).newInstance(arguments);
        } catch (ReflectiveOperationException | RuntimeException cannot) {
            return null;
        }
    }

    private static Object plainSample(Class<?> type) {
        if (type == Integer.class) {
            return 8;
        } else if (type == Long.class) {
            return 8L;
        } else if (type == Double.class) {
            return 0.5;
        } else if (type == Boolean.class) {
            return false;
        } else if (type == String.class || type == CharSequence.class || type == Object.class) {
            return "first-fit";
        } else if (type == Duration.class) {
            return Duration.ofMillis(1);
        } else if (type == List.class || type == Collection.class || type == Iterable.class) {
            return List.of();
        } else if (type == Map.class) {
            return Map.of();
        } else if (type == Set.class) {
            return Set.of();
        } else if (type == Optional.class) {
            return Optional.empty();
        } else if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type.isPrimitive()) {
            return type == boolean.class ? (Object) false : type == long.class ? (Object) 8L
                    : type == double.class ? (Object) 0.5 : type == float.class ? (Object) 0.5f
                    : type == char.class ? (Object) 'a' : type == byte.class ? (Object) (byte) 8
                    : type == short.class ? (Object) (short) 8 : (Object) 8;
        } else if (type.getName().startsWith("java.util.function.")) {
            return doNothing(type);
        }
        return null;
    }

    /** A lambda-like value of a functional interface that does nothing and answers defaults. */
    private static Object doNothing(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Class<?> r = method.getReturnType();
            if (method.getName().equals("toString")) {
                return "a do-nothing " + type.getSimpleName();
            }
            return r == boolean.class ? false : r == int.class ? 0 : r == long.class ? 0L : r == double.class ? 0.0
                    : r == String.class ? "" : null;
        });
    }
}
