package dev.syspatterns.bench.blobs;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A stream of {@code size} pseudo-random (incompressible) bytes, generated as read so no file of that size is
 * needed, hashing what it hands out: after the last byte, {@link #sha256()} is the digest of the whole upload.
 */
final class GeneratedData extends InputStream {

    private final SplittableRandom random;
    private final MessageDigest digest;
    private final byte[] chunk = new byte[64 * 1024];
    private long remaining;
    private int position = chunk.length;

    GeneratedData(long size, long seed) {
        this.remaining = size;
        this.random = new SplittableRandom(seed);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining == 0) {
            return -1;
        }
        if (position == chunk.length) {
            random.nextBytes(chunk);
            position = 0;
        }
        int n = (int) Math.min(Math.min(len, chunk.length - position), remaining);
        System.arraycopy(chunk, position, b, off, n);
        digest.update(chunk, position, n);
        position += n;
        remaining -= n;
        return n;
    }

    /** The SHA-256 of every byte read, once all were read. */
    String sha256() {
        if (remaining != 0) {
            throw new IllegalStateException(remaining + " bytes not read yet");
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
