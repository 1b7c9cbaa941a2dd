package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.picture.TextHeapMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a {@link Violation} as text laid out like AddressSanitizer's and Valgrind's reports,
 * in the model's terms:
 *
 * <pre>
 * use-after-free: READ of 4 bytes at heap index 76
 *   76 is 12 bytes into the 20-byte block #1 [64, 84), which has been freed
 *   allocated by  alloc(20)    step 3  Examples.getYears (Examples.java:41)
 *   freed by      dealloc(64)  step 6  Examples.main (Examples.java:57)
 *   read here                  step 8  Examples.findHighestYear (Examples.java:66)
 *
 *           48              64                  84
 *     heap  ................ffffffffffffffffffff................
 *                                       ^ 76 this read
 *           . free  f freed (quarantined)
 *
 *   What to do: the block was still used after dealloc(64) gave it back at step 6. ...
 *   Lesson: docs/mistakes.md#use-after-free
 * </pre>
 *
 * Line by line: what went wrong (the kind, the access, the index); where (the block, as a
 * half-open range, and how far into or past it the index is; a second block when one is
 * involved); who allocated and freed the block and where this access happened (step and site);
 * a map of the heap around the index; one thing to do; the lesson that explains the kind.
 */
public final class ViolationReport {
    private static final int WRAP = 100;

    private ViolationReport() {
    }

    /** The whole report, lines joined with {@code \n}. */
    public static String render(Violation v) {
        return render(v, BlockRecord::name);
    }

    /**
     * The whole report, each block named by {@code names} (a trace replay adds the trace's own id:
     * {@code block #3 (trace id 2) [64, 84)}); the default is {@link BlockRecord#name()}.
     */
    public static String render(Violation v, Function<BlockRecord, String> names) {
        Checks.notNull(v, "the violation");
        Checks.notNull(names, "names");
        List<String> lines = new ArrayList<>();
        lines.add(headline(v, names));
        lines.addAll(whereLines(v, names));
        lines.addAll(eventTable(v));
        List<String> map = map(v);
        if (!map.isEmpty()) {
            lines.add("");
            for (String line : map) {
                lines.add(("  " + line).stripTrailing());
            }
        }
        lines.add("");
        lines.addAll(wrap("  What to do: ", v.advice(), "    "));
        lines.add("  Lesson: " + v.kind().lesson());
        return String.join("\n", lines);
    }

    /** The first line: {@code use-after-free: READ of 4 bytes at heap index 76}. */
    public static String headline(Violation v) {
        return headline(v, BlockRecord::name);
    }

    /** The first line, blocks named by {@code names}. */
    public static String headline(Violation v, Function<BlockRecord, String> names) {
        Checks.notNull(v, "the violation");
        Checks.notNull(names, "names");
        String at = "heap index " + indexText(v);
        return switch (v.access()) {
            case READ, WRITE -> v.kind().slug() + ": " + v.access().name() + " of " + bytes(v.length()) + " at " + at;
            case FREE, REALLOC -> v.kind().slug() + ": " + v.access().verb() + " of " + at + switch (v.kind()) {
                case DOUBLE_FREE -> ", a block that was already freed";
                case DOUBLE_FREE_AFTER_REUSE -> ", a stale index whose address a newer block now holds";
                default -> v.block() == null ? ", which alloc never returned" : ", which is not the start of a block";
            };
            case EXIT -> v.kind().slug() + ": " + bytes(v.length()) + " in " + names.apply(v.block())
                    + " were never freed";
        };
    }

    private static String indexText(Violation v) {
        if (v.index() == Allocator.NULL && v.kind() == Violation.Kind.NULL_DEREFERENCE) {
            return "-1 (NULL)";
        }
        if (v.index() >= 0 && v.address() < 0) {
            // a tagged index taken below address 0 borrowed one from its tag: show the tag it was taken from
            return v.address() + " (tag " + (TaggedIndex.tag(v.index()) + 1) + ")";
        }
        if (v.index() != v.address() && v.index() >= 0) {
            return v.address() + " (tag " + TaggedIndex.tag(v.index()) + ")";
        }
        return Integer.toString(v.index());
    }

