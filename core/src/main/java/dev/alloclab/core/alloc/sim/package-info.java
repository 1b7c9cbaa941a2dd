/**
 * The free-list simulator: a free list kept in Java objects, precise enough to be the oracle of
 * the kit's allocators and of the predict-the-heap quizzes.
 *
 * <p>{@link dev.alloclab.core.alloc.sim.FreeListSimulator} takes the settings of OSTEP's
 * free-space homework simulator ({@link dev.alloclab.core.alloc.sim.FreeListConfig}: fit policy,
 * free-list order, coalescing, header size, alignment, heap base and size) and answers each
 * allocation and free the way that simulator does; its class comment states every rule (what
 * is rounded first, which entry wins a tie, where a split's remainder goes, how far coalescing
 * reaches). It adds next fit, which OSTEP does not have.
 *
 * <p>{@link dev.alloclab.core.alloc.ReferenceAllocator} runs the simulator over real heap bytes
 * (8-byte headers, 8-aligned payloads, heap grown with {@code sbrk}); the registry names it
 * {@code first-fit}, {@code best-fit}, {@code worst-fit} and {@code next-fit}.
 *
 * <p>Status: the simulator's rules are a stable contract (quizzes and exercises are checked
 * against them); the describing text of {@code describe()} may change.
 */
package dev.alloclab.core.alloc.sim;
