package org.civitas.sdk.ledger;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTrustTest {

    private static final byte[] LEDGER_ID = LedgerHash.SHA_256.digest(new byte[] {1});
    private final SigningKey national = SigningKey.generate(KeyType.ED25519).signingKey();
    private final SigningKey province = SigningKey.generate(KeyType.SM2).signingKey();
    private final SigningKey region = SigningKey.generate(KeyType.ED25519).signingKey();
    private final LedgerTrust trust = new LedgerTrust(LEDGER_ID, LedgerHash.SHA_256, Map.of(
        "national", national.verificationKey(), "province", province.verificationKey(),
        "region", region.verificationKey()), 2);
    private final TreeHead head = new TreeHead(LEDGER_ID, 42, LedgerHash.SHA_256.digest(new byte[] {2}),
        Instant.parse("2026-12-01T08:00:00.123Z"), LedgerHash.SHA_256);

    @Test
    void check_quorumOfValidSignatures_isTrusted() {
        SignedTreeHead signed = new SignedTreeHead(head, Map.of(
            "national", national.sign(head.signingInput()), "province", province.sign(head.signingInput())));

        LedgerTrust.HeadCheck check = trust.check(signed);

        assertTrue(check.trusted(), check.reason().en());
        assertEquals(2, check.validSignatures());
    }

    @Test
    void check_belowQuorum_isNotTrustedAndNamesTheShortfall() {
        SignedTreeHead signed = new SignedTreeHead(head, Map.of("national", national.sign(head.signingInput())));

        LedgerTrust.HeadCheck check = trust.check(signed);

        assertFalse(check.trusted());
        assertTrue(check.reason().en().contains("only 1 of the 2"), check.reason().en());
    }

    @Test
    void check_forgedOrUnknownSignatures_doNotCount() {
        SigningKey stranger = SigningKey.generate(KeyType.ED25519).signingKey();
        SignedTreeHead signed = new SignedTreeHead(head, Map.of(
            "national", national.sign(head.signingInput()),
            "province", stranger.sign(head.signingInput()),
            "mallory", stranger.sign(head.signingInput())));

        LedgerTrust.HeadCheck check = trust.check(signed);

        assertFalse(check.trusted());
        assertEquals(1, check.validSignatures());
        assertTrue(check.rejectedSigners().containsAll(java.util.List.of("province", "mallory")));
    }

    @Test
    void check_signatureOverAnotherHead_doesNotCount() {
        TreeHead other = new TreeHead(LEDGER_ID, 43, head.rootHash(), head.timestamp(), LedgerHash.SHA_256);
        SignedTreeHead signed = new SignedTreeHead(head, Map.of(
            "national", national.sign(other.signingInput()), "province", province.sign(head.signingInput())));

        assertFalse(trust.check(signed).trusted());
    }

    @Test
    void check_headOfAnotherLedger_isRejected() {
        TreeHead foreign = new TreeHead(LedgerHash.SHA_256.digest(new byte[] {9}), 42, head.rootHash(),
            head.timestamp(), LedgerHash.SHA_256);
        SignedTreeHead signed = new SignedTreeHead(foreign, Map.of(
            "national", national.sign(foreign.signingInput()), "province", province.sign(foreign.signingInput())));

        LedgerTrust.HeadCheck check = trust.check(signed);

        assertFalse(check.trusted());
        assertTrue(check.reason().en().contains("another ledger"));
    }

    @Test
    void treeHead_jsonRoundTrips_andSigningInputIsCanonical() throws FormatException {
        assertEquals(head, TreeHead.parse(head.toJson()));
        assertTrue(new String(head.signingInput(), java.nio.charset.StandardCharsets.UTF_8)
            .startsWith("{\"hashAlgorithm\":\"SHA-256\",\"ledgerId\":"));
    }

    @Test
    void constructor_quorumNotAMajority_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LedgerTrust(LEDGER_ID, LedgerHash.SHA_256,
            Map.of("a", national.verificationKey(), "b", province.verificationKey()), 1));
    }
}
