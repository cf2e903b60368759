package org.civitas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The inputs every benchmark shares, so that figures from different benchmarks describe the same work. */
public final class Fixtures {

    private static final String DIPLOMA = "diploma-credential.json";

    private Fixtures() { }

    /**
     * A typical unsigned W3C VC 2.0 credential as JSON text (about 1.5 KiB compact): a university diploma with a
     * did:key subject, bilingual (en/zh) names, a degree, validity dates, an issuer object and two
     * BitstringStatusListEntry entries (revocation and suspension). No proof.
     */
    public static String diplomaCredential() {
        try (InputStream in = Fixtures.class.getResourceAsStream(DIPLOMA)) {
            if (in == null) throw new IllegalStateException(DIPLOMA + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIPLOMA, e);
        }
    }

    /** A 64-byte message: the size Data Integrity signs (two SHA-256 hashes, proof options then document). */
    public static byte[] dataIntegrityMessage() {
        return pattern(64);
    }

    /** {@code length} bytes of a fixed, non-trivial pattern. */
    public static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }
}
