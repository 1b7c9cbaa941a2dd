package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.HeapRegion;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link CheckedHeap#regions(int, int)} walks the heap by runs (a granule at a time where the shadow allows, a
 * quarantined span or an allocator region at a time), where it once read every byte: the regions must be exactly
 * those of the byte-by-byte walk, kept here as the oracle, for any program, quarantine, tag mode and window.
 */
class RegionsByRunsPropertiesTest {

    @Provide
    Arbitrary<List<DeferredShadowPropertiesTest.Step>> programs() {
        return new DeferredShadowPropertiesTest().programs();
    }

    @Property(tries = 300)
    void the_regions_by_runs_are_the_regions_byte_by_byte(
            @ForAll("programs") List<DeferredShadowPropertiesTest.Step> program, @ForAll boolean segregated,
            @ForAll boolean tagged, @ForAll @IntRange(min = 0, max = 2) int quarantine,
            @ForAll @IntRange(min = 0, max = 1000) int fromPermille, @ForAll @IntRange(min = 0, max = 1000) int lengthPermille) {
        int quarantineBytes = new int[] {0, 4096, CheckedHeap.DEFAULT_QUARANTINE_BYTES}[quarantine];
        CheckedHeap heap = DeferredShadowPropertiesTest.heap(DeferredShadowPropertiesTest.allocator(segregated), false,
                tagged, quarantineBytes, false);
        DeferredShadowPropertiesTest.run(heap, program);
        int size = heap.shadow().size();
        // the whole heap, and a window that may start and end inside a granule, a block or a span
        assertThat(heap.regions()).isEqualTo(byteByByte(heap, 0, size));
        int from = (int) ((long) size * fromPermille / 1000);
        int to = from + (int) ((long) (size - from) * lengthPermille / 1000);
        assertThat(heap.regions(from, to)).isEqualTo(byteByByte(heap, from, to));
        // and the quarantined spans are sorted, disjoint and inside the window
        int[] spans = heap.quarantinedSpans(from, to);
        for (int i = 0; i < spans.length; i += 2) {
            assertThat(spans[i]).isGreaterThanOrEqualTo(i == 0 ? from : spans[i - 1] + 1).isLessThan(spans[i + 1]);
            assertThat(spans[i + 1]).isLessThanOrEqualTo(to);
        }
    }

    /** The walk as it was: every byte's shadow, quarantine and allocator region looked up on its own. */
    private static List<HeapRegion> byteByByte(CheckedHeap heap, int from, int to) {
        List<HeapRegion> regions = new ArrayList<>();
        List<HeapRegion> allocatorView = heap.allocator().regions();
        Shadow shadow = heap.shadow();
        boolean[] quarantined = new boolean[Math.max(0, to - from)];
        int[] spans = heap.quarantinedSpans(from, to);
        for (int i = 0; i < spans.length; i += 2) {
            for (int b = spans[i]; b < spans[i + 1]; b++) {
                quarantined[b - from] = true;
            }
        }
        int next = 0;
        int runStart = from;
        int runKey = -1;
        HeapRegion.Kind runKind = null;
        for (int i = from; i < to; i++) {
            byte s = i < shadow.size() ? shadow.at(i) : 0;
            int state = Shadow.state(s);
            HeapRegion.Kind kind;
            int key;
            if (state == Shadow.UNALLOCATED || (state == Shadow.FREED && !quarantined[i - from])) {
                while (next < allocatorView.size() && allocatorView.get(next).to() <= i) {
                    next++;
                }
                boolean header = next < allocatorView.size() && allocatorView.get(next).from() <= i
                        && allocatorView.get(next).kind() == HeapRegion.Kind.HEADER;
                kind = header ? HeapRegion.Kind.HEADER : HeapRegion.Kind.FREE;
                key = header ? -2 : -3;
            } else {
                kind = state == Shadow.LIVE ? HeapRegion.Kind.LIVE
                        : state == Shadow.PADDING ? HeapRegion.Kind.PADDING : HeapRegion.Kind.QUARANTINED;
                key = s;
            }
            if (key != runKey) {
                if (runKind != null) {
                    regions.add(new HeapRegion(runStart, i, runKind));
                }
                runStart = i;
                runKey = key;
                runKind = kind;
            }
        }
        if (runKind != null) {
            regions.add(new HeapRegion(runStart, to, runKind));
        }
        return regions;
    }
}
