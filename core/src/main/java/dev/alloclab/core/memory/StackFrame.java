package dev.alloclab.core.memory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function's frame on {@link StackMemory}: a run of bytes {@code [start, start + size)} that
 * holds its locals at fixed offsets. A frame is valid from its push until its pop; after the pop
 * its bytes are free stack again and reading them through the frame is an error.
 */
public final class StackFrame {
    private final StackMemory stack;
    private final String function;
    private final int start;
    private final int size;
    private final Map<String, Local> locals;
    private final Map<String, Integer> offsets;
    private boolean popped;

    StackFrame(StackMemory stack, String function, int start, int size,
               Map<String, Local> locals, Map<String, Integer> offsets) {
        this.stack = stack;
        this.function = function;
        this.start = start;
        this.size = size;
        this.locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
        this.offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
    }

    public String function() {
        return function;
    }

    /** Stack index of the frame's first byte (the {@code stack_length} before the push). */
    public int start() {
        return start;
    }

    /** Bytes the frame takes, its locals rounded up to 8. */
    public int size() {
        return size;
    }

    public boolean isPopped() {
        return popped;
    }

    /** The locals in declaration order. */
    public Map<String, Local> locals() {
        return locals;
    }

    /** Offset of {@code local} from the frame's start. */
    public int offsetOf(String local) {
        Integer offset = offsets.get(local);
        if (offset == null) {
            throw new IllegalArgumentException("frame " + function + " has no local '" + local
                    + "'; its locals are " + offsets.keySet());
        }
        return offset;
    }

    /** Stack index of {@code local}: {@code start() + offsetOf(local)}. */
    public int indexOf(String local) {
        return start + offsetOf(local);
    }

    public int readInt(String local) {
        return stack.readInt(checkedIndex(local, Integer.BYTES));
    }

    public void writeInt(String local, int value) {
        stack.writeInt(checkedIndex(local, Integer.BYTES), value);
    }

    /** Reads the {@code field}-th i32 of a local that holds several (a struct such as a vec's metadata). */
    public int readInt(String local, int field) {
        return stack.readInt(checkedIndex(local, field, Integer.BYTES));
    }

    /** Writes the {@code field}-th i32 of a local that holds several. */
    public void writeInt(String local, int field, int value) {
        stack.writeInt(checkedIndex(local, field, Integer.BYTES), value);
    }

    public long readLong(String local) {
        return stack.readLong(checkedIndex(local, Long.BYTES));
    }

    public void writeLong(String local, long value) {
        stack.writeLong(checkedIndex(local, Long.BYTES), value);
    }

    private int checkedIndex(String local, int width) {
        return checkedIndex(local, 0, width);
    }

    private int checkedIndex(String local, int field, int width) {
        if (popped) {
            throw new IllegalStateException("the frame of " + function + " was popped: its local '"
                    + local + "' no longer exists (its bytes are free stack again)");
        }
        Local declared = locals.get(local);
        int index = indexOf(local);
        if (field < 0) {
            throw new IllegalArgumentException("field " + field + " of local '" + local + "' of " + function
                    + ": a field number counts values from the local's start, so it must be >= 0");
        }
        long end = (long) (field + 1) * width;
        if (declared.size() < end) {
            throw new IllegalArgumentException("local '" + local + "' of " + function + " is "
                    + declared.size() + " bytes, too small for a " + width + "-byte value"
                    + (field == 0 ? "" : " at field " + field));
        }
        return index + field * width;
    }

    void markPopped() {
        popped = true;
    }

    @Override
    public String toString() {
        return function + " [" + start + ", " + (start + size) + ")";
    }
}
