package dev.alloclab.core.picture;

import dev.alloclab.core.Checks;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.HeapCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws bytes in use over time as an SVG step chart: one step per heap operation, the line jumping
 * up at each alloc and down at each dealloc. Side by side, the charts of the worked example's
 * dealloc strategies show what the text says in words: deallocating only at the end makes memory
 * climb for the whole run, deallocating after the last use keeps it flat.
 *
 * <pre>
 *  bytes
 *   120 |                    +--+        peak 120 bytes
 *    80 |           +--------+  |
 *    40 |  +--------+           |
 *     0 +--+--+--+--+--+--+--+--+-- step
 * </pre>
 *
 * <pre>{@code
 * String svg = MemoryChart.of(WorkedExample.run(DeallocStrategy.AT_END, heap)).yMax(120).render();
 * }</pre>
 *
 * <p>Each point carries the operation as a tooltip. The output is deterministic, so the build can
 * compare a checked-in chart with a freshly drawn one.
 */
public final class MemoryChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 52;
    static final int BOTTOM = 48;

    /** Bytes in use after operation {@code step}; {@code label} names the operation. */
    public record Point(int step, int bytes, String label) {
        public Point {
            if (step < 0 || bytes < 0) {
                throw new IllegalArgumentException("a chart point needs step >= 0 and bytes >= 0, but was step "
                        + step + ", bytes " + bytes);
            }
        }
    }

    private final String title;
    private final List<Point> points = new ArrayList<>();
    private int yMax;
    private boolean stopped;

    private MemoryChart(String title) {
        this.title = title == null ? "" : title;
    }

    /** An empty chart with a caption; add points with {@link #point}. */
    public static MemoryChart titled(String title) {
        return new MemoryChart(title);
    }

    /** The chart of one run of the worked example, titled with its strategy. */
    public static MemoryChart of(ExampleRun run) {
        Checks.notNull(run, "run");
        MemoryChart chart = titled(run.strategy().cliName() + ": bytes in use after each heap operation");
        for (HeapCall event : run.events()) {
            chart.point(event.step(), event.liveBytes(), event.operation() + " in " + event.function());
        }
        if (run.stoppedBy().isPresent()) {
            chart.stopped();
        }
        return chart;
    }

    /**
     * Marks a run that stopped before its end (an error ended it): the chart then ends with "stopped after
     * step N" instead of "N bytes at the end", which would read as if the program had finished and freed
     * what it shows.
     */
    public MemoryChart stopped() {
        this.stopped = true;
        return this;
    }

    /** Adds the bytes in use after {@code step}; steps must increase. */
    public MemoryChart point(int step, int bytes, String label) {
        Point point = new Point(step, bytes, label == null ? "" : label);
        if (!points.isEmpty() && points.get(points.size() - 1).step() >= step) {
            throw new IllegalArgumentException("chart steps must increase, but step " + step + " follows step "
                    + points.get(points.size() - 1).step());
        }
        points.add(point);
        return this;
    }

    /**
     * Fixes the top of the byte axis, so several charts share one scale (otherwise the axis ends at
     * the peak). A value below the peak is ignored.
     */
    public MemoryChart yMax(int bytes) {
        this.yMax = Math.max(0, bytes);
        return this;
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    /** The most bytes in use at any step (0 for an empty chart). */
    public int peak() {
        return points.stream().mapToInt(Point::bytes).max().orElse(0);
    }

    int lastStep() {
        return points.isEmpty() ? 1 : Math.max(1, points.get(points.size() - 1).step());
    }

    int axisTop() {
        int top = Math.max(Math.max(yMax, peak()), 1);
        int tick = yTick(top);
        return (top + tick - 1) / tick * tick;
    }

    /** A round distance between byte-axis ticks giving at most 6 ticks. */
    static int yTick(int top) {
        int[] mantissas = {1, 2, 5};
        for (int scale = 1; ; scale *= 10) {
            for (int m : mantissas) {
                if ((long) m * scale * 6 >= top) {
                    return m * scale;
                }
            }
        }
    }

    double x(int step) {
        return LEFT + (double) step * (WIDTH - LEFT - RIGHT) / lastStep();
    }

    double y(int bytes) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (double) bytes / axisTop());
    }

    /** The SVG document. */
    public String render() {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title>").append(SvgText.escape(title.isEmpty() ? "bytes in use over time" : title))
                .append("</title>\n");
        svg.append("<desc>").append(SvgText.escape(describe())).append("</desc>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"14\" font-weight=\"bold\">")
                .append(SvgText.escape(title)).append("</text>\n");
        drawAxes(svg);
        drawLine(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private String describe() {
        StringBuilder text = new StringBuilder("bytes in use after each step:");
        for (Point point : points) {
            text.append(" step ").append(point.step()).append(' ').append(point.bytes()).append(';');
        }
        text.append(" peak ").append(peak()).append(" bytes");
        if (stopped && !points.isEmpty()) {
            text.append("; the run stopped after step ").append(points.get(points.size() - 1).step());
        }
        return text.toString();
    }

    private void drawAxes(StringBuilder svg) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<g class=\"axes\" stroke=\"#90a4ae\" font-size=\"11\">\n");
        int tick = yTick(axisTop());
        for (int bytes = 0; bytes <= axisTop(); bytes += tick) {
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(y(bytes))).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(f(y(bytes)))
                    .append(bytes == 0 ? "\"" : "\" stroke-dasharray=\"2 4\"").append("/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y(bytes) + 4))
                    .append("\" text-anchor=\"end\" stroke=\"none\" fill=\"#263238\">").append(bytes).append("</text>\n");
        }
        int every = Math.max(1, (lastStep() + 19) / 20);
        for (int step = 0; step <= lastStep(); step += every) {
            svg.append("<text x=\"").append(f(x(step))).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#263238\">").append(step).append("</text>\n");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\"/>\n");
        svg.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#263238\">heap operation (step)</text>\n");
        svg.append("<text transform=\"translate(16 ").append((TOP + bottom) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\" stroke=\"none\" fill=\"#263238\">bytes in use</text>\n");
        svg.append("</g>\n");
    }

    private void drawLine(StringBuilder svg) {
        StringBuilder path = new StringBuilder("M").append(f(x(0))).append(',').append(f(y(0)));
        int previousBytes = 0;
        for (Point point : points) {
            path.append(" H").append(f(x(point.step())));
            if (point.bytes() != previousBytes) {
                path.append(" V").append(f(y(point.bytes())));
            }
            previousBytes = point.bytes();
        }
        svg.append("<path class=\"in-use\" d=\"").append(path).append("\" fill=\"none\" stroke=\"#1565c0\" "
                + "stroke-width=\"2.5\"/>\n");
        svg.append("<g class=\"points\" fill=\"#1565c0\">\n");
        for (Point point : points) {
            svg.append("<circle cx=\"").append(f(x(point.step()))).append("\" cy=\"").append(f(y(point.bytes())))
                    .append("\" r=\"3\"><title>step ").append(point.step()).append(": ")
                    .append(SvgText.escape(point.label())).append(" -> ").append(point.bytes())
                    .append(" bytes in use</title></circle>\n");
        }
        svg.append("</g>\n");
        if (!points.isEmpty()) {
            Point peakPoint = points.stream().filter(p -> p.bytes() == peak()).findFirst().orElseThrow();
            svg.append("<text class=\"peak\" x=\"").append(f(Math.min(x(peakPoint.step()), WIDTH - RIGHT - 130)))
                    .append("\" y=\"").append(f(y(peakPoint.bytes()) - 8)).append("\" fill=\"#c62828\">peak ")
                    .append(peak()).append(" bytes</text>\n");
            Point last = points.get(points.size() - 1);
            svg.append("<text class=\"end\" x=\"").append(WIDTH - RIGHT).append("\" y=\"")
                    // outside the plot, where the line never runs: a stopped run's above it, the end's under the axis, on
                    // the axis title's line (inside the plot, "0 bytes at the end" sat on the line's last rises and falls)
                    .append(f(stopped ? TOP - 12 : HEIGHT - 8))
                    .append("\" text-anchor=\"end\" fill=\"#37474f\">")
                    .append(stopped ? "stopped after step " + last.step() : last.bytes() + " bytes at the end")
                    .append("</text>\n");
        }
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
