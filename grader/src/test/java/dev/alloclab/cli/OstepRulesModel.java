package dev.alloclab.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second, independent reading of the OSTEP free-space rules, written for the tests only, in the
 * plainest way (a list of {address, size} pairs and a map of allocated sizes), straight from the
 * rules in issue 10 and docs/quizzes.md. The quiz (which runs core's simulator) must agree with it.
 * Only the three OSTEP policies: next fit is the kit's own.
 */
final class OstepRulesModel {
    final List<int[]> freeList = new ArrayList<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();
    private final String policy;
    private final String order;
    private final boolean coalesce;
    private final int header;
    private final int align;

    OstepRulesModel(String policy, String order, boolean coalesce, int header, int align, int base, int size) {
        this.policy = policy;
        this.order = order;
        this.coalesce = coalesce;
        this.header = header;
        this.align = align;
        if (size > 0) {
            freeList.add(new int[] {base, size});
        }
    }

    int malloc(int request) {
        int need = request;
        if (align > 1 && need % align != 0) {
            need += align - need % align;   // round the request first...
        }
        need += header;                      // ...then add the header
        int best = -1;
        for (int i = 0; i < freeList.size(); i++) {
            int size = freeList.get(i)[1];
            if (size < need) {
                continue;
            }
            if (policy.equals("first")) {
                best = i;
                break;
            }
            if (best == -1 || (policy.equals("best") ? size < freeList.get(best)[1] : size > freeList.get(best)[1])) {
                best = i;                    // strictly better only: the earliest wins a tie
            }
        }
        if (best == -1) {
            return -1;
        }
        int[] entry = freeList.get(best);
        int address = entry[0];
        if (entry[1] == need) {
            freeList.remove(best);
        } else {
            freeList.set(best, new int[] {address + need, entry[1] - need});   // remainder keeps its place
        }
        sizes.put(address, need);
        return address;
    }

    int free(int address) {
        Integer size = sizes.remove(address);
        if (size == null) {
            return -1;
        }
        int[] chunk = {address, size};
        switch (order) {
            case "insert-front" -> freeList.add(0, chunk);
            case "insert-back" -> freeList.add(chunk);
            case "address" -> { freeList.add(chunk); freeList.sort(Comparator.comparingInt(e -> e[0])); }
            case "size-ascending" -> { freeList.add(chunk); freeList.sort(Comparator.comparingInt(e -> e[1])); }
            case "size-descending" -> { freeList.add(chunk); freeList.sort((a, b) -> Integer.compare(b[1], a[1])); }
            default -> throw new IllegalArgumentException(order);
        }
        if (coalesce) {
            List<int[]> merged = new ArrayList<>();
            int[] current = freeList.get(0);
            for (int i = 1; i < freeList.size(); i++) {
                int[] next = freeList.get(i);
                if (current[0] + current[1] == next[0]) {
                    current = new int[] {current[0], current[1] + next[1]};
                } else {
                    merged.add(current);
                    current = next;
                }
            }
            merged.add(current);
            freeList.clear();
            freeList.addAll(merged);
        }
        return 0;
    }

    List<List<Integer>> list() {
        return freeList.stream().map(e -> List.of(e[0], e[1])).toList();
    }
}
