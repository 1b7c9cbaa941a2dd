package dev.alloclab.grader.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The result channel's framing: {@code length, payload, HMAC-SHA256(key, sequence || payload)}.
 *
 * <p>The key is the per-run secret the grader hands the grading JVM on its standard input before
 * any student class is loaded; the sequence number makes a replayed or reordered frame fail. A
 * frame that does not verify ends the run: whatever did not arrive intact scores zero.
 *
 * <p>INTERNAL. Instances are not thread-safe.
 */
final class Frames {
    /** No honest message is this large: a bigger length means the stream is not ours. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final int MAC_BYTES = 32;

    private final Mac mac;
    private long sequence;

    Frames(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    void write(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.write(sign(sequence++, payload));
        out.flush();
    }

    /**
     * The next payload, or null at a clean end of stream.
     *
     * @throws IOException if the frame is cut off, too large, or its MAC does not verify
     */
    byte[] read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new ForgedFrameException("a frame announced " + length + " bytes");
        }
        byte[] payload = in.readNBytes(length);
        byte[] tag = in.readNBytes(MAC_BYTES);
        if (payload.length != length || tag.length != MAC_BYTES) {
            throw new EOFException("the grading JVM's channel closed in the middle of a frame");
        }
        if (!MessageDigest.isEqual(tag, sign(sequence++, payload))) {
            throw new ForgedFrameException("a frame's MAC did not verify");
        }
        return payload;
    }

    private byte[] sign(long seq, byte[] payload) {
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(seq).array());
        return mac.doFinal(payload);
    }

    /** The channel carried bytes the grading JVM's own code did not sign. */
    static final class ForgedFrameException extends IOException {
        private static final long serialVersionUID = 1L;

        ForgedFrameException(String what) {
            super("result channel rejected: " + what);
        }
    }
}
