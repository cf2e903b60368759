package org.civitas.identity.device;

import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.TopicManagementResponse;
import org.civitas.identity.IdentityException;
import org.civitas.identity.IdentityException.Reason;
import org.civitas.sdk.did.Did;
import org.civitas.server.firebase.HolderTopics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A holder's FCM topic ({@link HolderTopics}), through firebase-admin: device push tokens are subscribed to it, so
 * issuers notify a holder's devices through the topic and no other service needs device tokens; and this service
 * tells the holder's devices when the set of devices changed ({@link #deviceChanged}). Without Firebase configured,
 * every method does nothing (tokens are still recorded, and subscribed once a deployment adds Firebase and they are
 * registered again). Thread-safe.
 */
public final class HolderTopic {

    private final FirebaseMessaging messaging;

    /** @param messaging null when Firebase is not configured */
    public HolderTopic(FirebaseMessaging messaging) {
        this.messaging = messaging;
    }

    public boolean enabled() { return messaging != null; }

    /** Adds the token to the holder's topic. */
    public void subscribe(Did holder, String token) {
        if (messaging == null) return;
        TopicManagementResponse response;
        try {
            response = messaging.subscribeToTopic(List.of(token), HolderTopics.of(holder));
        } catch (FirebaseMessagingException e) {
            throw unavailable(e);
        }
        if (response.getFailureCount() > 0) {
            throw IdentityException.invalid("fcm_token", "was refused by FCM ("
                + response.getErrors().get(0).getReason() + "); register the device's current token");
        }
    }

    /** Removes the token from the holder's topic (a token FCM no longer knows is already gone). */
    public void unsubscribe(Did holder, String token) {
        if (messaging == null) return;
        try {
            messaging.unsubscribeFromTopic(List.of(token), HolderTopics.of(holder));
        } catch (FirebaseMessagingException e) {
            throw unavailable(e);
        }
    }

    /**
     * Tells the holder's devices that a device was bound, rotated or revoked, and who authorised it ({@code citizen}
     * or the registrar's DID): a citizen whose DID a registrar changed learns it on every device still subscribed, so
     * a recovery nobody asked for does not go unnoticed. Best effort: failures are logged (the ledger entry is the
     * record of the change).
     */
    public void deviceChanged(Did holder, String event, String deviceId, String authorisedBy) {
        if (messaging == null) return;
        HolderTopics.send(messaging, holder, Map.of("event", event, "deviceId", deviceId, "authorisedBy",
            authorisedBy));
    }

    private static IdentityException unavailable(FirebaseMessagingException e) {
        return IdentityException.retryable(Reason.FIREBASE_UNAVAILABLE, "FCM cannot manage topic subscriptions now ("
            + e.getErrorCode() + "); retry with the same request_id", Duration.ofSeconds(2));
    }
}
