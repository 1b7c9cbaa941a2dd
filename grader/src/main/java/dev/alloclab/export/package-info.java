/**
 * Getting the kit to students and grades back: the student starter ({@link StarterExporter}), the
 * Gradescope autograder package ({@link GradescopeExporter}) and the GitHub Classroom workflow
 * ({@link ClassroomExporter}). The {@code export-*} commands in {@code dev.alloclab.cli} are thin
 * wrappers around these classes.
 *
 * <p>Everything the exports need travels inside the grader jar, so a lone {@code alloclab.jar}
 * can export: the exercise stubs, visible tests and exercise pages are copied into the jar at
 * build time (under {@code dev/alloclab/export/starter/}), the templates live next to them, and
 * the {@code core} classes are taken from the grader's own classpath and packed as a released
 * artifact. INTERNAL: the commands and the layout of what they write are the stable part.
 */
package dev.alloclab.export;
