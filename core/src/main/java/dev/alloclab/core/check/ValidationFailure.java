package dev.alloclab.core.check;

/**
 * The first rule an allocator broke, as {@link AllocatorValidator} found it: the facts, from
 * which {@link #report()} renders the text.
 *
 * @param kind which rule
 * @param opNumber the operation (1-based, counting the allocator calls of a trace or a test)
 * @param line the trace line of the operation, or 0 when the calls come from code
 * @param operation the operation as written ({@code a 3 24} from a trace, {@code alloc(24)} from code)
 * @param sentence what went wrong and where, in one sentence
 * @param from start of the payload in question (or -1)
 * @param to end (exclusive) of the payload in question (or -1)
 * @param picture a text map of the heap around {@code [from, to)}, or empty
 * @param advice what to look at next
 */
public record ValidationFailure(ValidationFailure.Kind kind, int opNumber, int line, String operation,
                                String sentence, int from, int to, String picture, String advice) {
    /** The Malloc Lab rules, plus the two ways an allocator can fail to answer at all. */
    public enum Kind {
        /** A payload index that is not a multiple of 8. */
        MISALIGNED("misaligned payload"),
        /** A payload that does not lie wholly inside {@code [0, heap.size())}. */
        OUTSIDE_HEAP("payload outside the heap"),
        /** A payload that shares bytes with another live payload. */
        OVERLAP("overlapping payloads"),
        /** A live payload whose bytes changed although the program did not write them. */
        PAYLOAD_CORRUPTED("payload corrupted"),
        /** realloc returned a payload whose first bytes are not the old payload's. */
        REALLOC_LOST_PREFIX("realloc lost the old bytes"),
        /** alloc or realloc returned null for a request the heap's maximum could hold. */
        OUT_OF_MEMORY("out of memory"),
        /** The allocator threw instead of returning. */
        ALLOCATOR_THREW("allocator threw");

        private final String headline;

        Kind(String headline) {
            this.headline = headline;
        }

        /** The words a report starts with. */
        public String headline() {
            return headline;
        }
    }

    /** Where the failure happened, e.g. {@code op 17 (trace line 21: a 5 40)} or {@code call 3 (alloc(24))}. */
    public String where() {
        return line > 0 ? "op " + opNumber + " (trace line " + line + ": " + operation + ")"
                : "call " + opNumber + " (" + operation + ")";
    }

    /** The full text: headline, sentence, picture, advice. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append(kind.headline()).append(" at ").append(where()).append('\n');
        out.append("  ").append(sentence).append('\n');
        if (!picture.isEmpty()) {
            out.append('\n').append(picture.stripTrailing().indent(2));
        }
        out.append('\n').append("  What to do: ").append(advice).append('\n');
        return out.toString();
    }
}
