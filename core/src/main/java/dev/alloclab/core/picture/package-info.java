/**
 * Pictures of the heap for people: {@link dev.alloclab.core.picture.TextHeapMap} draws
 * {@link dev.alloclab.core.alloc.HeapRegion}s as a text map for the terminal, the checked heap's
 * reports and the worked example's demo. Renderers read regions only, so any allocator that
 * describes itself ({@link dev.alloclab.core.alloc.Allocator#regions()}) can be drawn.
 */
package dev.alloclab.core.picture;
