/**
 * The text's worked example: {@code getYears} returns a vec of five i32 on the heap,
 * {@code findHighestYear} reads it, and the program prints "All done!". {@link
 * dev.alloclab.core.examples.WorkedExample} plays it with each {@link
 * dev.alloclab.core.examples.DeallocStrategy}.
 */
package dev.alloclab.core.examples;
