package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A {@link Shadow} that defers its marks ({@link DeferredMarks}) reads exactly like one that writes
 * them at once, after any sequence of marks, whether the log held them all or filled up on the way
 * (then it writes what it has and goes on writing as it goes).
 */
class DeferredMarksPropertiesTest {
    private static final int HEAP = 16 * 1024;

    /** One mark: {@code kind} 0 = markBlock, 1 = markSpan: the two the checked heap makes. */
    record Mark(int kind, int from, int length, int extra, int state, int tag) {
        void applyTo(Shadow shadow) {
            int start = from & -Shadow.GRANULE;                 // blocks and spans start on a granule
            int to = Math.min(HEAP, start + length);
            if (kind == 0) {
                shadow.markBlock(start, to, Math.min(HEAP, to + extra), tag);
            } else {
                shadow.markSpan(start, to, state, tag);
            }
        }
    }

    @Provide
    Arbitrary<List<Mark>> marks() {
        Arbitrary<Mark> mark = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, HEAP - 200), Arbitraries.integers().between(1, 2000),
                Arbitraries.integers().between(0, 15), Arbitraries.of(Shadow.UNALLOCATED, Shadow.FREED),
                Arbitraries.integers().between(1, 15)).as(Mark::new);
        return mark.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void a_deferred_shadow_reads_like_one_marked_at_once(@ForAll("marks") List<Mark> marks,
                                                         @ForAll @IntRange(min = 1, max = 60) int logCapInts) {
        Shadow eager = new Shadow();
        eager.growTo(HEAP);
        Shadow deferred = new Shadow();
        deferred.defer(new DeferredMarks(2, logCapInts));
        deferred.growTo(HEAP);
        for (Mark mark : marks) {
            mark.applyTo(eager);
            mark.applyTo(deferred);
        }
        boolean logHeldThemAll = marks.size() * 5 <= Math.max(5, logCapInts) / 5 * 5;     // a log holds at least one mark
        assertThat(deferred.isDeferred()).as("still deferred").isEqualTo(logHeldThemAll);

        assertThat(deferred.size()).isEqualTo(eager.size());
        for (int i = 0; i < HEAP; i++) {
            int at = i;
            assertThat(deferred.at(i)).as(() -> "heap byte " + at).isEqualTo(eager.at(i));
        }
        assertThat(deferred.isDeferred()).as("reading wrote the marks").isFalse();
    }
}
