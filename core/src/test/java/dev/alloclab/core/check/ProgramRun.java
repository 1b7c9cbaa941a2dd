package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs generated {@link ProgramOp}s on a checked heap as a CORRECT program would: it only frees
 * live blocks, reads and writes inside their payloads, and checks every read against a model of
 * what it wrote (so the checked heap must also keep data intact). Blocks a test makes on the side
 * (the victim of an injected mistake) are not in the model, so the program never touches them.
 */
final class ProgramRun {
    private final CheckedHeap heap;
    private final List<Block> live = new ArrayList<>();

    private static final class Block {
        int index;
        byte[] content;
        boolean[] written; // alloc does not clear memory, so only written bytes have a known value

        Block(int index, int size) {
            this.index = index;
            this.content = new byte[size];
            this.written = new boolean[size];
        }
    }

    ProgramRun(CheckedHeap heap) {
        this.heap = heap;
    }

    void run(List<ProgramOp> ops) {
        for (ProgramOp op : ops) {
            apply(op);
        }
    }

    void freeAll() {
        for (Block block : live) {
            heap.dealloc(block.index);
        }
        live.clear();
    }

    int liveCount() {
        return live.size();
    }

    private void apply(ProgramOp op) {
        if (op.kind() == ProgramOp.Kind.ALLOC) {
            int index = heap.alloc(op.size());
            assertThat(index).as("%s on a heap with room", op).isNotEqualTo(Allocator.NULL);
            live.add(new Block(index, op.size()));
            return;
        }
        if (live.isEmpty()) {
            return;
        }
        int pick = op.pick() % live.size();
        Block block = live.get(pick);
        switch (op.kind()) {
            case FREE -> {
                live.remove(pick);
                heap.dealloc(block.index);
            }
            case REALLOC -> {
                int moved = heap.realloc(block.index, op.size());
                assertThat(moved).as("%s", op).isNotEqualTo(Allocator.NULL);
                block.index = moved;
                block.content = Arrays.copyOf(block.content, op.size());
                block.written = Arrays.copyOf(block.written, op.size());
            }
            case WRITE -> {
                int width = block.content.length >= op.size() ? op.size() : 1;
                int offset = op.offset() % (block.content.length - width + 1);
                write(block.index + offset, width, op.value());
                for (int i = 0; i < width; i++) {
                    block.content[offset + i] = (byte) (op.value() >>> (8 * i));
                    block.written[offset + i] = true;
                }
            }
            case READ -> {
                int width = block.content.length >= op.size() ? op.size() : 1;
                int offset = op.offset() % (block.content.length - width + 1);
                long expected = 0;
                boolean known = true;
                for (int i = width - 1; i >= 0; i--) {
                    expected = expected << 8 | (block.content[offset + i] & 0xFF);
                    known &= block.written[offset + i];
                }
                long actual = read(block.index + offset, width);
                if (known) {
                    assertThat(actual).as("%s", op).isEqualTo(signExtend(expected, width));
                }
            }
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private void write(int index, int width, long value) {
        switch (width) {
            case 1 -> heap.writeByte(index, (int) value);
            case 4 -> heap.writeInt(index, (int) value);
            default -> heap.writeLong(index, value);
        }
    }

    private long read(int index, int width) {
        return switch (width) {
            case 1 -> heap.readByte(index);
            case 4 -> heap.readInt(index);
            default -> heap.readLong(index);
        };
    }

    private static long signExtend(long value, int width) {
        return switch (width) {
            case 1 -> (byte) value;
            case 4 -> (int) value;
            default -> value;
        };
    }
}
