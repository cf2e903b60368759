package org.civitas.server.firebase;

import org.civitas.sdk.did.Did;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The FCM topic of a holder's devices: identity-service subscribes each registered device token to it, and
 * credential-issuer sends its notices to it, so no service needs another's device tokens. The name is a hash of
 * the DID, so a topic name does not give the DID away.
 */
public final class HolderTopics {

    private HolderTopics() { }

    /** {@code civitas-holder-} + the first 16 bytes of SHA-256(DID), base64url. */
    public static String of(Did holder) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(holder.toString().getBytes(StandardCharsets.UTF_8));
            return "civitas-holder-" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
