/**
 * The course: the list of exercises in learning order ({@link dev.alloclab.core.course.Curriculum}),
 * where each one's code and instructions live, and the progress a test run reports for each.
 *
 * <p>Kept free of any test framework, so that the command line and the grader can read it too;
 * the JUnit extension and listener that fill a {@link dev.alloclab.core.course.ProgressReport}
 * live with the exercises' visible tests.
 */
package dev.alloclab.core.course;
