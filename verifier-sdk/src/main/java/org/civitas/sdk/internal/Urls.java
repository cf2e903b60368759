package org.civitas.sdk.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks that untrusted text is an absolute URL in the sense the VC Data Model uses (VCDM 2.0 §4.4 Identifiers):
 * a scheme followed by a scheme-specific part, e.g. {@code https://…}, {@code did:…}, {@code urn:uuid:…}.
 * Uses {@link URI}'s RFC 2396 parser, which is stricter than the WHATWG URL Standard about some characters.
 */
public final class Urls {

    private Urls() { }

    /** True when {@code text} parses as an absolute URI with a non-empty scheme-specific part. */
    public static boolean isAbsolute(String text) {
        if (text.isEmpty()) return false;
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && !uri.getRawSchemeSpecificPart().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
