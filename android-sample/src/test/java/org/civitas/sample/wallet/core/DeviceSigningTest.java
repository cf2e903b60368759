package org.civitas.sample.wallet.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.auth.AuthToken;
import org.civitas.sdk.holder.HolderPresentation;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A device key signs exactly what the SDK signs with a SigningKey (P-256 ECDSA here is deterministic, RFC 6979). */
class DeviceSigningTest {

    final SigningKey key = SigningKey.generate(KeyType.P256).signingKey();
    final DeviceKey device = new SoftwareDeviceKey(key);
    final Instant now = Instant.parse("2026-12-03T10:15:30Z");
    final List<ObjectNode> credentials = List.of(credential());

    @Test
    void interactivePresentationIsTheSdksHolderPresentation() {
        assertEquals(HolderPresentation.answer(credentials, "did:civitas:holder", "did:civitas:holder#device-1", key,
                "challenge-1", "counter.example", now),
            DeviceSigning.presentation(credentials, "did:civitas:holder", "did:civitas:holder#device-1", device,
                "challenge-1", "counter.example", now));
    }

    @Test
    void oneWayPresentationIsTheSdksHolderPresentation() {
        assertEquals(HolderPresentation.oneWay(credentials, "did:civitas:holder", "did:civitas:holder#device-1", key, now),
            DeviceSigning.presentation(credentials, "did:civitas:holder", "did:civitas:holder#device-1", device,
                null, null, now));
    }

    @Test
    void serviceTokenIsTheSdksAuthToken() {
        assertEquals(AuthToken.sign(key, "did:civitas:holder#device-1", "did:civitas:holder", "credential-issuer", now,
                Duration.ofMinutes(2), "token-1"),
            DeviceSigning.authToken(device, "did:civitas:holder#device-1", "did:civitas:holder", "credential-issuer",
                now, Duration.ofMinutes(2), "token-1"));
    }

    private static ObjectNode credential() {
        ObjectNode vc = IJson.mapper().createObjectNode();
        vc.putArray("type").add("VerifiableCredential").add("Diploma");
        vc.putObject("credentialSubject").put("id", "did:civitas:holder").put("degree", "master");
        return vc;
    }
}
