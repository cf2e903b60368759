package org.civitas.sdk.ledger;

import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.key.VerificationKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionTest {

    private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");
    private final SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();
    private final Did did = CivitasDid.of(key.verificationKey());
    private final Digest someHash = Digest.of(LedgerHash.SHA_256.digest(new byte[] {1}));

    @Test
    void everyTransactionType_roundTripsThroughItsCanonicalPayload() throws FormatException {
        DidDocument document = document(did, key.verificationKey());
        List<Transaction> all = List.of(
            new Transaction.Genesis("civitas-test", LedgerHash.SM3,
                List.of(new Transaction.Node("national-1", key.verificationKey())), 1, document, T, "n0"),
            new Transaction.DidCreate(document, "n1"),
            new Transaction.DidUpdate(document, someHash,
                List.of(new Transaction.KeyRevocation(did + "#key-0", T)), "n2"),
            new Transaction.DidDeactivate(did, someHash, "n3"),
            new Transaction.AccreditationGrant(did, did, Transaction.Tier.AGENCY, List.of("DiplomaCredential"),
                List.of("310000"), T, null, "n4"),
            new Transaction.AccreditationWithdrawal(did, someHash, "licence suspended", "n5"),
            new Transaction.SchemaRegistration(did, "DiplomaCredential", "1.0", someHash, "n6"),
            new Transaction.StatusListAnchoring(did, "https://issuer.example/status/1", 3, someHash, "n7"),
            new Transaction.AuditAnchoring(did, 99, someHash, "n8"));

        for (Transaction tx : all) {
            Transaction parsed = Transaction.parse(tx.payload());
            assertEquals(tx.type(), parsed.type());
            assertArrayEquals(tx.payload(), parsed.payload(), tx.type());
        }
    }

    @Test
    void parse_nonCanonicalPayload_isRejected() {
        byte[] spaced = "{ \"type\": \"did.deactivate\" }".getBytes(StandardCharsets.UTF_8);

        FormatException e = assertThrows(FormatException.class, () -> Transaction.parse(spaced));
        assertTrue(e.getMessage().contains("canonical"));
    }

    @Test
    void parse_unknownMemberOrType_isRejectedByName() {
        FormatException extra = assertThrows(FormatException.class, () -> Transaction.parse(
            ("{\"did\":\"" + did + "\",\"extra\":1,\"nonce\":\"n\",\"previous\":\"" + someHash
                + "\",\"type\":\"did.deactivate\"}").getBytes(StandardCharsets.UTF_8)));
        FormatException type = assertThrows(FormatException.class, () -> Transaction.parse(
            "{\"nonce\":\"n\",\"type\":\"did.burn\"}".getBytes(StandardCharsets.UTF_8)));

        assertTrue(extra.getMessage().contains("'extra'"), extra.getMessage());
        assertTrue(type.getMessage().contains("did.burn"), type.getMessage());
    }

    @Test
    void ledgerEntry_leafDataRoundTripsAndSignaturesStillVerify() throws FormatException {
        SignedTransaction signed = SignedTransaction.sign(new Transaction.DidCreate(document(did, key.verificationKey()),
            "n"), Map.of(did + "#key-0", key));
        LedgerEntry entry = LedgerEntry.of(7, T, signed);

        LedgerEntry parsed = LedgerEntry.parse(entry.leafData());

        assertEquals(entry, parsed);
        assertEquals(7, parsed.index());
        assertEquals(T, parsed.committedAt());
        TransactionSignature signature = parsed.signedTransaction().signatures().get(0);
        assertTrue(key.verificationKey().verify(parsed.signedTransaction().payload(), signature.signature()));
    }

    @Test
    void ledgerEntry_leafDataIsTheCanonicalFormOfTheEntryAsJson() throws FormatException {
        Transaction anchor = new Transaction.StatusListAnchoring(did, "https://issuer.example/status/\u4e00/\"1\"", 3,
            someHash, "n\\7\u0001");
        SigningKey second = SigningKey.generate(KeyType.P256).signingKey();
        List<SignedTransaction> transactions = List.of(
            SignedTransaction.sign(anchor, Map.of(did + "#key-0", key)),
            SignedTransaction.sign(anchor, Map.of(did + "#key-0", key)).withSignature(did + "#k\u00e9y-\"1\"\t", second),
            SignedTransaction.sign(new Transaction.DidCreate(document(did, key.verificationKey()), "\ud83d\ude00"),
                Map.of(did + "#\ud83d\ude00\n", key)));
        long[] indexes = {0, 7, (1L << 53) - 1, 1L << 53, Long.MAX_VALUE};
        Instant[] times = {T, Instant.parse("2026-12-01T08:00:00.123456789Z"), Instant.parse("1999-01-01T00:00:00.100Z")};

        for (SignedTransaction tx : transactions) {
            for (long index : indexes) {
                for (Instant time : times) {
                    LedgerEntry entry = LedgerEntry.of(index, time, tx);
                    com.fasterxml.jackson.databind.node.ObjectNode json = tx.toJson();
                    json.put("index", index);
                    json.put("committedAt", entry.committedAt().toString());
                    assertArrayEquals(org.civitas.sdk.jcs.Jcs.canonicalize(json), entry.leafData(),
                        () -> "entry " + index + " at " + time + " of " + tx);
                    if (index < 1L << 53) assertEquals(entry, LedgerEntry.parse(entry.leafData()));
                }
            }
        }
    }

    @Test
    void ledgerEntry_tamperedLeafData_isRejected() {
        SignedTransaction signed = SignedTransaction.sign(new Transaction.DidDeactivate(did, someHash, "n"),
            Map.of(did + "#key-0", key));
        String leaf = new String(LedgerEntry.of(1, T, signed).leafData(), StandardCharsets.UTF_8);

        assertThrows(FormatException.class, () -> LedgerEntry.parse(
            leaf.replace("\"index\":1", "\"index\":1,\"x\":0").getBytes(StandardCharsets.UTF_8)));
        assertThrows(FormatException.class, () -> LedgerEntry.parse(
            leaf.replace("{\"committedAt\"", "{ \"committedAt\"").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedTransaction_jsonFormRoundTripsToTheSamePayloadAndSignatures() throws FormatException {
        SignedTransaction signed = SignedTransaction.sign(new Transaction.DidCreate(
            CivitasDid.initialDocument(key.verificationKey()), "n"), Map.of(did + "#key-0", key));

        SignedTransaction parsed = SignedTransaction.parseJson(signed.toJson().toString());

        assertArrayEquals(signed.payload(), parsed.payload());
        assertEquals(signed.signatures(), parsed.signatures());
    }

    @Test
    void initialDocument_authorisesTheGenesisKeyAndDerivesTheDid() {
        DidDocument document = CivitasDid.initialDocument(key.verificationKey());

        assertEquals(did, document.id());
        assertTrue(document.authorizes(did + "#key-0", org.civitas.sdk.did.Relationship.CAPABILITY_INVOCATION));
        assertTrue(document.authorizes(did + "#key-0", org.civitas.sdk.did.Relationship.ASSERTION_METHOD));
    }

    @Test
    void civitasDid_isDerivedFromTheGenesisKeyOnly() {
        VerificationKey other = SigningKey.generate(KeyType.P256).signingKey().verificationKey();

        assertEquals(did, CivitasDid.of(key.verificationKey()));
        assertTrue(CivitasDid.isCreatedBy(did, key.verificationKey()));
        assertTrue(!CivitasDid.isCreatedBy(did, other));
        assertTrue(did.methodSpecificId().length() >= 21, did.toString());
    }

    static DidDocument document(Did did, VerificationKey key) throws FormatException {
        String method = did + "#key-0";
        return DidDocument.parse("{\"id\":\"" + did + "\",\"verificationMethod\":[{\"id\":\"" + method
            + "\",\"type\":\"Multikey\",\"controller\":\"" + did + "\",\"publicKeyMultibase\":\"" + key.toMultibase()
            + "\"}],\"capabilityInvocation\":[\"" + method + "\"],\"assertionMethod\":[\"" + method + "\"]}");
    }
}
