package dev.alloclab.docs;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.Heap;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.picture.HtmlStepThrough;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A heap that passes every call on and keeps, after each alloc and dealloc, the allocator's picture of
 * the heap: the steps of a step-through page for a program run on it.
 */
final class RegionRecordingHeap implements Heap {
    private final Heap heap;
    private final List<HtmlStepThrough.Step> steps = new ArrayList<>();

    RegionRecordingHeap(Heap heap) {
        this.heap = heap;
    }

    List<HtmlStepThrough.Step> steps() {
        return steps;
    }

    private void record(String operation, int index, List<HeapRegion> regions) {
        steps.add(new HtmlStepThrough.Step(operation, regions, Optional.empty(),
                index == Allocator.NULL ? Optional.empty() : Optional.of(index)));
    }

    @Override
    public int alloc(int size) {
        int index = heap.alloc(size);
        record("alloc(" + size + ") -> " + index, index, heap.allocator().regions());
        return index;
    }

    @Override
    public void dealloc(int index) {
        heap.dealloc(index);
        record("dealloc(" + index + ")", index, heap.allocator().regions());
    }

    @Override
    public int realloc(int index, int size) {
        int moved = heap.realloc(index, size);
        record("realloc(" + index + ", " + size + ") -> " + moved, moved, heap.allocator().regions());
        return moved;
    }

    @Override
    public byte readByte(int index) {
        return heap.readByte(index);
    }

    @Override
    public void writeByte(int index, int value) {
        heap.writeByte(index, value);
    }

    @Override
    public int readInt(int index) {
        return heap.readInt(index);
    }

    @Override
    public void writeInt(int index, int value) {
        heap.writeInt(index, value);
    }

    @Override
    public long readLong(int index) {
        return heap.readLong(index);
    }

    @Override
    public void writeLong(int index, long value) {
        heap.writeLong(index, value);
    }

    @Override
    public void copy(int from, int to, int length) {
        heap.copy(from, to, length);
    }

    @Override
    public Allocator allocator() {
        return heap.allocator();
    }
}
