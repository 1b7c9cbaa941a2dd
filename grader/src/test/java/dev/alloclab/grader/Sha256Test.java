package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void the_digest_of_abc_is_the_standard_test_vector() {
        // FIPS 180-2's first example: SHA-256("abc")
        assertThat(Sha256.hexOf("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Property(tries = 50)
    void a_file_streamed_into_a_digest_hashes_like_its_bytes_at_once(@ForAll @Size(max = 200_000) byte[] bytes)
            throws IOException {
        Path file = Files.createTempFile("sha256-test", ".bin");
        try {
            Files.write(file, bytes);
            MessageDigest digest = Sha256.start();
            Sha256.file(digest, file);
            assertThat(Sha256.hex(digest.digest())).isEqualTo(Sha256.hexOf(bytes));
        } finally {
            Files.delete(file);
        }
    }
}
