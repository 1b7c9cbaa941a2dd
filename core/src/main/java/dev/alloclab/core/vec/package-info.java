/**
 * {@link dev.alloclab.core.vec.VecMetadata}: the stack half of a growable vec of i32 whose
 * elements live on the heap.
 */
package dev.alloclab.core.vec;