    private static List<String> whereLines(Violation v, Function<BlockRecord, String> names) {
        List<String> lines = new ArrayList<>();
        BlockRecord block = v.block();
        BlockRecord other = v.otherBlock();
        int a = v.address();
        if (v.kind() == Violation.Kind.LEAK) {
            return lines;
        }
        if (block != null) {
            String state = block.isFreed() ? ", which has been freed" : "";
            lines.add("  " + a + " is " + relation(a, block) + " the " + sized(block, names) + state);
        } else if (v.index() == Allocator.NULL) {
            lines.add("  -1 is NULL: it points at no block");
            lines.add("  alloc returns NULL when memory runs out or for 0 bytes; realloc(p, 0) frees p and returns NULL");
        } else if (a < 0) {
            lines.add("  " + a + " is negative; heap indexes start at 0");
        } else if (a >= v.heapSize()) {
            lines.add("  " + a + " is past the heap's end: the heap holds [0, " + v.heapSize() + ")");
        } else if (v.kind() == Violation.Kind.DOUBLE_FREE) {
            lines.add("  " + a + " was returned by alloc or realloc before, and no live block starts there now: "
                    + "its block was freed");
        } else if (v.kind() == Violation.Kind.INVALID_FREE) {
            lines.add("  " + a + " was never returned by alloc or realloc");
        } else if (v.kind() == Violation.Kind.USE_AFTER_FREE) {
            lines.add("  the index's tag " + TaggedIndex.tag(v.index())
                    + " belongs to no block still remembered: its block was freed long ago");
        } else {
            lines.add("  " + a + " is in no block");
        }
        if (v.index() == 0 && (v.kind() == Violation.Kind.OUT_OF_BOUNDS || v.kind() == Violation.Kind.INVALID_FREE)) {
            // C's NULL is 0; here 0 is an index like any other, and NULL is -1
            lines.add("  (if 0 was meant as NULL: here NULL is -1, Allocator.NULL, and 0 is an ordinary heap index)");
        }
        if (v.kind() == Violation.Kind.OUT_OF_BOUNDS && block != null) {
            long end = (long) a + v.length();
            // a range that starts inside the block and runs past its end (a memset, a w line): say by how much
            String runs = a >= block.from() && a < block.to() && end > block.to()
                    ? "the access [" + a + ", " + end + ") runs " + bytes(end - block.to()) + " past the block's end, "
                    : null;
            if (a < 0) {
                // the block a trace line named, reached with a negative offset: the heap has no byte there
                lines.add("  the access runs before the heap's start: the heap holds [0, " + v.heapSize() + ")");
            } else if (a >= v.heapSize() || end > v.heapSize()) {
                // the mistake is relative to the block (ASan: "0 bytes after"); where the heap ends is the allocator's
                lines.add("  " + (runs != null ? runs + "and past the heap's end" : "the access runs past the heap's end")
                        + ": the heap holds [0, " + v.heapSize() + ")");
            } else if (other != null) {
                String neighbour = "the " + sized(other, names) + (other.isFreed() ? ", which has been freed" : ", which is live");
                // the access may cross a header or free bytes before it reaches the neighbour: name both, in order
                int first = firstOutside(v);
                HeapRegion.Kind between = other.spans(first) ? null : kindAt(v, first);
                if (between == null) {
                    lines.add("  " + (runs != null ? runs + "into " : "the access runs into ") + neighbour);
                } else {
                    lines.add("  " + (runs != null ? runs + "into " : "the access reaches ") + describe(between));
                    lines.add("    and on into " + neighbour);
                }
            } else {
                HeapRegion.Kind kind = kindAt(v, firstOutside(v));
                if (kind != null) {
                    lines.add("  " + (runs != null ? runs + "into " : "the access reaches ") + describe(kind));
                } else if (runs != null) {
                    lines.add("  " + runs.substring(0, runs.length() - 2));
                }
            }
        }
        if (other != null && v.kind() != Violation.Kind.OUT_OF_BOUNDS) {
            if (v.kind() == Violation.Kind.DOUBLE_FREE_AFTER_REUSE) {
                lines.add("  " + a + " is now the start of the " + sized(other, names) + ", allocated at step "
                        + other.allocated().step() + " and still live");
                lines.add(v.access() == Violation.Access.REALLOC
                        ? "  this realloc was not performed: it would have resized block #" + other.id() + " under its owner"
                        : "  this dealloc was not performed: it would have freed block #" + other.id() + " under its owner");
            } else {
                lines.add("  the memory now belongs to the " + sized(other, names) + ", allocated at step "
                        + other.allocated().step());
            }
        }
        return lines;
    }

    private static int firstOutside(Violation v) {
        BlockRecord block = v.block();
        for (long i = v.address(); i < (long) v.address() + Math.max(1, v.length()); i++) {
            if (!block.contains(i)) {
                return (int) i;
            }
        }
        return v.address();
    }

    private static HeapRegion.Kind kindAt(Violation v, int address) {
        for (HeapRegion region : v.neighbourhood()) {
            if (address >= region.from() && address < region.to()) {
                return region.kind();
            }
        }
        return null;
    }

