package dev.alloclab.exercises.support;

import dev.alloclab.core.course.Exercise;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Tells a {@code -Dtest} run that still selects every visible test of the course from one that leaves some out.
 *
 * <p>Why: the kit's fast loop is {@code mvn test -pl exercises -am -Dtest='dev.alloclab.exercises.**'} (core's own
 * suite is slow), so a filter is not by itself a sign that exercises are missing. Such a run is a whole run: its
 * table names the next exercise and its summary is written. A filter that drops a class or a method
 * ({@code -Dtest=IntVecTest#free*}) is not.
 *
 * <p>How: the visible tests there are come from a discovery of {@value Exercise#BASE_PACKAGE} without any filter but
 * Surefire's default class names ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}); the run is whole
 * when every one of them that belongs to a course exercise is in the plan that ran. The discovery runs no test and
 * happens only for a filtered run.
 */
final class WholeRun {
    /** Surefire's default includes, as regular expressions over a fully qualified class name. */
    private static final String[] SUREFIRE_CLASS_NAMES = {".*\\.Test[^.]*", ".*Test", ".*Tests", ".*TestCase"};

    private WholeRun() {
    }

    /** True when {@code ran} holds every visible test of the exercises in {@code course}. */
    static boolean selectsEveryVisibleTest(TestPlan ran, List<Exercise> course) {
        TestPlan all = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(Exercise.BASE_PACKAGE))
                .filters(ClassNameFilter.includeClassNamePatterns(SUREFIRE_CLASS_NAMES))
                .build());
        Set<String> ranIds = new HashSet<>();
        everyIdentifier(ran).forEach(id -> ranIds.add(id.getUniqueId()));
        return everyIdentifier(all).filter(id -> isVisibleTestOf(id, course))
                .allMatch(id -> ranIds.contains(id.getUniqueId()));
    }

    private static Stream<TestIdentifier> everyIdentifier(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> Stream.concat(Stream.of(root), plan.getDescendants(root).stream()));
    }

    /** A test method (or a property, a parameterized test) of a visible test class of one of the course's exercises. */
    private static boolean isVisibleTestOf(TestIdentifier id, List<Exercise> course) {
        return id.getSource().filter(MethodSource.class::isInstance).flatMap(ProgressListener::classNameOf)
                .filter(name -> !ProgressListener.isOwnTest(name))
                .filter(name -> course.stream().anyMatch(e -> e.owns(name)))
                .isPresent();
    }
}
