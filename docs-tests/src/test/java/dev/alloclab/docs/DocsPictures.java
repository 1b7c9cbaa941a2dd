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
        withFirstMistake(heap.steps(), strategy).forEach(page::add);
        if (!run.output().isEmpty()) {
            page.step("the program printed", heap.allocator().regions(), String.join("\n", run.output().stream()
                    .map(line -> line.startsWith("round") && !line.contains(EXPECTED_HIGHEST)
                            ? line + "   <- wrong: years' bytes were overwritten by another block" : line).toList()));
        }
        return page.render();
    }

    /** What every round of the worked example should print. */
    private static final String EXPECTED_HIGHEST = "the highest year is 2015";

    /**
     * The plain heap's steps, the one that makes the program's first mistake marked with the checked heap's report: a
     * plain heap sees no mistake, so the bad read looked like every other step (chapter 3 calls it "the bad read").
     * The checked heap runs the same strategy with tagged indexes and no quarantine, so its allocator makes the plain
     * heap's calls and gives the same addresses, and the stale index is told by its tag.
     */
    static List<HtmlStepThrough.Step> withFirstMistake(List<HtmlStepThrough.Step> steps, DeallocStrategy strategy) {
        CheckedHeap checked = CheckedHeap.builder(firstFit()).quarantineBytes(0).taggedIndexes(true)
                .onViolation(CheckedHeap.OnViolation.RECORD).build();
        WorkedExample.run(strategy, checked, function -> checked.at(function));
        List<HtmlStepThrough.Step> marked = new ArrayList<>(steps);
        if (checked.violations().isEmpty()) {
            return marked;
        }
        int firstStep = -1;
        int from = 0;
        int previous = Integer.MIN_VALUE + 1;
        for (Violation violation : checked.violations()) {
            boolean sameRead = violation.step() == previous + 1;
            previous = violation.step();
            if (sameRead) {
                continue; // the next int of the read the page already marked (the page shows a whole read as one step)
            }
            int i = stepOf(marked, violation, from);
            HtmlStepThrough.Step step = marked.get(i);
            String report;
            if (firstStep < 0) {
                firstStep = i + 1;
                report = violation.report() + "\n\nHow to read it beside this page: the checked heap counts every call to"
                        + " the heap, each int read or written too, so its step " + violation.step() + " is this page's step "
                        + firstStep + ", which shows a whole read as one. It ran with tagged indexes and no quarantine, so"
                        + " the freed index went to the next block at once, as on the plain heap; the report of the same"
                        + " run in docs/mistakes.md keeps freed blocks in quarantine, so its next block lands elsewhere.";
            } else {
                report = "The same mistake again: " + violation.report().lines().findFirst().orElse("")
                        + "\nThe program keeps the stale index, so every round reads someone else's bytes; the whole"
                        + " report is at step " + firstStep + ".";
            }
            marked.set(i, new HtmlStepThrough.Step(step.operation(), step.regions(), java.util.Optional.of(report),
                    java.util.Optional.of(violation.address())));
            from = i + 1;
        }
        return marked;
    }

    /** The first page step at or after {@code from} that is the access {@code violation} reports. */
    private static int stepOf(List<HtmlStepThrough.Step> steps, Violation violation, int from) {
        String function = violation.site().toString();
        java.util.regex.Pattern access = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(function)
                + " (?:reads|writes) \\[(\\d+), (\\d+)\\)");
        for (int i = from; i < steps.size(); i++) {
            java.util.regex.Matcher range = access.matcher(steps.get(i).operation());
            if (range.find() && Integer.parseInt(range.group(1)) <= violation.address()
                    && violation.address() < Integer.parseInt(range.group(2))) {
                return i;
            }
        }
        throw new IllegalStateException("no step of the page from step " + (from + 1) + " on is " + function
                + "'s access to " + violation.address() + ", a mistake the checked heap reported: " + violation);
    }
}
