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
 * the heap: the steps of a step-through page for a program run on it. When told which function makes the
 * calls ({@link #enter}), each step names it, and a function's run of int reads (or writes) becomes one step
 * too, with the range it touched and the values: a use-after-free then shows on the page as the read it is.
 */
final class RegionRecordingHeap implements Heap {
    private final Heap heap;
    private final List<HtmlStepThrough.Step> steps = new ArrayList<>();
    private String function = "";
    private Access pending;

    /** Consecutive int reads or writes of one function, drawn as one step. */
    private record Access(String function, String verb, int from, int to, List<Integer> values) {
    }

    RegionRecordingHeap(Heap heap) {
        this.heap = heap;
    }

    /** The function making the next calls (the worked example's site listener calls this). */
    void enter(String function) {
        this.function = function == null ? "" : function;
    }

    /** Ends the last run of reads or writes; call it after the program has run. */
    void finish() {
        flush();
    }

    List<HtmlStepThrough.Step> steps() {
        return steps;
    }

    private String by() {
        return function.isEmpty() ? "" : " in " + function;
    }

    private void record(String operation, int index, List<HeapRegion> regions) {
        flush();
        steps.add(new HtmlStepThrough.Step(operation + by(), regions, Optional.empty(),
                index == Allocator.NULL ? Optional.empty() : Optional.of(index)));
    }

    private void access(String verb, int index, int value) {
        if (pending != null && !(pending.function().equals(function) && pending.verb().equals(verb)
                && pending.to() == index)) {
            flush();
        }
        if (pending == null) {
            pending = new Access(function, verb, index, index, new ArrayList<>());
        }
        pending.values().add(value);
        pending = new Access(pending.function(), verb, pending.from(), index + Integer.BYTES, pending.values());
    }

    private void flush() {
        if (pending == null) {
            return;
        }
        Access done = pending;
        pending = null;
        String who = done.function().isEmpty() ? "the program" : done.function();
        String values = done.values().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("");
        steps.add(new HtmlStepThrough.Step(who + " " + done.verb() + " [" + done.from() + ", " + done.to() + "): " + values,
                heap.allocator().regions(), Optional.empty(), Optional.of(done.from())));
    }

    @Override
    public int alloc(int size) {
        flush();
        int index = heap.alloc(size);
        record("alloc(" + size + ") -> " + index, index, heap.allocator().regions());
        return index;
    }

    @Override
    public void dealloc(int index) {
        flush();
        heap.dealloc(index);
        record("dealloc(" + index + ")", index, heap.allocator().regions());
    }

    @Override
    public int realloc(int index, int size) {
        flush();
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
        int value = heap.readInt(index);
        access("reads", index, value);
        return value;
    }

    @Override
    public void writeInt(int index, int value) {
        heap.writeInt(index, value);
        access("writes", index, value);
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
