package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import dev.alloclab.core.NotImplemented;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.memory.HeapBytes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A learner's own allocator of one exercise, compiled from their project and loaded, for {@code alloclab measure}:
 * the Malloc Lab driver's table (validity, utilization, throughput per trace) for the class they wrote, where
 * {@code alloclab bench} measures only the kit's registered allocators.
 *
 * <p>The exercise's main code and the shared main code are compiled in a fresh {@link ExerciseWorkspace} under
 * {@value #WORK_FOLDER} (never Maven's {@code target/classes}, so what is measured is the source as it is now, and
 * another exercise's compile error cannot stop it), then loaded by a class loader whose parent is the kit's, so the
 * learner's class and the bench share one {@code Allocator} interface. The workspace stays until {@link #close()}: the
 * JVM may load a class of theirs at any point of the replay.
 *
 * <p>Which allocators a class gives: one per way its public constructor can be called. Its first parameter is the
 * {@code HeapBytes}; an {@code int} after it is buddy's arena (the largest power of two the heap limit holds); each
 * enum parameter takes every constant in turn, so explicit-list is measured once per placement and list order, and
 * its table compares the policies side by side.
 */
public final class LearnerAllocators implements AutoCloseable {
    /** The folder (under the exercises project) the measurements' own folders are made in. */
    public static final String WORK_FOLDER = "target/alloclab-measure";
    /** The exercises whose main class is an allocator, and that class's simple name. */
    private static final Map<String, String> ALLOCATOR_CLASSES = Map.of("bump", "BumpAllocator",
            "implicit-list", "ImplicitFreeListAllocator", "explicit-list", "ExplicitFreeListAllocator",
            "segregated-fits", "SegregatedFitsAllocator", "buddy", "BuddyAllocator");

    private final ExerciseWorkspace work;
    private final URLClassLoader loader;
    private final Map<String, Function<HeapBytes, Allocator>> allocators;
    private final int arenaBytes;
    private final List<String> notes;
    private final AtomicBoolean constructorThrewLater = new AtomicBoolean();

    private LearnerAllocators(ExerciseWorkspace work, URLClassLoader loader,
                              Map<String, Function<HeapBytes, Allocator>> allocators, int arenaBytes, List<String> notes) {
        this.work = work;
        this.loader = loader;
        this.allocators = new LinkedHashMap<>();
        allocators.forEach((name, factory) -> this.allocators.put(name, heap -> {
            try {
                return factory.apply(heap);
            } catch (ConstructorThrew e) {
                constructorThrewLater.set(true);
                throw e;
            }
        }));
        this.arenaBytes = arenaBytes;
        this.notes = List.copyOf(notes);
    }

    /**
     * The learner's code cannot be measured yet: it does not compile, is not started, or lacks the starter's class,
     * its {@code implements Allocator} or its constructor. A failed check (exit 1), not bad input.
     */
    public static final class NotReady extends KitException {
        private static final long serialVersionUID = 1L;

        NotReady(String message) {
            super(message);
        }
    }

    /**
     * The learner's constructor threw on a construction after the first (each trace and each timed run makes a fresh
     * allocator): a replay counts it against that trace, and the run ends as a failed check, not as bad input.
     */
    public static final class ConstructorThrew extends KitException {
        private static final long serialVersionUID = 1L;

        ConstructorThrew(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The simple name of {@code exercise}'s allocator class.
     *
     * @throws KitException when the exercise is no allocator, naming those that are
     */
    public static String requireAllocator(Exercise exercise) {
        String simpleName = ALLOCATOR_CLASSES.get(exercise.id());
        if (simpleName == null) {
            throw new KitException("'" + exercise.id() + "' is not an allocator, so there is nothing to replay traces"
                    + " on: measure takes " + String.join(", ", exerciseIds()) + ". Check " + exercise.id()
                    + " with ./alloclab check " + exercise.id() + ".");
        }
        return simpleName;
    }

    /** The exercises {@code measure} takes, in the curriculum's order. */
    public static List<String> exerciseIds() {
        return Curriculum.exercises().stream().map(Exercise::id).filter(ALLOCATOR_CLASSES::containsKey).toList();
    }

    /**
     * Compiles and loads {@code exercise}'s allocator from {@code project}.
     *
     * @param maxHeapBytes the heap limit the replays will use (buddy's arena is the largest power of two in it)
     * @param progress     told what is being done, a line at a time
     * @throws KitException with one sentence when the exercise is not an allocator; {@link NotReady} when it does not
     *     compile, lacks its class or constructor, or is not started (its constructor, {@code alloc} or
     *     {@code dealloc} is still a stub)
     */
    public static LearnerAllocators load(LearnerProject project, Exercise exercise, int maxHeapBytes,
                                         java.util.function.Consumer<String> progress) {
        String simpleName = requireAllocator(exercise);
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, WORK_FOLDER);
        URLClassLoader loader = null;
        try {
            List<String> errors = work.compile(ExerciseWorkspace.concat(sources.sharedMain(), sources.main()), List.of());
            if (!errors.isEmpty()) {
                throw new NotReady(exercise.id() + " does not compile, so it cannot be measured. The compiler says:\n  "
                        + String.join("\n  ", SiblingPackages.explain(errors)));
            }
            loader = new URLClassLoader("learner-" + exercise.id(), work.classpath(),
                    LearnerAllocators.class.getClassLoader());
            String className = exercise.javaPackage() + "." + simpleName;
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new NotReady("no class " + className + " in " + project.sources()
                        + ": measure replays traces on that class. Keep the starter's file name and package.");
            }
            Constructor<?> constructor = constructorOf(type);
            Map<String, Function<HeapBytes, Allocator>> made = allocatorsOf(constructor, exercise, maxHeapBytes);
            progress.accept("measure: making your " + exercise.id() + " and trying one alloc(8) and its dealloc...");
            List<String> notes = new ArrayList<>();
            Map<String, Function<HeapBytes, Allocator>> usable = new LinkedHashMap<>();
            NotReady firstRefusal = null;
            for (Map.Entry<String, Function<HeapBytes, Allocator>> variant : made.entrySet()) {
                try {
                    probe(variant.getValue(), exercise, maxHeapBytes);
                    usable.put(variant.getKey(), variant.getValue());
                } catch (NotReady refused) {
                    // one policy not written yet (explicit-list's next fit, say) costs that table, not the others
                    firstRefusal = firstRefusal == null ? refused : firstRefusal;
                    notes.add(variant.getKey() + ": not measured: " + refused.getMessage());
                }
            }
            if (usable.isEmpty()) {
                throw firstRefusal;
            }
            boolean takesArena = Arrays.asList(constructor.getParameterTypes()).contains(int.class);
            return new LearnerAllocators(work, loader, usable, takesArena ? Integer.highestOneBit(maxHeapBytes) : 0,
                    made.size() == 1 ? List.of() : notes);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader);
            work.close();
            throw e;
        }
    }

    /** Name to factory, in a stable order: "your segregated-fits", or one per enum constant combination. */
    public Map<String, Function<HeapBytes, Allocator>> allocators() {
        return allocators;
    }

    /** One line per way of making the class that could not be measured (a policy whose constructor still throws). */
    public List<String> notes() {
        return notes;
    }

    /** Whether a constructor call during the replays threw (one made before them worked), so traces were left out. */
    public boolean constructorThrewLater() {
        return constructorThrewLater.get();
    }

    /** The arena a constructor with an {@code int} (buddy's) was given, or 0 when it takes none. */
    public int arenaBytes() {
        return arenaBytes;
    }

    @Override
    public void close() {
        closeQuietly(loader);
        work.close();
    }

    /** The public constructor that takes the heap first, then only ints and enum constants. */
    private static Constructor<?> constructorOf(Class<?> type) {
        if (!Allocator.class.isAssignableFrom(type)) {
            throw new NotReady(type.getName() + " does not implement Allocator, so it cannot replay traces. Keep the"
                    + " starter's 'implements Allocator'.");
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw new NotReady(type.getName() + " is abstract, so measure cannot make one to replay traces on. Keep the"
                    + " starter's 'public final class'.");
        }
        return Arrays.stream(type.getConstructors())
                .filter(c -> c.getParameterCount() > 0 && c.getParameterTypes()[0] == HeapBytes.class)
                .filter(c -> Arrays.stream(c.getParameterTypes()).skip(1).allMatch(p -> p == int.class || p.isEnum()))
                .findFirst()
                .orElseThrow(() -> new NotReady(type.getName() + " has no public constructor that takes the heap first"
                        + " (and then only an int or enum constants), as the starter's has: measure cannot make one."));
    }

    private static Map<String, Function<HeapBytes, Allocator>> allocatorsOf(Constructor<?> constructor, Exercise exercise,
                                                                           int maxHeapBytes) {
        List<List<Object>> argumentLists = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        argumentLists.add(new ArrayList<>());
        labels.add(new ArrayList<>());
        int arena = Integer.highestOneBit(maxHeapBytes);
        for (Class<?> parameter : Arrays.asList(constructor.getParameterTypes()).subList(1, constructor.getParameterCount())) {
            List<List<Object>> nextArguments = new ArrayList<>();
            List<List<String>> nextLabels = new ArrayList<>();
            Object[] choices = parameter == int.class ? new Object[] {arena} : parameter.getEnumConstants();
            for (int i = 0; i < argumentLists.size(); i++) {
                for (Object choice : choices) {
                    List<Object> arguments = new ArrayList<>(argumentLists.get(i));
                    arguments.add(choice);
                    nextArguments.add(arguments);
                    List<String> label = new ArrayList<>(labels.get(i));
                    label.add(parameter == int.class ? "arena of " + sizeWords(arena)
                            : ((Enum<?>) choice).name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    nextLabels.add(label);
                }
            }
            argumentLists = nextArguments;
            labels = nextLabels;
        }
        Map<String, Function<HeapBytes, Allocator>> made = new LinkedHashMap<>();
        for (int i = 0; i < argumentLists.size(); i++) {
            List<Object> arguments = argumentLists.get(i);
            String name = "your " + exercise.id() + (labels.get(i).isEmpty() ? "" : " (" + String.join(", ", labels.get(i)) + ")");
            made.put(name, heap -> construct(constructor, heap, arguments));
        }
        if (made.isEmpty()) {
            throw new NotReady(constructor.getDeclaringClass().getName() + "'s constructor takes an enum without constants: measure cannot make one.");
        }
        return made;
    }

    /**
     * A new allocator over {@code heap}. A stub's {@code NotImplemented} and an {@code Error} are thrown as they are;
     * any other exception of the constructor as a {@link ConstructorThrew} that says so, which a replay counts against
     * that trace (a constructor that throws only on a later call) instead of ending the whole measurement.
     */
    private static Allocator construct(Constructor<?> constructor, HeapBytes heap, List<Object> rest) {
        Object[] arguments = new Object[rest.size() + 1];
        arguments[0] = heap;
        for (int i = 0; i < rest.size(); i++) {
            arguments[i + 1] = rest.get(i);
        }
        try {
            return (Allocator) constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NotImplemented | cause instanceof KitException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ConstructorThrew("its constructor threw " + FailureLine.of(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new KitException("cannot call " + constructor + ": " + e.getMessage()
                    + (Modifier.isAbstract(constructor.getDeclaringClass().getModifiers()) ? " (the class is abstract)" : ""), e);
        }
    }

    /**
     * One allocation and its free on a fresh heap, before any trace: a stub still throwing {@code NotImplemented}
     * would fail every trace with the same message, where one sentence says it once.
     */
    private static void probe(Function<HeapBytes, Allocator> factory, Exercise exercise, int maxHeapBytes) {
        Allocator allocator;
        try {
            allocator = factory.apply(HeapBytes.withMax(maxHeapBytes));
        } catch (NotImplemented stub) {
            throw notStarted(exercise, stub);
        } catch (ExceptionInInitializerError broken) {
            // every replay would fail the same way before its first operation: said once, with where it was thrown
            throw new NotReady("your " + exercise.id() + "'s class cannot be loaded: its static initializer threw "
                    + FailureLine.of(broken.getCause() == null ? broken : broken.getCause()) + ".");
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            Throwable thrown = broken instanceof KitException && broken.getCause() != null ? broken.getCause() : broken;
            throw new NotReady("your " + exercise.id() + "'s constructor threw " + FailureLine.of(thrown)
                    + ", so there is no allocator to replay traces on.");
        }
        try {
            int block = allocator.alloc(8);
            allocator.dealloc(block);
        } catch (NotImplemented stub) {
            throw notStarted(exercise, stub);
        } catch (RuntimeException | StackOverflowError otherwise) {
            // a broken allocator is what the replay's report shows, with the operation and a picture of the heap
        }
    }

    private static NotReady notStarted(Exercise exercise, NotImplemented stub) {
        return new NotReady(exercise.id() + " is not started yet, so there is nothing to measure: "
                + stub.getMessage() + ". Do the exercise first (./alloclab hint " + exercise.id() + ").");
    }

    private static String sizeWords(int bytes) {
        return bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB" : bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader == null) {
            return;
        }
        try {
            loader.close();
        } catch (java.io.IOException ignored) {
            // the workspace is deleted next, whatever the loader still holds
        }
    }
}
