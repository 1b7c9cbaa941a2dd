package dev.alloclab.core.examples;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Passes every call to the program's heap and writes down each alloc and dealloc with the bytes
 * the program holds afterwards, so a run can draw its memory over time.
 *
 * <p>"Holds" is counted by index, as the allocator sees it: the sizes asked for at the indexes not
 * yet given back. When a newer block got an index the program had already freed, a second dealloc of
 * that index gives back the newer block: the count drops while the program still uses it, which is
 * how chapter 3's "twice" chart shows the bug (a checked heap reports it instead).
 */
final class RecordingHeap implements Heap {
    private final Heap heap;
    private final Consumer<String> siteListener;
    private final List<HeapCall> events = new ArrayList<>();
    private final Map<Integer, Integer> held = new HashMap<>();
    private String function = "main";
    private int liveBytes;

    RecordingHeap(Heap heap, Consumer<String> siteListener) {
        this.heap = heap;
        this.siteListener = siteListener;
    }

    /** The example function making the next calls, for the event log and the checked heap's sites. */
    void enter(String function) {
        this.function = function;
    }

    List<HeapCall> events() {
        return events;
    }

    @Override
    public int alloc(int size) {
        siteListener.accept(function);
        int index = heap.alloc(size);
        if (index != Allocator.NULL) {
            held.put(index, size);
            liveBytes += size;
        }
        events.add(new HeapCall(events.size() + 1, "alloc(" + size + ")", function, index, liveBytes));
        return index;
    }

    @Override
    public void dealloc(int index) {
        siteListener.accept(function);
        heap.dealloc(index);
        Integer size = held.remove(index);
        if (size != null) {
            liveBytes -= size;
        }
        events.add(new HeapCall(events.size() + 1, "dealloc(" + index + ")", function, index, liveBytes));
    }

    @Override
    public int realloc(int index, int size) {
        throw new UnsupportedOperationException("the worked example never reallocates");
    }

    @Override
    public byte readByte(int index) {
        siteListener.accept(function);
        return heap.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        siteListener.accept(function);
        heap.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        siteListener.accept(function);
        return heap.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        siteListener.accept(function);
        heap.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        siteListener.accept(function);
        return heap.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        siteListener.accept(function);
        heap.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        siteListener.accept(function);
        heap.copy(from, to, length);
    }

    @Override
    public Allocator allocator() {
        return heap.allocator();
    }
}
