package dev.alloclab.docs;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.HtmlStepThrough;
import dev.alloclab.core.picture.MemoryChart;
import dev.alloclab.core.picture.SvgHeapPicture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every picture the docs show, drawn by the kit from real runs. The file names are the ones the
 * pages link to under {@code docs/pictures/}. {@link DocsPicturesTest} compares them with the
 * checked-in files, or rewrites those with {@code -Dalloclab.regeneratePictures=true}.
 */
final class DocsPictures {
    /** One scale for the four strategy charts, so their heights compare at a glance. */
    static final int CHART_Y_MAX = 120;

    private DocsPictures() {
    }

    /** File name under {@code docs/pictures/} to its content, in a fixed order. */
    static Map<String, String> all() {
        Map<String, String> pictures = new LinkedHashMap<>();
        pictures.put("heap-three-blocks.svg", heapThreeBlocks());
        pictures.put("heap-free-list.svg", heapFreeList());
        for (DeallocStrategy strategy : DeallocStrategy.values()) {
            ExampleRun run = WorkedExample.run(strategy, PlainHeap.over(firstFit()));
            pictures.put("memory-" + strategy.cliName() + ".svg", MemoryChart.of(run).yMax(CHART_Y_MAX).render());
        }
        pictures.put("step-through-too-early.html", stepThrough(DeallocStrategy.TOO_EARLY));
        pictures.put("mistake-use-after-free.svg", useAfterFree());
        return pictures;
    }

    static ReferenceAllocator firstFit() {
        return ReferenceAllocator.firstFit(HeapBytes.withMax(4096));
    }

    /** Chapter 2: three blocks, the middle one freed; its stale index highlighted. */
    static String heapThreeBlocks() {
        Allocator allocator = firstFit();
        int years = allocator.alloc(20);
        int countdown = allocator.alloc(20);
        int photo = allocator.alloc(40);
        allocator.dealloc(countdown);
        return SvgHeapPicture.of(allocator.regions()).highlight(countdown)
                .title("years = " + years + ", countdown = " + countdown + ", photo = " + photo
                        + " (20, 20 and 40 bytes); then dealloc(countdown)").render();
    }

    /** Chapter 2: two free blocks on the first-fit allocator's free list. */
    static String heapFreeList() {
        ReferenceAllocator allocator = firstFit();
        int[] blocks = new int[5];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = allocator.alloc(16 + 8 * i);
        }
        allocator.dealloc(blocks[1]);
        allocator.dealloc(blocks[3]);
        return SvgHeapPicture.of(allocator.regions()).links(freeListLinks(allocator.freeList()))
                .title("five blocks, the 2nd and 4th freed: the free list links them").render();
    }

    static List<SvgHeapPicture.Link> freeListLinks(List<FreeChunk> freeList) {
        List<SvgHeapPicture.Link> links = new ArrayList<>();
        for (int i = 1; i < freeList.size(); i++) {
            links.add(new SvgHeapPicture.Link(freeList.get(i - 1).address(), freeList.get(i).address()));
        }
        return links;
    }

    /** Chapter 4: the heap when the checked heap stops the too-early strategy; the read index highlighted. */
    static String useAfterFree() {
        CheckedHeap heap = CheckedHeap.over(firstFit());
        ExampleRun run = WorkedExample.run(DeallocStrategy.TOO_EARLY, heap, function -> heap.at("WorkedExample." + function));
        Violation violation = ((ViolationException) run.stoppedBy().orElseThrow()).violation();
        return SvgHeapPicture.of(heap.regions()).highlight(violation.address())
                .title(violation.toString()).render();
    }

    /**
     * A step-through page of one strategy of the worked example on the plain heap. Each step names the function
     * that made it, and each function's run of reads or writes is a step too, so the page shows whose block an
     * index is and who read what from it (chapter 3: "watch index 8 change hands").
     */
    static String stepThrough(DeallocStrategy strategy) {
        RegionRecordingHeap heap = new RegionRecordingHeap(PlainHeap.over(firstFit()));
        ExampleRun run = WorkedExample.run(strategy, heap, heap::enter);
        heap.finish();
        HtmlStepThrough page = HtmlStepThrough.titled("worked example, " + strategy.cliName() + ": "
                + strategy.description());
        heap.steps().forEach(page::add);
        if (!run.output().isEmpty()) {
            page.step("the program printed", heap.allocator().regions(), String.join("\n", run.output()));
        }
        return page.render();
    }
}
