package dev.alloclab.core.course;

import dev.alloclab.core.Checks;

/**
 * One exercise of the curriculum: where its code lives and where its instructions are.
 *
 * <p>Stable API: the grader, the command line and the exercises' own test support read it.
 *
 * @param id          kebab-case name used on the command line and in reports, e.g. {@code "implicit-list"}
 * @param packageName the last segment of the Java package, e.g. {@code "implicitlist"}; the
 *                    classes live in {@code dev.alloclab.exercises.<packageName>} in both the
 *                    {@code exercises} (stubs) and {@code solutions} modules
 * @param title       a short human title
 * @param order       1-based position in the learning path
 */
public record Exercise(String id, String packageName, String title, int order) {
    /** The package every exercise lives under. */
    public static final String BASE_PACKAGE = "dev.alloclab.exercises";

    public Exercise {
        Checks.notBlank(id, "id");
        if (!id.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("exercise id '" + id + "' must be kebab-case, like 'implicit-list'");
        }
        Checks.notBlank(packageName, "packageName");
        if (!packageName.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("exercise package '" + packageName
                    + "' must be one lower-case Java identifier, like 'implicitlist'");
        }
        Checks.notBlank(title, "title");
        Checks.positive(order, "order");
    }

    /** The full Java package, e.g. {@code dev.alloclab.exercises.implicitlist}. */
    public String javaPackage() {
        return BASE_PACKAGE + "." + packageName;
    }

    /** The instructions' path relative to the repository root, e.g. {@code docs/exercises/bump.md}. */
    public String docsPage() {
        return "docs/exercises/" + id + ".md";
    }

    /** True if {@code className} (fully qualified) belongs to this exercise's package or a sub-package. */
    public boolean owns(String className) {
        return className != null && className.startsWith(javaPackage() + ".");
    }
}
