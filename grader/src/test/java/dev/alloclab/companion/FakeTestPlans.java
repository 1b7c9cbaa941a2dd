package dev.alloclab.companion;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestPlan;

/** Test plans as a launch announces them, built without an engine: for the listeners that count what ran. */
final class FakeTestPlans {
    private FakeTestPlans() {
    }

    /**
     * A plan of one engine with {@code tests} tests named {@code t0()}, {@code t1()}, ...; each is a method of
     * {@code testClass} when it is given (so that the listeners can tell its exercise), else without a source.
     */
    static TestPlan planOf(int tests, String testClass) {
        EngineDescriptor engine = new EngineDescriptor(UniqueId.forEngine("fake"), "fake");
        for (int i = 0; i < tests; i++) {
            UniqueId id = engine.getUniqueId().append("test", "t" + i);
            engine.addChild(new AbstractTestDescriptor(id, "t" + i + "()",
                    testClass == null ? null : MethodSource.from(testClass, "t" + i)) {
                @Override
                public Type getType() {
                    return Type.TEST;
                }
            });
        }
        ConfigurationParameters none = new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.empty();
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return Optional.empty();
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return 0;
            }

            @Override
            public Set<String> keySet() {
                return Set.of();
            }
        };
        OutputDirectoryCreator nowhere = new OutputDirectoryCreator() {
            @Override
            public Path getRootDirectory() {
                return Path.of(".");
            }

            @Override
            public Path createOutputDirectory(TestDescriptor descriptor) {
                return Path.of(".");
            }
        };
        return TestPlan.from(true, List.of(engine), none, nowhere);
    }
}
