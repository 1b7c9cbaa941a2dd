/**
 * The checked heap: catching a program's memory mistakes and reporting them so that a learner
 * understands them.
 *
 * <p>{@link dev.alloclab.core.check.CheckedHeap} wraps any allocator. It keeps a shadow byte per
 * 8-byte granule, a record per block (handed out as {@link dev.alloclab.core.check.BlockRecord}), a quarantine of freed blocks and,
 * optionally, {@link dev.alloclab.core.check.TaggedIndex tagged indexes}. Mistakes become
 * {@link dev.alloclab.core.check.Violation}s (thrown as
 * {@link dev.alloclab.core.check.ViolationException} or recorded), rendered by
 * {@link dev.alloclab.core.check.ViolationReport} in the layout of AddressSanitizer's reports and
 * summarised at the end by {@link dev.alloclab.core.check.LeakReport}, Valgrind style.
 *
 * <p>The same package holds the allocator validator (the Malloc Lab checks on an allocator's
 * own behaviour), which judges the allocator where the checked heap judges the program.
 */
package dev.alloclab.core.check;
