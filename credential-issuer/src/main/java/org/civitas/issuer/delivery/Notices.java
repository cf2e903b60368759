package org.civitas.issuer.delivery;

import com.google.firebase.messaging.FirebaseMessaging;
import org.civitas.sdk.did.Did;
import org.civitas.server.firebase.HolderTopics;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Push notices to a holder's devices: a data-only FCM message to the holder's topic ({@link HolderTopics}), which
 * identity-service subscribes their registered devices to. A notice says what happened and to which credential
 * (event, credential id, type), never a claim value; the wallet then fetches the credential itself. Notices are
 * sent after the change is committed, from the outboxes, so a crash can repeat one (at least once), never lose one
 * that the outbox still holds. Without Firebase configured, no notice is sent. Thread-safe.
 */
public final class Notices implements AutoCloseable {

    private final FirebaseMessaging messaging;
    private final ExecutorService sender;

    /** @param messaging FCM, or {@code null} when Firebase is not configured */
    public Notices(FirebaseMessaging messaging) {
        this.messaging = messaging;
        this.sender = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fcm-notices");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether notices are sent at all. */
    public boolean enabled() { return messaging != null; }

    /** Sends one notice and waits for FCM's answer; failures are logged, not thrown. */
    public void send(Did holder, String event, String credentialId, String credentialType) {
        if (messaging == null) return;
        HolderTopics.send(messaging, holder, Map.of("event", event, "credentialId", credentialId, "credentialType",
            credentialType));
    }

    /** Sends notices in parallel and waits for all. */
    public void sendAll(java.util.List<Runnable> notices) {
        if (messaging == null || notices.isEmpty()) return;
        var futures = notices.stream().map(n -> java.util.concurrent.CompletableFuture.runAsync(n, sender)).toList();
        futures.forEach(java.util.concurrent.CompletableFuture::join);
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
