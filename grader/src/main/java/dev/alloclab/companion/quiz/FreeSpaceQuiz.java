package dev.alloclab.companion.quiz;

import dev.alloclab.core.alloc.sim.Allocation;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.alloc.sim.FreeListConfig;
import dev.alloclab.core.alloc.sim.FreeListSimulator;
import dev.alloclab.core.alloc.sim.ListOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The predict-the-heap quiz of OSTEP's free-space homework. Its answers come from core's
 * {@link FreeListSimulator}, the kit's oracle, configured with the same settings: the quiz only
 * numbers the operations, remembers which address each allocation returned (so that {@code -K}
 * frees it), and explains.
 *
 * <pre>{@code
 * FreeSpaceQuiz quiz = FreeSpaceQuiz.play(FreeListConfig.builder().policy(FitPolicy.FIRST).build(),
 *         FreeSpaceOps.parse("+10,+20,-0,+5"));
 * quiz.steps().get(3).returned();   // 1000: first fit reuses the freed chunk
 * }</pre>
 */
public final class FreeSpaceQuiz {
    private final FreeListConfig config;
    private final List<FreeSpaceStep> steps;

    private FreeSpaceQuiz(FreeListConfig config, List<FreeSpaceStep> steps) {
        this.config = config;
        this.steps = List.copyOf(steps);
    }

    /** Plays {@code ops} on a fresh simulator with {@code config}. */
    public static FreeSpaceQuiz play(FreeListConfig config, List<FreeSpaceOp> ops) {
        FreeListSimulator sim = FreeListSimulator.of(config);
        List<Integer> returnedBy = new ArrayList<>();
        List<FreeSpaceStep> steps = new ArrayList<>();
        for (FreeSpaceOp op : ops) {
            List<FreeChunk> before = sim.freeList();
            if (op.allocation()) {
                int address = sim.allocate(op.value());
                Allocation allocation = sim.lastAllocation().orElseThrow();
                steps.add(new FreeSpaceStep(steps.size(), op, returnedBy.size(), address, address, before,
                        sim.freeList(), allocation));
                returnedBy.add(address);
            } else {
                if (op.value() >= returnedBy.size()) {
                    throw new IllegalArgumentException("operation " + (steps.size() + 1) + " '" + op
                            + "' frees allocation " + op.value() + ", but only " + returnedBy.size()
                            + " allocation(s) come before it.");
                }
                int address = returnedBy.get(op.value());
                int result = address == FreeListSimulator.FAILED ? FreeListSimulator.FAILED : sim.free(address);
                steps.add(new FreeSpaceStep(steps.size(), op, op.value(), address, result, before, sim.freeList(),
                        null));
            }
        }
        return new FreeSpaceQuiz(config, steps);
    }

    public FreeListConfig config() {
        return config;
    }

    public List<FreeSpaceStep> steps() {
        return steps;
    }

