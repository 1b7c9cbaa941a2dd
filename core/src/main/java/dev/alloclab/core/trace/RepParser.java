package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the CS:APP Malloc Lab {@code .rep} format, plus alloclab's teaching operations.
 *
 * <pre>
 *   20000        heap size hint (or a weight: never relied on)
 *   3            number of block ids: ids are 0, 1, 2
 *   5            number of operations
 *   1            weight (or unused: never relied on)
 *   a 0 512      block 0 gets 512 bytes
 *   a 1 128
 *   r 0 640      block 0 grows to 640 bytes, keeping its first 512
 *   f 1
 *   f 0
 * </pre>
 *
 * <p>The four header numbers may stand on one line or on four. After them, one operation a
 * line: {@code a id size}, {@code f id}, {@code r id size}, and for the checked heap
 * {@code w id offset length} and {@code rd id offset length}. Tokens are separated by spaces or
 * tabs; {@code #} starts a comment that runs to the end of the line, and a line holding only a
 * comment may stand anywhere. What {@link ParseMode#LENIENT} tolerates on top is listed there and
 * in {@code docs/formats.md}.
 *
 * <p>Characters a text editor does not show are named in messages by their code point and name
 * ({@code found '16' followed by U+00A0 (a no-break space; ...)}), so a message never seems to
 * say that {@code 16} is not a number.
 *
 * <p>Every error is a {@link TraceFormatException} whose message starts with
 * {@code file:line:column:} and names what was expected and what was found; no other exception
 * escapes, whatever the input (a fuzz property checks this).
 */
public final class RepParser {
    /** The most block ids a header may announce; the replayer keeps one slot per id. */
    public static final int MAX_IDS = 10_000_000;

    private static final String SIZE = "a block size (a whole number >= 0)";
    private static final String ID = "a block id (a whole number)";

    private final ParseMode mode;

    public RepParser(ParseMode mode) {
        this.mode = Checks.notNull(mode, "mode");
    }

    /** Parses {@code text}; {@code file} is what error messages and the trace's name start with. */
    public Trace parse(String file, String text) {
        return new Run(Checks.notNull(file, "file"), Checks.notNull(text, "text")).parse();
    }

    /** The state of one parse: the cursor over the lines and what has been read so far. */
    private final class Run {
        private final String file;
        private final String text;
        private final long[] headerFields = new long[4];
        private final int[] headerLines = new int[4];
        private final int[] headerColumns = new int[4];
        private final List<TraceOp> ops = new ArrayList<>();
        private final List<TraceQuirk> quirks = new ArrayList<>();
        private BitSet everAllocated;
        private int headerCount;
        private TraceHeader header;
        private int lineNumber;
        private int lastLine;
        private int firstBlankLineAfterOp;
        private boolean extraOpsNoted;
        /** Lenient: the announced operations were all read and a line that is no operation followed; the rest is ignored. */
        private boolean ignoringTheRest;
        /** Lenient: the file starts with an operation; the header is counted from the lines ({@link #readWithoutHeader}). */
        private boolean headerless;

        // the current line and its tokens
        private String line;
        private final List<int[]> tokens = new ArrayList<>(); // {start, end} 0-based within line

        Run(String file, String text) {
            this.file = file;
            this.text = text;
        }

        Trace parse() {
            int start = skipByteOrderMark();
            int length = text.length();
            char lineEnd = lineEnd(start);
            while (start < length) {
                int end = text.indexOf(lineEnd, start);
                if (end < 0) {
                    end = length;
                }
                lineNumber++;
                int contentEnd = end;
                if (contentEnd > start && text.charAt(contentEnd - 1) == '\r') {
                    contentEnd--;
                }
                readLine(text.substring(start, contentEnd));
                start = end + 1;
            }
            lastLine = lineNumber;
            return finish();
        }

        /**
         * Where the trace starts: after a UTF-8 byte-order mark, which some editors (Windows Notepad)
         * write before the first number. Lenient parsing skips it with a note; strict parsing names it.
         */
        private int skipByteOrderMark() {
            if (!text.startsWith(BYTE_ORDER_MARK)) {
                return 0;
            }
            if (mode == ParseMode.STRICT) {
                throw new TraceFormatException(file, 1, 1, "the file starts with a byte-order mark (U+FEFF), an "
                        + "invisible character some editors (Windows Notepad) write before UTF-8 text. Save the file as "
                        + "UTF-8 without a BOM, or parse leniently.");
            }
            quirks.add(new TraceQuirk(1, "the file starts with a byte-order mark (U+FEFF, as Windows Notepad saves "
                    + "UTF-8): skipped"));
            return BYTE_ORDER_MARK.length();
        }

        /**
         * The character that ends a line: {@code \n} (a {@code \r} before it is dropped), or {@code \r}
         * in a file of classic Mac OS line ends, which has carriage returns and no newline. Lenient
         * parsing reads those with a note; strict parsing says what it found.
         */
        private char lineEnd(int start) {
            int cr = text.indexOf('\r', start);
            if (text.indexOf('\n', start) >= 0 || cr < 0 || text.substring(cr).isBlank()) {
                return '\n';
            }
            if (mode == ParseMode.STRICT) {
                throw new TraceFormatException(file, 1, cr - start + 1, "the lines end in carriage returns (CR) "
                        + "without newlines, as classic Mac OS wrote them, so the whole file reads as one line. Convert "
                        + "the line ends to newlines (for example: tr '\\r' '\\n' < old.rep > new.rep), or parse leniently.");
            }
            quirks.add(new TraceQuirk(1, "the lines end in carriage returns only (CR, as classic Mac OS wrote them): "
                    + "read as line ends"));
            return '\r';
        }

        private void readLine(String content) {
            if (ignoringTheRest) {
                return;
            }
            line = content;
            tokenize();
            if (tokens.isEmpty()) {
                boolean commentOnly = line.indexOf('#') >= 0;   // a comment is no blank line, in either mode
                if (!commentOnly && header != null && !ops.isEmpty() && firstBlankLineAfterOp == 0) {
                    firstBlankLineAfterOp = lineNumber;
                }
                return;
            }
            if (header == null) {
                readHeaderTokens();
            } else {
                readOperation();
            }
        }

        private void tokenize() {
            tokens.clear();
            int i = 0;
            int n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (c == '#') {
                    return;
                }
                if (c == ' ' || c == '\t') {
                    i++;
                    continue;
                }
                int begin = i;
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t' && line.charAt(i) != '#') {
                    i++;
                }
                tokens.add(new int[] {begin, i});
            }
        }

        private String token(int index) {
            int[] t = tokens.get(index);
            return line.substring(t[0], t[1]);
        }

        private int column(int index) {
            return tokens.get(index)[0] + 1;
        }

        private void readHeaderTokens() {
            if (headerCount == 2 && startsWithLetter(token(0))) {
                readTwoNumberHeader();
                return;
            }
            if (headerCount == 3 && startsWithLetter(token(0))) {
                readThreeNumberHeader();
                return;
            }
            if (headerCount == 0 && OPERATION_KINDS.contains(token(0)) && mode == ParseMode.LENIENT) {
                readWithoutHeader();
                return;
            }
            if (headerCount == 0 && OPERATION_KINDS.contains(token(0))) {
                throw error(column(0), "expected the header's first number, found the operation '" + shown(token(0))
                        + "': this trace has no header. A .rep file starts with four numbers (a heap size hint, the"
                        + " number of block ids, the number of operations, a weight), e.g. '0 2 2 1' on the first line"
                        + " for a trace of ids 0..1 and 2 operations; see docs/formats.md.");
            }
            for (int i = 0; i < tokens.size(); i++) {
                if (headerCount == 4) {
                    throw error(column(i), "expected the end of the header line after its fourth number, found "
                            + found(token(i)) + ". The header is 4 numbers; operations start on the next line.");
                }
                String what = HEADER_FIELDS[headerCount];
                headerFields[headerCount] = number(i, what, Long.MIN_VALUE);
                headerLines[headerCount] = lineNumber;
                headerColumns[headerCount] = column(i);
                headerCount++;
            }
            if (headerCount == 4) {
                setHeader(headerFields[0], headerFields[3]);
            }
        }

        /**
         * An operation where the header's third number belongs: some ports of the lab write only the
         * number of ids and the number of operations. Lenient parsing reads the two that way (the only
         * fields the replay relies on); strict parsing says what it saw.
         */
        private void readTwoNumberHeader() {
            if (mode == ParseMode.STRICT) {
                throw error(1, "expected the header's third number, the number of operations, found '" + shown(token(0))
                        + "'. This header has 2 numbers, as some ports of the lab write it (number of ids, number of "
                        + "operations): parse leniently, or add the heap size hint before them and the weight after.");
            }
            headerLines[2] = headerLines[1];
            headerColumns[2] = headerColumns[1];
            headerFields[2] = headerFields[1];
            headerLines[1] = headerLines[0];
            headerColumns[1] = headerColumns[0];
            headerFields[1] = headerFields[0];
            setHeader(0, 1);
            quirks.add(new TraceQuirk(headerLines[0], "the header has 2 numbers, not 4: read as the number of ids ("
                    + header.idCount() + ") and of operations (" + header.opCount() + "), as some ports of the lab write it"));
            readOperation();
        }

        /**
         * An operation where the header's fourth number (the weight) belongs: the Malloc Lab driver reads the
         * header with four number scans, and the fourth fails on the operation without consuming it, so the
         * driver replays such a file. Lenient parsing does too, with a note; strict parsing says what to add.
         */
        private void readThreeNumberHeader() {
            if (mode == ParseMode.STRICT) {
                throw error(1, "expected the header's fourth number (a weight or unused), found '" + shown(token(0))
                        + "'. This header has 3 numbers (heap size hint, number of ids, number of operations): add a "
                        + "fourth line with the weight, e.g. 1, or parse leniently.");
            }
            setHeader(headerFields[0], 1);
            quirks.add(new TraceQuirk(headerLines[0], "the header has 3 numbers, not 4: read as the heap size hint, the "
                    + "number of ids (" + header.idCount() + ") and of operations (" + header.opCount() + "), weight 1, "
                    + "as the Malloc Lab driver reads it"));
            readOperation();
        }

        /**
         * An operation where the header belongs: some hand-written traces and course ports leave the header out. The
         * two numbers the replay relies on, the number of ids and of operations, can be counted from the lines, so a
         * lenient parse reads the operations under a provisional header that allows every id up to {@link #MAX_IDS}
         * and any number of operations, and {@link #finish()} writes the real one (heap size hint 0, weight 1) with
         * a note. Strict parsing says what the header looks like.
         */
        private void readWithoutHeader() {
            headerless = true;
            header = new TraceHeader(0, MAX_IDS, Integer.MAX_VALUE, 1);
            everAllocated = new BitSet(1 << 16);
            readOperation();
        }

        /** Checks the two fields the replay relies on (ids in slot 1, operations in slot 2) and sets the header. */
        private void setHeader(long first, long last) {
            long ids = headerFields[1];
            long count = headerFields[2];
            if (ids < 0 || ids > MAX_IDS) {
                throw new TraceFormatException(file, headerLines[1], headerColumns[1], "the header's number of block ids "
                        + "must be between 0 and " + MAX_IDS + ", but it is " + ids + ".");
            }
            if (count < 0 || count > Integer.MAX_VALUE) {
                throw new TraceFormatException(file, headerLines[2], headerColumns[2], "the header's number of operations "
                        + "must be between 0 and " + Integer.MAX_VALUE + ", but it is " + count + ".");
            }
            header = new TraceHeader(first, (int) ids, (int) count, last);
            everAllocated = new BitSet((int) Math.min(ids, 1 << 16));
        }

        private void readOperation() {
            if (firstBlankLineAfterOp != 0) {
                if (mode == ParseMode.STRICT) {
                    throw new TraceFormatException(file, firstBlankLineAfterOp, 1,
                            "blank line between operations. Remove it, or parse leniently.");
                }
                quirks.add(new TraceQuirk(firstBlankLineAfterOp, "blank line between operations: ignored"));
                firstBlankLineAfterOp = 0;
            }
            if (ops.size() >= header.opCount()) {
                if (mode == ParseMode.LENIENT && !OPERATION_KINDS.contains(token(0))) {
                    quirks.add(new TraceQuirk(lineNumber, "text after the " + header.opCount() + " operations the header "
                            + "announces (" + found(token(0)) + " is no operation): ignored from here to the end of the file", true));
                    ignoringTheRest = true;
                    return;
                }
                if (mode == ParseMode.STRICT) {
                    throw error(1, "the header announces " + header.opCount() + " operations, but this line holds operation "
                            + (ops.size() + 1) + ". Fix the header's third number, or parse leniently.");
                }
                int quirksBefore = quirks.size();
                boolean notedBefore = extraOpsNoted;
                if (!extraOpsNoted) {
                    quirks.add(new TraceQuirk(lineNumber, "more operations than the header announces ("
                            + header.opCount() + "): the extra lines are replayed too"));
                    extraOpsNoted = true;
                }
                try {
                    readOperationTokens();
                } catch (TraceFormatException notAnOperation) {
                    // past the announced count, a line that is no operation is text, even one that starts like one
                    // ("a trace written by ..."): the driver stops reading at the announced count
                    quirks.subList(quirksBefore, quirks.size()).clear();
                    extraOpsNoted = notedBefore;
                    quirks.add(new TraceQuirk(lineNumber, "text after the " + header.opCount() + " operations the "
                            + "header announces (no operation: " + firstSentence(notAnOperation.sentence()) + "): ignored "
                            + "from here to the end of the file", true));
                    ignoringTheRest = true;
                }
                return;
            }
            readOperationTokens();
        }

        /** The first sentence of {@code text}, without its full stop: to quote inside parentheses. */
        private static String firstSentence(String text) {
            int end = text.indexOf(". ");
            String first = end < 0 ? text : text.substring(0, end + 1);
            return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        }

        /** Reads the current line as an operation, whatever the header announced. */
        private void readOperationTokens() {
            String kind = token(0);
            switch (kind) {
                case "a" -> readAlloc();
                case "f" -> readFree();
                case "r" -> readRealloc();
                case "w" -> readAccess(true);
                case "rd" -> readAccess(false);
                default -> throw error(column(0), "expected an operation (a, f, r, w or rd), found " + found(kind) + ".");
            }
        }

        private void readAlloc() {
            int id = blockId(false);
            long size;
            if (tokens.size() < 3) {
                if (mode == ParseMode.STRICT) {
                    throw error(endColumn(), "expected " + SIZE + " after '" + prefix(2) + "', found the end of the line.");
                }
                quirks.add(new TraceQuirk(lineNumber, "'" + prefix(2) + "' has no size: replayed as a 0-byte request, "
                        + "which returns null", true));
                size = 0;
            } else {
                size = number(2, SIZE, 0);
            }
            expectEnd(3);
            everAllocated.set(id);
            ops.add(new TraceOp.Alloc(id, size, lineNumber));
        }

        private void readFree() {
            int id = blockId(true);
            expectEnd(2);
            if (id != TraceOp.NULL_ID && !everAllocated.get(id)) {
                if (mode == ParseMode.STRICT) {
                    throw error(column(1), "'f " + id + "' frees block " + id + ", which no earlier line allocated. "
                            + "Allocate it first ('a " + id + " SIZE'), or parse leniently to treat it as a free of null.");
                }
                quirks.add(new TraceQuirk(lineNumber, "'f " + id + "' frees a block never allocated: "
                        + "replayed as a free of null, which does nothing", true));
            }
            ops.add(new TraceOp.Free(id, lineNumber));
        }

        private void readRealloc() {
            int id = blockId(false);
            if (tokens.size() < 3) {
                throw error(endColumn(), "expected " + SIZE + " after '" + prefix(2) + "', found the end of the line.");
            }
            long size = number(2, SIZE, 0);
            expectEnd(3);
            everAllocated.set(id);
            ops.add(new TraceOp.Realloc(id, size, lineNumber));
        }

        private void readAccess(boolean write) {
            int id = blockId(false);
            String offsetWhat = "an offset into the block (a whole number, may be negative)";
            if (tokens.size() < 3) {
                throw error(endColumn(), "expected " + offsetWhat + " after '" + prefix(2) + "', found the end of the line.");
            }
            long offset = number(2, offsetWhat, Long.MIN_VALUE);
            String lengthWhat = "a length in bytes (a whole number >= 0)";
            if (tokens.size() < 4) {
                throw error(endColumn(), "expected " + lengthWhat + " after '" + prefix(3) + "', found the end of the line.");
            }
            long length = number(3, lengthWhat, 0);
            expectEnd(4);
            ops.add(write ? new TraceOp.Write(id, offset, length, lineNumber)
                    : new TraceOp.Read(id, offset, length, lineNumber));
        }

        /** The id in token 1; {@code -1} is allowed for a lenient free (of null). */
        private int blockId(boolean isFree) {
            if (tokens.size() < 2) {
                throw error(endColumn(), "expected " + ID + " after '" + token(0) + "', found the end of the line.");
            }
            long id = number(1, ID, Long.MIN_VALUE);
            if (isFree && id == TraceOp.NULL_ID) {
                if (mode == ParseMode.STRICT) {
                    throw error(column(1), "'f -1' frees null, which the strict format does not allow. "
                            + "Remove the line, or parse leniently to replay it as a no-op.");
                }
                quirks.add(new TraceQuirk(lineNumber, "'f -1' frees null: nothing to do"));
                return TraceOp.NULL_ID;
            }
            if (headerless && id >= header.idCount()) {
                throw error(column(1), "block id " + id + " is too large: a trace without a header may use ids 0 to "
                        + (MAX_IDS - 1) + ". Number the blocks from 0, or add a header.");
            }
            if (id < 0 || id >= header.idCount()) {
                throw error(column(1), "block id " + id + " is out of range: the header announces "
                        + header.idCount() + (header.idCount() == 1 ? " id" : " ids") + ", so expected 0 <= id < " + header.idCount() + ".");
            }
            return (int) id;
        }

        private void expectEnd(int expectedTokens) {
            if (tokens.size() > expectedTokens) {
                throw error(column(expectedTokens), "expected the end of the line after '" + prefix(expectedTokens)
                        + "', found " + found(token(expectedTokens)) + ".");
            }
        }

        /** Token {@code index} as a long {@code >= min}, or an error naming {@code what} was expected. */
        private long number(int index, String what, long min) {
            String t = token(index);
            int i = 0;
            boolean negative = false;
            if (t.charAt(0) == '-' || t.charAt(0) == '+') {
                negative = t.charAt(0) == '-';
                i = 1;
            }
            if (i == t.length()) {
                throw expected(index, what);
            }
            long value = 0;
            for (; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    throw expected(index, what);
                }
                int digit = c - '0';
                // accumulate negatively: Long.MIN_VALUE has no positive twin
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    throw error(column(index), "expected " + what + ", found '" + shown(t)
                            + "', which is too large (at most " + Long.MAX_VALUE + ").");
                }
                value = value * 10 - digit;
            }
            if (!negative) {
                if (value == Long.MIN_VALUE) {
                    throw error(column(index), "expected " + what + ", found '" + shown(t)
                            + "', which is too large (at most " + Long.MAX_VALUE + ").");
                }
                value = -value;
            }
            if (value < min) {
                throw expected(index, what);
            }
            return value;
        }

        private TraceFormatException expected(int index, String what) {
            String after = index == 0 ? "" : " after '" + prefix(index) + "'";
            return error(column(index), "expected " + what + after + ", found " + found(token(index)) + ".");
        }

        /** The first {@code count} tokens of the line, as written. */
        private String prefix(int count) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count && i < tokens.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(shown(token(i)));
            }
            return out.toString();
        }

        private int endColumn() {
            return tokens.get(tokens.size() - 1)[1] + 1;
        }

        private TraceFormatException error(int column, String sentence) {
            return new TraceFormatException(file, lineNumber, column, sentence);
        }

        private Trace finish() {
            if (header == null) {
                throw new TraceFormatException(file, Math.max(1, lastLine), 1, "the file ends inside the header: expected 4 "
                        + "numbers (heap size hint, number of ids, number of operations, weight), found " + headerCount + ".");
            }
            if (headerless) {
                int ids = ops.stream().mapToInt(TraceOp::id).max().orElse(-1) + 1;
                header = new TraceHeader(0, ids, ops.size(), 1);
                quirks.add(0, new TraceQuirk(1, "the trace has no header: read as " + ops.size() + " operation"
                        + (ops.size() == 1 ? "" : "s") + (ids == 0 ? " on no block" : " on block ids 0 to " + (ids - 1))
                        + ", counted from its lines "
                        + "(heap size hint 0, weight 1)"));
                return new Trace(file, header, ops, quirks);
            }
            if (ops.size() < header.opCount()) {
                // points at the number to fix, not at the last line, which is a good operation
                throw new TraceFormatException(file, headerLines[2], headerColumns[2], "the header announces "
                        + header.opCount() + " operations, but the file ends after " + ops.size() + " (at line "
                        + Math.max(1, lastLine) + "). Is the file cut short? If not, make this number " + ops.size() + ".");
            }
            return new Trace(file, header, ops, quirks);
        }
    }

    /** What some editors write before UTF-8 text: U+FEFF, the byte-order mark. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    /** The first token of every operation line. */
    private static final Set<String> OPERATION_KINDS = Set.of("a", "f", "r", "w", "rd");

    private static final String[] HEADER_FIELDS = {
        "the header's first number (a heap size hint or a weight)",
        "the header's second number, the number of block ids",
        "the header's third number, the number of operations",
        "the header's fourth number (a weight or unused)",
    };

    private static boolean startsWithLetter(String token) {
        char c = token.charAt(0);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * A token as a message quotes it after "found": {@code 'abc'}, or, when it holds a character an
     * editor does not show, the visible part and that character by code point and name:
     * {@code '16' followed by U+00A0 (a no-break space; only spaces and tabs separate tokens)}.
     */
    static String found(String token) {
        int at = 0;
        while (at < token.length() && !invisible(token.charAt(at))) {
            at++;
        }
        if (at == token.length()) {
            return "'" + shown(token) + "'";
        }
        char c = token.charAt(at);
        String named = String.format("U+%04X (%s; only spaces and tabs separate tokens)", (int) c, invisibleName(c));
        if (at > 0) {
            return "'" + shown(token.substring(0, at)) + "' followed by " + named;
        }
        String rest = token.substring(1);
        return rest.isEmpty() ? named : named + " before '" + shown(rest) + "'";
    }

    /** True for a character an editor shows as nothing, as a space, or not at all: never part of a trace token. */
    private static boolean invisible(char c) {
        int type = Character.getType(c);
        return c < 0x20 || c == 0x7F || c == '\uFFFD' || Character.isSpaceChar(c) || Character.isWhitespace(c)
                || type == Character.FORMAT || type == Character.CONTROL;
    }

    private static String invisibleName(char c) {
        return switch (c) {
            case '\u00A0' -> "a no-break space";
            case '\u202F' -> "a narrow no-break space";
            case '\u2007' -> "a figure space";
            case '\u3000' -> "an ideographic space";
            case '\u200B' -> "a zero-width space";
            case '\u200C', '\u200D', '\u2060' -> "a zero-width joiner or non-joiner";
            case '\uFEFF' -> "a byte-order mark";
            case '\uFFFD' -> "a byte that is not UTF-8";
            case '\r' -> "a carriage return";
            case '\u000B' -> "a vertical tab";
            case '\u000C' -> "a form feed";
            case '\u0000' -> "a zero byte";
            default -> Character.isSpaceChar(c) || Character.isWhitespace(c) ? "a space character"
                    : c < 0x20 || c == 0x7F || Character.getType(c) == Character.CONTROL ? "a control character"
                    : "an invisible formatting character";
        };
    }

    /** A token as an error message shows it: printable, and cut short when long. */
    static String shown(String token) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < token.length() && i < 24; i++) {
            char c = token.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        if (token.length() > 24) {
            out.append("...");
        }
        return out.toString();
    }
}