    private static String describe(HeapRegion.Kind kind) {
        return switch (kind) {
            case HEADER -> "the allocator's bookkeeping (a block header)";
            case LIVE -> "another block's bytes";
            case PADDING -> "padding the allocator added past the requested size";
            case FREE -> "free bytes no block owns";
            case QUARANTINED -> "a freed block";
        };
    }

    private static String relation(int address, BlockRecord block) {
        if (address == block.from()) {
            return "the start of";
        }
        // in longs: an index near Integer.MIN_VALUE is more than an int's worth of bytes before any block
        if (address < block.from()) {
            return bytes((long) block.from() - address) + " before";
        }
        if (address < block.to()) {
            return bytes((long) address - block.from()) + " into";
        }
        return bytes((long) address - block.to()) + " after";
    }

    private static String sized(BlockRecord block, Function<BlockRecord, String> names) {
        return block.requestedSize() + "-byte " + names.apply(block);
    }

    private static List<String> eventTable(Violation v) {
        List<String[]> rows = new ArrayList<>();
        BlockRecord block = v.block();
        BlockRecord other = v.otherBlock();
        boolean two = block != null && other != null && v.kind() != Violation.Kind.OUT_OF_BOUNDS;
        if (block != null) {
            String prefix = two ? "#" + block.id() + " " : "";
            rows.add(row(prefix + "allocated by", block.allocated()));
            if (block.isFreed()) {
                rows.add(row(prefix + "freed by", block.freed()));
            }
        }
        if (two) {
            rows.add(row("#" + other.id() + " allocated by", other.allocated()));
        }
        if (v.access() != Violation.Access.EXIT) {
            String here = switch (v.access()) {
                case READ -> "read here";
                case WRITE -> "written here";
                case REALLOC -> "realloc here";
                default -> v.kind() == Violation.Kind.INVALID_FREE ? "freed here" : "freed again here";
            };
            rows.add(new String[] {here, "", "step " + v.step(), v.site().toString()});
        }
        boolean unplaced = false;
        for (String[] row : rows) {
            unplaced |= row[3].isEmpty();
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            String line = "  " + pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  " + pad(row[2], widths[2])
                    + "  " + row[3];
            lines.add(line.stripTrailing());
        }
        if (unplaced) {
            lines.addAll(noSiteHint());
        }
        return lines;
    }

    /**
     * Said once under a history some of whose calls have no site (a heap built with {@code CheckedHeap.over} and
     * never labelled): the empty column would read as if the report had lost it, so say how to get it.
     */
    static List<String> noSiteHint() {
        return wrap("  no site: ", "label the calls with heap.at(\"...\") or build the heap with captureCallerSites(true)",
                "    ");
    }

    private static String[] row(String label, HeapEvent event) {
        return new String[] {label, event.call(), "step " + event.step(), event.site().toString()};
    }

    private static List<String> map(Violation v) {
        if (v.neighbourhood().isEmpty() || v.kind() == Violation.Kind.NULL_DEREFERENCE) { // NULL is in no neighbourhood
            return List.of();
        }
        String label = switch (v.access()) {
            case READ -> "this read";
            case WRITE -> "this write";
            case FREE -> "this free";
            case REALLOC -> "this realloc";
            case EXIT -> "the leaked block";
        };
        int mapFrom = v.neighbourhood().get(0).from();
        int mapTo = v.neighbourhood().get(v.neighbourhood().size() - 1).to();
        if (v.address() < mapFrom || (long) v.address() - mapTo >= MARKER_PAST_END) {
            // a negative index, or one far past the heap's top: no stretch of the heap shows where it points, and a
            // map of some other stretch without its ^ would only send the reader looking there
            return List.of();
        }
        TextHeapMap map = TextHeapMap.of(v.neighbourhood()).marker(v.address(), label);
        if (v.address() >= mapTo) {
            // just past the heap's top (the map stops there): blank cells up to the index, so the ^ has a place
            map = map.window(mapFrom, v.address() + 1);
        }
        return map.lines();
    }

    /** How far past the map's last byte an index may lie and still get its {@code ^} (in blank cells). */
    private static final int MARKER_PAST_END = 16;

    /** Breaks {@code text} into lines of at most {@link #WRAP} characters (a longer word gets its own line). */
    static List<String> wrap(String first, String text, String continuation) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int empty = first.length();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > empty && line.length() + 1 + word.length() > WRAP) {
                lines.add(line.toString());
                line = new StringBuilder(continuation);
                empty = continuation.length();
            }
            if (line.length() > empty) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    static String bytes(long count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
