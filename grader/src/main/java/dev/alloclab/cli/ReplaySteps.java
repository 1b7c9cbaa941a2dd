package dev.alloclab.cli;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.picture.HtmlStepThrough;
import dev.alloclab.core.picture.SvgHeapPicture;
import dev.alloclab.core.trace.CheckedReplayer;
import dev.alloclab.core.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Step-by-step pictures of a replay: one SVG per operation, or one self-contained HTML page with a
 * slider. The steps come from a run of the trace on the checked heap, so each picture shows the
 * allocator's blocks together with what the checked heap knows (quarantined blocks), and a step
 * that made a mistake carries its report.
 */
final class ReplaySteps {
    /** More steps than this make pages too heavy to step through; the first ones are drawn. */
    static final int DEFAULT_MAX_STEPS = 500;

    private final Trace trace;
    private final String allocator;
    private final int maxSteps;
    private final Supplier<HeapBytes> heaps;

    ReplaySteps(Trace trace, String allocator, int maxSteps, Supplier<HeapBytes> heaps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be at least 1, but was " + maxSteps);
        }
        this.trace = trace;
        this.allocator = allocator;
        this.maxSteps = maxSteps;
        this.heaps = heaps;
    }

    /** Writes the step-through page; returns how many steps it holds. */
    int writeHtml(Path file) {
        HtmlStepThrough page = HtmlStepThrough.titled(trace.name() + " on " + allocator);
        replay((number, op, regions, found) -> page.add(new HtmlStepThrough.Step(op, regions, found.report,
                found.address)));
        page.writeTo(file);
        return page.steps().size();
    }

    /** Writes {@code step-0001.svg}, ... into {@code dir}; returns how many it wrote. */
    int writeSvgs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KitException("could not create the picture folder '" + dir + "': " + IoReason.of(e, dir)
                    + ". Pass --out a folder you can write to.");
        }
        int[] written = {0};
        replay((number, op, regions, found) -> {
            SvgHeapPicture picture = SvgHeapPicture.of(regions).title("step " + number + ": " + op);
            if (found.address.isPresent()) {
                picture = picture.highlight(found.address.get());
            }
            Path file = dir.resolve(String.format("step-%04d.svg", number));
            try {
                Files.writeString(file, picture.render(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + file + ": " + IoReason.of(e, file)
                        + ". Pass --out a folder you can write to.", e);
            }
            written[0]++;
        });
        return written[0];
    }

    /** True if the trace has more operations than pictures will be drawn for. */
    boolean truncated() {
        return trace.ops().size() > maxSteps;
    }

    private void replay(StepSink sink) {
        int[] number = {0};
        CheckedReplayer.replay(trace, Allocators.create(allocator, heaps.get()), allocator,
                (op, heap, violations) -> {
                    if (number[0] >= maxSteps) {
                        return;
                    }
                    number[0]++;
                    Found found = Found.of(violations);
                    sink.step(number[0], "line " + op.line() + ": " + op.text(), heap.regions(), found);
                });
    }

    /** What a step caught: the reports and the index to highlight. */
    private record Found(Optional<String> report, Optional<Integer> address) {
        static Found of(java.util.List<Violation> violations) {
            if (violations.isEmpty()) {
                return new Found(Optional.empty(), Optional.empty());
            }
            String text = violations.stream().map(Violation::report).collect(Collectors.joining("\n"));
            return new Found(Optional.of(text), Optional.of(violations.get(0).address()));
        }
    }

    @FunctionalInterface
    private interface StepSink {
        void step(int number, String op, java.util.List<dev.alloclab.core.alloc.HeapRegion> regions, Found found);
    }
}
