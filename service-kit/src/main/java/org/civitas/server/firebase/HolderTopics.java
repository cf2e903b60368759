package org.civitas.server.firebase;

import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import org.civitas.sdk.did.Did;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The FCM topic of a holder's devices: identity-service subscribes each registered device token to it, and
 * credential-issuer sends its notices to it, so no service needs another's device tokens. The name is a hash of
 * the DID, so a topic name does not give the DID away.
 */
public final class HolderTopics {

    private static final Logger LOG = LoggerFactory.getLogger(HolderTopics.class);

    private HolderTopics() { }

    /**
     * Sends a data-only notice to the holder's topic and waits for FCM's answer. A notice says what happened (its
     * {@code event} and ids), never a claim value or anything personal; the devices fetch what they need. Failures
     * are logged, not thrown: a notice is a hint, never the record of a change.
     */
    public static void send(FirebaseMessaging messaging, Did holder, Map<String, String> data) {
        try {
            messaging.send(Message.builder().setTopic(of(holder)).putAllData(data).build());
        } catch (FirebaseMessagingException | RuntimeException e) {
            LOG.warn("FCM notice {} was not sent: {}", data.get("event"), e.getMessage());
        }
    }

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
