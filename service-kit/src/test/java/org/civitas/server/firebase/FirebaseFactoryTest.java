package org.civitas.server.firebase;

import com.google.firebase.FirebaseApp;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import org.civitas.testkit.FakeFirebase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real firebase-admin SDK, configured by the factory, against the local fake of Google's endpoints. */
class FirebaseFactoryTest {

    FakeFirebase fake;
    FakeFirebase impostor;
    FirebaseApp app;
    final FirebaseFactory factory = new FirebaseFactory();

    @BeforeEach
    void start() {
        fake = FakeFirebase.start();
        impostor = FakeFirebase.start();
        app = factory.firebaseApp(new FirebaseConfiguration(FakeFirebase.PROJECT, null, fake.endpoint()));
    }

    @AfterEach
    void stop() {
        app.delete();
        fake.close();
        impostor.close();
    }

    @Test
    void send_reachesTheFakeFcmEndpointWithTokenAndData() throws FirebaseMessagingException {
        String id = factory.firebaseMessaging(app).send(Message.builder().setToken("device-token-1")
            .putData("event", "credential-issued").build());

        assertEquals("projects/" + FakeFirebase.PROJECT + "/messages/1", id);
        assertEquals("device-token-1", fake.sentMessages().get(0).get("token").asText());
        assertEquals("credential-issued", fake.sentMessages().get(0).get("data").get("event").asText());
    }

    @Test
    void send_toAnUnregisteredToken_failsWithUnregistered() {
        fake.unregister("gone");

        FirebaseMessagingException e = assertThrows(FirebaseMessagingException.class, () ->
            factory.firebaseMessaging(app).send(Message.builder().setToken("gone").build()));

        assertEquals(MessagingErrorCode.UNREGISTERED, e.getMessagingErrorCode());
    }

    @Test
    void verifyIdToken_signedByFirebase_givesTheUidAndClaims_andAForgedOneFails() throws FirebaseAuthException {
        FirebaseToken token = factory.firebaseAuth(app).verifyIdToken(
            fake.mintIdToken("citizen-1", Map.of("did", "did:civitas:abc")));

        assertEquals("citizen-1", token.getUid());
        assertEquals("did:civitas:abc", token.getClaims().get("did"));
        assertThrows(FirebaseAuthException.class, () -> factory.firebaseAuth(app).verifyIdToken(
            impostor.mintIdToken("citizen-1", Map.of())));
    }

    @Test
    void topicSubscriptionsAndCustomClaims_goThroughTheSdkToTheFake() throws Exception {
        var subscribed = factory.firebaseMessaging(app).subscribeToTopic(java.util.List.of("device-a", "device-b"),
            "holder-x");
        assertEquals(0, subscribed.getFailureCount());
        factory.firebaseMessaging(app).send(Message.builder().setTopic("holder-x").putData("event", "revoked").build());
        factory.firebaseAuth(app).setCustomUserClaims("citizen-2", Map.of("did", "did:civitas:xyz"));

        assertEquals(java.util.Set.of("device-a", "device-b"), fake.subscribers("holder-x"));
        assertEquals("holder-x", fake.sentMessages().get(0).get("topic").asText());
        assertEquals("did:civitas:xyz", factory.firebaseAuth(app)
            .verifyIdToken(fake.mintIdToken("citizen-2", Map.of())).getClaims().get("did"));
    }
}
