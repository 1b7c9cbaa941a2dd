package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StoredResults}: a stored result is trusted only while its bytes are the ones the grader wrote. */
class StoredResultsTest {
    @TempDir
    Path results;

    @Test
    void a_result_changed_after_it_was_written_is_caught_and_the_gradebook_still_gets_the_written_bytes() throws IOException {
        // GIVEN alice's result written by this run
        StoredResults stored = StoredResults.open(results);
        stored.write("alice", "{\"score\" : 6.0}");
        assertThat(stored.changedSinceWritten("alice")).isFalse();
        // WHEN someone else rewrites the file
        Files.writeString(results.resolve("alice.json"), "{\"score\" : 0.0}");
        // THEN it is caught, and what the gradebook reads is still what the grader wrote
        assertThat(stored.changedSinceWritten("alice")).isTrue();
        assertThat(stored.lookUp("alice").state()).isEqualTo(StoredResults.State.CHANGED);
        assertThat(new String(stored.asWritten("alice"), StandardCharsets.UTF_8)).isEqualTo("{\"score\" : 6.0}");
    }

    @Test
    void the_next_run_trusts_the_bytes_it_has_a_checksum_for_and_nothing_else() throws IOException {
        // GIVEN a run that wrote alice and bob, and a result nobody wrote (carol's, copied in by hand)
        StoredResults first = StoredResults.open(results);
        first.write("alice", "{\"score\" : 6.0}");
        first.write("bob", "{\"score\" : 3.0}");
        Files.writeString(results.resolve("carol.json"), "{\"score\" : 6.0}");
        // WHEN bob's file is changed between the runs and the next run opens the folder
        Files.writeString(results.resolve("bob.json"), "{\"score\" : 6.0}");
        StoredResults next = StoredResults.open(results);
        // THEN alice is as written, bob changed, carol unrecorded, dave missing
        assertThat(next.lookUp("alice").state()).isEqualTo(StoredResults.State.AS_WRITTEN);
        assertThat(next.lookUp("bob").state()).isEqualTo(StoredResults.State.CHANGED);
        assertThat(next.lookUp("carol").state()).isEqualTo(StoredResults.State.UNRECORDED);
        assertThat(next.lookUp("dave").state()).isEqualTo(StoredResults.State.MISSING);
        // AND the checksum file is in sha256sum's format, so the instructor can check it by hand
        assertThat(Files.readString(results.resolve(StoredResults.CHECKSUMS)))
                .contains(StoredResults.sha256("{\"score\" : 6.0}".getBytes(StandardCharsets.UTF_8)) + "  alice.json\n");
    }

    @Test
    void keeping_a_result_records_its_checksum_for_the_run_after_next_too() throws IOException {
        // GIVEN alice written in one run and kept in the next
        StoredResults.open(results).write("alice", "{\"score\" : 6.0}");
        StoredResults second = StoredResults.open(results);
        StoredResults.Lookup alice = second.lookUp("alice");
        second.keep("alice", alice.bytes());
        // WHEN a third run opens the folder THEN alice is still as written
        assertThat(StoredResults.open(results).lookUp("alice").state()).isEqualTo(StoredResults.State.AS_WRITTEN);
    }

    @Test
    void a_name_with_a_line_break_or_a_backslash_keeps_its_checksum_line_and_is_kept_next_run() throws IOException {
        // GIVEN results for students named with a line break and with a backslash (a Latin-1 name shown as stu\xFF)
        StoredResults first = StoredResults.open(results);
        first.write("new\nline", "{\"score\" : 6.0}");
        first.write("stu\\xFF", "{\"score\" : 7.0}");
        // THEN the checksum file has one line per result, in sha256sum's escaped form
        assertThat(Files.readString(results.resolve(StoredResults.CHECKSUMS)).lines())
                .hasSize(2).allMatch(line -> line.startsWith("\\")).anyMatch(line -> line.endsWith("  new\\nline.json"));
        // AND the next run finds both as the grader wrote them (a broken line had every run grade the student again)
        StoredResults next = StoredResults.open(results);
        assertThat(next.lookUp("new\nline").state()).isEqualTo(StoredResults.State.AS_WRITTEN);
        assertThat(next.lookUp("stu\\xFF").state()).isEqualTo(StoredResults.State.AS_WRITTEN);
    }
}
