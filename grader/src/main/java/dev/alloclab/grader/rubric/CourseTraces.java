package dev.alloclab.grader.rubric;

import dev.alloclab.core.KitException;
import dev.alloclab.core.ShellWord;
import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.trace.TraceOp;
import dev.alloclab.grader.GradingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The course's own performance traces: {@code "traces": "DIR"} in the performance part of a rubric names a
 * folder of {@code .rep} files (the Malloc Lab traces an instructor already has, say), and the performance
 * exercise is then measured on them instead of the kit's bundled suite.
 *
 * <p>Everything that could go wrong with them goes wrong here, when the rubric is loaded, with a sentence:
 * a missing or empty folder, a file that does not parse, and a trace that the kit's own {@code segregated}
 * allocator cannot replay validly (a double free in the trace, or more live bytes than the heap may hold).
 * A trace like that would fail the hidden test of every student alike, so it is refused before any
 * submission is graded.
 *
 * <p>INTERNAL.
 */
final class CourseTraces {
    /** The whole folder travels to the grading JVM in one frame (16 MiB); half of that is plenty for 11 traces. */
    static final long MAX_TOTAL_BYTES = 8L * 1024 * 1024;

    private CourseTraces() {
    }

    /**
     * Reads and checks every {@code .rep} file of {@code folder}, in name order.
     *
     * @param rubricName how messages name the rubric
     * @param key        the rubric key, for messages
     */
    static List<Rubric.TraceText> read(Path folder, String rubricName, String key) {
        if (!Files.exists(folder)) {
            throw new GradingException(rubricName + ": \"" + key + "\" names '" + folder + "', which does not exist. "
                    + "Give a folder of .rep files, relative to the rubric file.");
        }
        if (!Files.isDirectory(folder)) {
            throw new GradingException(rubricName + ": \"" + key + "\" names '" + folder + "', which is a file, not a "
                    + "folder. Give a folder of .rep files, relative to the rubric file.");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> Trace.hasTraceExtension(p) && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new GradingException(rubricName + ": cannot list the trace folder '" + folder + "': " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new GradingException(rubricName + ": the trace folder '" + folder + "' (\"" + key + "\") holds no "
                    + ".rep files. Put the course's traces there, or remove \"traces\" to use the kit's suite.");
        }
        List<Rubric.TraceText> traces = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new GradingException(rubricName + ": cannot read the trace '" + file + "': " + e.getMessage());
            }
            total += bytes.length;
            if (total > MAX_TOTAL_BYTES) {
                throw new GradingException(rubricName + ": the traces in '" + folder + "' add up to more than "
                        + (MAX_TOTAL_BYTES >> 20) + " MiB. Grade on fewer or shorter traces (the classic 11 are about 1 MiB).");
            }
            String text = utf8(bytes, file, rubricName);
            check(text, file, rubricName);
            traces.add(new Rubric.TraceText(name, text));
        }
        return traces;
    }

    private static String utf8(byte[] bytes, Path file, String rubricName) {
        String utf16 = Trace.utf16Problem(bytes);
        if (utf16 != null) {
            throw new GradingException(rubricName + ": the trace '" + file + "' " + utf16);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GradingException(rubricName + ": the trace '" + file + "' is not text (UTF-8 or ASCII). "
                    + "Give .rep files as the Malloc Lab writes them.");
        }
    }

    /** Parses the trace and replays it once, validated, on the kit's {@code segregated} allocator. */
    private static void check(String text, Path file, String rubricName) {
        Trace trace;
        ReplayReport report;
        HeapBytes heap = HeapBytes.mallocLabSized();
        try {
            trace = Trace.parse(file.toString(), text, ParseMode.LENIENT);
            report = Replayer.validate(trace, Allocators.create("segregated", heap), "segregated");
        } catch (KitException e) {
            throw new GradingException(rubricName + ": a course trace cannot be used: " + e.getMessage());
        }
        if (report.valid() && report.peakLiveBytes() == 0) {
            boolean asks = trace.ops().stream().anyMatch(op -> op instanceof TraceOp.Alloc a && a.size() > 0
                    || op instanceof TraceOp.Realloc r && r.size() > 0);
            throw new GradingException(rubricName + ": the course trace '" + file + "' never has a byte live (it "
                    + (report.ops() == 0 ? "has no operations" : asks ? "asks only for blocks larger than the heap's "
                    + heap.maxSize() + " bytes, which get NULL" : "allocates nothing")
                    + "), so it has no utilization or "
                    + "throughput to measure and would cost every student the performance points. Remove it from the "
                    + "folder, or give it allocations.");
        }
        if (!report.valid()) {
            throw new GradingException(rubricName + ": the course trace '" + file + "' cannot be replayed validly even by "
                    + "the kit's own segregated allocator (" + report.failure().orElseThrow().sentence() + "), so it "
                    + "would fail every student. Check it with: ./alloclab replay " + ShellWord.of(file.toString()) + " --allocator segregated");
        }
    }
}
