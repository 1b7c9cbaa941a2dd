package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The granule shadow answers exactly as a shadow kept per heap byte would. A model keeps a state
 * and a tag per byte; random block lifecycles (alloc with padding, resize in place, free into
 * quarantine, release) are applied to both, the way {@link CheckedHeap} applies them, and after
 * every step every byte and a spread of accesses must agree.
 *
 * <p>The heap is cut into lanes, each holding at most one block at its start (so blocks start on
 * multiples of 8, as the allocator contract says) whose span stays inside the lane. Lanes of 64
 * bytes make small blocks packed tight; lanes of 296 bytes make blocks that cover whole pages of
 * the {@link GranuleArray} (64 heap bytes) and start and end at any granule inside one.
 */
class ShadowPropertiesTest {
    private static final int LANES = 6;

    /** One step: {@code what} picks the action, the rest are its arguments. */
    record Step(int lane, int what, int size, int slack, int tag) {
        @Override
        public String toString() {
            return "lane " + lane + ": " + switch (what) {
                case 0 -> "alloc(" + size + ") usable +" + slack + " tag " + tag;
                case 1 -> "resize to " + size + " usable +" + slack;
                case 2 -> "free";
                default -> "release";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> lifecycles() {
        return lifecycles(48, 12);
    }

    @Provide
    Arbitrary<List<Step>> bigLifecycles() {
        return lifecycles(280, 80);
    }

    private static Arbitrary<List<Step>> lifecycles(int maxSize, int maxSlack) {
        return Combinators.combine(Arbitraries.integers().between(0, LANES - 1), Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, maxSize), Arbitraries.integers().between(0, maxSlack),
                        Arbitraries.integers().between(1, TaggedIndex.MAX_TAG))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 400)
    void the_granule_shadow_reads_like_a_shadow_per_byte(@ForAll("lifecycles") List<Step> steps) {
        readsLikeAShadowPerByte(steps, 64, 3);
    }

    @Property(tries = 200)
    void blocks_covering_whole_pages_read_like_a_shadow_per_byte(@ForAll("bigLifecycles") List<Step> steps) {
        readsLikeAShadowPerByte(steps, 296, 7);
    }

    /** Applies {@code steps} to lanes of {@code laneBytes}, checking accesses at every {@code stride}-th address. */
    private static void readsLikeAShadowPerByte(List<Step> steps, int laneBytes, int stride) {
        final int heap = laneBytes * LANES;
        Shadow shadow = new Shadow();
        shadow.growTo(heap);
        int[] state = new int[heap];
        int[] tag = new int[heap];
        // per lane: 0 empty, 1 live, 2 freed; and the block's sizes
        int[] laneState = new int[LANES];
        int[] size = new int[LANES];
        int[] usable = new int[LANES];
        int[] laneTag = new int[LANES];
        for (Step step : steps) {
            int lane = step.lane();
            int from = lane * laneBytes;
            if (step.what() == 0 && laneState[lane] == 0) {
                size[lane] = step.size();
                usable[lane] = Math.min(step.size() + step.slack(), laneBytes - 4);
                laneTag[lane] = step.tag();
                laneState[lane] = 1;
                shadow.markBlock(from, from + size[lane], from + usable[lane], laneTag[lane]);
                set(state, tag, from, from + size[lane], Shadow.LIVE, laneTag[lane]);
                set(state, tag, from + size[lane], from + usable[lane], Shadow.PADDING, laneTag[lane]);
                set(state, tag, from + usable[lane], granuleEnd(from + usable[lane]), Shadow.UNALLOCATED, laneTag[lane]);
            } else if (step.what() == 1 && laneState[lane] == 1) {
                // as CheckedHeap.resizedInPlace: only the bytes whose state changes are marked
                int oldTo = from + size[lane];
                int to = from + step.size();
                int newUsable = Math.max(usable[lane], Math.min(step.size() + step.slack(), laneBytes - 4));
                if (to > oldTo) {
                    shadow.mark(oldTo, to, Shadow.LIVE, laneTag[lane]);
                    set(state, tag, oldTo, to, Shadow.LIVE, laneTag[lane]);
                } else {
                    shadow.mark(to, oldTo, Shadow.PADDING, laneTag[lane]);
                    set(state, tag, to, oldTo, Shadow.PADDING, laneTag[lane]);
                }
                int paddingFrom = Math.max(to, from + usable[lane]);
                if (from + newUsable > paddingFrom) {
                    shadow.mark(paddingFrom, from + newUsable, Shadow.PADDING, laneTag[lane]);
                    set(state, tag, paddingFrom, from + newUsable, Shadow.PADDING, laneTag[lane]);
                }
                size[lane] = step.size();
                usable[lane] = newUsable;
            } else if (step.what() == 2 && laneState[lane] == 1) {
                laneState[lane] = 2;
                shadow.markSpan(from, from + usable[lane], Shadow.FREED, laneTag[lane]);
                set(state, tag, from, from + usable[lane], Shadow.FREED, laneTag[lane]);
            } else if (step.what() == 3 && laneState[lane] == 2) {
                laneState[lane] = 0;
                shadow.markSpan(from, from + usable[lane], Shadow.UNALLOCATED, laneTag[lane]);
                set(state, tag, from, from + usable[lane], Shadow.UNALLOCATED, laneTag[lane]);
            } else {
                continue;
            }
            for (int i = 0; i < heap; i++) {
                assertThat(Shadow.state(shadow.at(i))).as("state of byte %d after %s", i, step).isEqualTo(state[i]);
                if (state[i] != Shadow.UNALLOCATED) {
                    assertThat(Shadow.tag(shadow.at(i))).as("tag of byte %d after %s", i, step).isEqualTo(tag[i]);
                }
            }
            for (int address = 0; address < heap; address += stride) {
                for (int length : new int[] {1, 4, 8, 13, 24, 72, 150}) {
                    assertThat(shadow.isOneLiveBlock(address, length, -1))
                            .as("access [%d, %d) after %s", address, address + length, step)
                            .isEqualTo(oneLiveBlock(state, tag, address, length, -1));
                    int expectedTag = tag[address];
                    assertThat(shadow.isOneLiveBlock(address, length, expectedTag))
                            .as("access [%d, %d) with tag %d after %s", address, address + length, expectedTag, step)
                            .isEqualTo(oneLiveBlock(state, tag, address, length, expectedTag));
                }
            }
        }
    }

    @Property(tries = 50)
    void a_granule_that_cannot_hold_its_bytes_is_refused(@ForAll("offsets") int offset) {
        // GIVEN a block starting off a multiple of 8, after a live granule
        Shadow shadow = new Shadow();
        shadow.growTo(64);
        // WHEN freed bytes would follow bytes not handed out inside one granule
        // THEN the shadow says it cannot hold that, instead of answering wrongly later
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> shadow.mark(offset, 8, Shadow.FREED, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("multiple of 8");
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(1, 7);
    }

    private static int granuleEnd(int address) {
        return (address + Shadow.GRANULE - 1) / Shadow.GRANULE * Shadow.GRANULE;
    }

    private static void set(int[] state, int[] tag, int from, int to, int s, int t) {
        for (int i = from; i < to; i++) {
            state[i] = s;
            tag[i] = t;
        }
    }

    /** What a per-byte shadow says: every byte LIVE with the same tag (the expected one, if any). */
    private static boolean oneLiveBlock(int[] state, int[] tag, int address, int length, int expectedTag) {
        if (address + length > state.length) {
            return false;
        }
        int t = expectedTag >= 0 ? expectedTag : tag[address];
        for (int i = address; i < address + length; i++) {
            if (state[i] != Shadow.LIVE || tag[i] != t) {
                return false;
            }
        }
        return true;
    }
}
