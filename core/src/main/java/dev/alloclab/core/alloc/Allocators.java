package dev.alloclab.core.alloc;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The allocator registry: every {@link AllocatorFactory} on the classpath, by name.
 *
 * <pre>{@code
 * Allocator allocator = Allocators.create("first-fit", HeapBytes.mallocLabSized());
 * }</pre>
 */
public final class Allocators {
    private static volatile Map<String, AllocatorFactory> registry;

    private Allocators() {
    }

    /** All registered factories, sorted by name. */
    public static Map<String, AllocatorFactory> all() {
        Map<String, AllocatorFactory> loaded = registry;
        if (loaded == null) {
            loaded = load(Allocators.class.getClassLoader());
            registry = loaded;
        }
        return loaded;
    }

    /** The factories a given class loader sees (the grader uses this for submissions). */
    public static Map<String, AllocatorFactory> load(ClassLoader loader) {
        Map<String, AllocatorFactory> byName = new TreeMap<>();
        for (AllocatorFactory factory : ServiceLoader.load(AllocatorFactory.class, loader)) {
            AllocatorFactory previous = byName.putIfAbsent(factory.name(), factory);
            if (previous != null && previous.getClass() != factory.getClass()) {
                throw new KitException("two allocators are registered as '" + factory.name() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName()
                        + ". Give one of them another name().");
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The factory called {@code name}, or a {@link KitException} that lists the names there are. */
    public static AllocatorFactory named(String name) {
        AllocatorFactory factory = all().get(Checks.notNull(name, "the allocator's name"));
        if (factory == null) {
            throw new KitException("no allocator is called '" + name + "'. Known allocators: "
                    + String.join(", ", all().keySet()) + ". Run 'alloclab list' to see what each does.");
        }
        return factory;
    }

    /** A fresh allocator called {@code name} over {@code heap}. */
    public static Allocator create(String name, HeapBytes heap) {
        return named(name).create(heap);
    }
}
