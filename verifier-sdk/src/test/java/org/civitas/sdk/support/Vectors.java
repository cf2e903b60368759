package org.civitas.sdk.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads published vectors verbatim from {@code src/test/resources/vectors/}. */
public final class Vectors {

    private Vectors() { }

    public static byte[] bytes(String path) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
            if (in == null) throw new IllegalArgumentException("no vector at vectors/" + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A text vector without its trailing line break (the W3C .txt files end with one or not). */
    public static String line(String path) {
        return text(path).trim();
    }
}