    /** The answers as a JSON array, one object per operation: {@code op}, {@code returned}, {@code freeList}. */
    public String json() {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < steps.size(); i++) {
            FreeSpaceStep step = steps.get(i);
            json.append("  {\"op\": \"").append(step.op().text()).append("\", \"call\": \"").append(step.call())
                    .append("\", \"returned\": ").append(step.returned()).append(", \"freeList\": ")
                    .append(step.freeList().stream().map(c -> "[" + c.address() + ", " + c.size() + "]")
                            .collect(Collectors.joining(", ", "[", "]")))
                    .append('}').append(i + 1 < steps.size() ? ",\n" : "\n");
        }
        return json.append("]\n").toString();
    }

    /** The answers for people: each call, what it returned, and the list after it. */
    public String answers() {
        StringBuilder text = new StringBuilder(settings()).append('\n');
        for (FreeSpaceStep step : steps) {
            text.append(String.format("%3d. %-4s %-22s returned %d%s%n", step.number() + 1, step.op().text(), step.call(),
                    step.returned(), step.allocation() == null ? ""
                            : "  (searched " + step.allocation().searched() + " "
                            + (step.allocation().searched() == 1 ? "entry" : "entries") + ")"));
            text.append("      free list: ").append(listText(step.freeList())).append('\n');
        }
        return text.toString();
    }

    /** One line naming every setting, so a learner can replay the quiz by hand. */
    public String settings() {
        return "free-space quiz: " + config.policy().kitName() + " fit, " + config.order().kitName()
                + " order, coalescing " + (config.coalescing() ? "on" : "off") + ", header " + config.headerSize()
                + " bytes, alignment " + config.alignment() + ", heap [" + config.base() + ", "
                + (config.base() + config.size()) + ")";
    }

    /** {@code [1000, 10] [1020, 80]}, or {@code empty}. */
    public static String listText(List<FreeChunk> list) {
        if (list.isEmpty()) {
            return "empty";
        }
        return list.stream().map(c -> "[" + c.address() + ", " + c.size() + "]").collect(Collectors.joining(" "));
    }

    /** Why the call returned what it did: the chunk size, the candidates, the policy's choice. */
    public String explainReturn(FreeSpaceStep step) {
        if (step.allocation() == null) {
            return explainFreeResult(step);
        }
        Allocation a = step.allocation();
        StringBuilder why = new StringBuilder();
        why.append("alloc(").append(a.requestedSize()).append(") looks for a chunk of ").append(a.chunkSize())
                .append(" bytes: ").append(a.requestedSize()).append(" rounded up to the alignment of ")
                .append(config.alignment()).append(" is ").append(a.chunkSize() - config.headerSize())
                .append(", plus the ").append(config.headerSize()).append("-byte header.\n");
        why.append("  The list before it: ").append(listText(step.listBefore())).append('\n');
        List<String> fitting = new ArrayList<>();
        for (int i = 0; i < step.listBefore().size(); i++) {
            FreeChunk entry = step.listBefore().get(i);
            if (entry.size() >= a.chunkSize()) {
                fitting.add("[" + entry.address() + ", " + entry.size() + "] at position " + i);
            }
        }
        if (!a.succeeded()) {
            why.append("  No entry has ").append(a.chunkSize()).append(" bytes, so alloc returns -1 and the list "
                    + "does not change (OSTEP's simulator never grows the heap).");
            return why.toString();
        }
        why.append("  Big enough: ").append(String.join(", ", fitting)).append(".\n");
        why.append("  ").append(policyRule(config.policy())).append(" That is [").append(a.chosen().address())
                .append(", ").append(a.chosen().size()).append("] at position ").append(a.position()).append(".\n");
        why.append("  The chunk is cut from the entry's low end, so alloc returns ").append(a.address())
                .append(" (the header is counted inside the chunk)");
        if (a.split()) {
            why.append("; the remainder [").append(a.address() + a.chunkSize()).append(", ")
                    .append(a.chosen().size() - a.chunkSize()).append("] stays at position ").append(a.position())
                    .append('.');
        } else {
            why.append("; the entry fits exactly and leaves the list.");
        }
        return why.toString();
    }

    private String explainFreeResult(FreeSpaceStep step) {
        if (step.returned() == 0) {
            return "free(" + step.address() + ") returns 0: a chunk starts there.";
        }
        return "free(ptr[" + step.pointer() + "]) returns -1: " + (step.address() == FreeListSimulator.FAILED
                ? "that allocation failed, so ptr[" + step.pointer() + "] is -1 and nothing is freed."
                : "the chunk at " + step.address() + " was already freed, so nothing changes.");
    }

    /** How the list came to look like it does after the step. */
    public String explainList(FreeSpaceStep step) {
        if (step.allocation() != null) {
            return step.allocation().succeeded() ? "The list after the split: " + listText(step.freeList())
                    : "A failed allocation changes nothing: " + listText(step.freeList());
        }
        if (step.returned() != 0) {
            return "A free that returns -1 changes nothing: " + listText(step.freeList());
        }
        return "free puts the whole chunk at " + step.address() + " back: " + orderRule(config.order())
                + (config.coalescing() ? " Then one pass from the head merges each entry into the one before it "
                        + "when that one ends where it starts (only list neighbours merge)."
                        : " Coalescing is off, so touching chunks stay apart.")
                + "\n  The list is now: " + listText(step.freeList());
    }

    static String policyRule(FitPolicy policy) {
        return switch (policy) {
            case FIRST -> "First fit takes the first of them in list order.";
            case BEST -> "Best fit takes the smallest of them; on a tie, the earliest in the list.";
            case WORST -> "Worst fit takes the largest of them; on a tie, the earliest in the list.";
            case NEXT -> "Next fit takes the first of them starting from where the last search stopped.";
        };
    }

    static String orderRule(ListOrder order) {
        return switch (order) {
            case ADDRESS -> "the list is kept sorted by address.";
            case SIZE_ASCENDING -> "the list is sorted by size, smallest first (equal sizes keep their order).";
            case SIZE_DESCENDING -> "the list is sorted by size, largest first (equal sizes keep their order).";
            case INSERT_FRONT -> "it goes to the head of the list.";
            case INSERT_BACK -> "it goes to the tail of the list.";
        };
    }
}
