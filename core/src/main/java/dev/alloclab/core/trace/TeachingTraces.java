package dev.alloclab.core.trace;

/**
 * The suite's four teaching traces: short programs with one classic mistake each, written to be
 * replayed on the checked heap ({@code alloclab replay teaching/overflow --check}). Unlike the
 * performance traces they carry {@code #} comments, so the file explains itself.
 */
final class TeachingTraces {
    private TeachingTraces() {
    }

    static final String USE_AFTER_FREE = """
            # use-after-free: block 0 holds five 4-byte years (the worked example's vec).
            # It is freed too early, a newer block takes its bytes, and then it is read.
            # Replay with --check to see the checked heap stop the read at line 14.
            64
            2
            8
            1
            a 0 20      # get_years: room for five years
            w 0 0 20    # the five years are written
            rd 0 0 4    # find_highest_year reads the first one
            f 0         # dealloc too early: the vec is still used below
            a 1 20      # a newer block, which may get block 0's bytes
            w 1 0 20
            rd 0 16 4   # use-after-free: block 0 was freed at line 11
            f 1
            """;

    static final String DOUBLE_FREE = """
            # double free: block 0 is freed twice. In between, block 1 may have been given
            # block 0's old index, so the second free would take block 1 away from its owner.
            # Replay with --check: the checked heap reports the second free at line 13.
            48
            2
            7
            1
            a 0 16
            w 0 0 16
            f 0
            a 1 16      # may reuse block 0's index
            w 1 0 16
            f 0         # double free: block 0 was already freed at line 10
            f 1
            """;

    static final String OVERFLOW = """
            # overflow: block 0 is 20 bytes, but the program writes 24 into it, so the last
            # 4 bytes land past its end, perhaps in block 1's payload or header.
            # Replay with --check: the checked heap reports the write at line 10.
            64
            2
            7
            1
            a 0 20
            a 1 20
            w 0 0 24    # heap-buffer-overflow: 4 bytes past the end of block 0
            w 1 0 20
            rd 1 0 4
            f 0
            f 1
            """;

    static final String LEAK = """
            # leak: block 1 is never freed. The program ends with 64 bytes still allocated.
            # Replay with --check: the checked heap's end-of-program report lists block 1,
            # allocated at line 9.
            96
            2
            5
            1
            a 0 32
            a 1 64      # never freed
            w 0 0 32
            w 1 0 64
            f 0
            """;
}
