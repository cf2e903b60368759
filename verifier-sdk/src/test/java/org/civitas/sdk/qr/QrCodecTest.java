package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.fixtures.CivitasCredentials;
import org.civitas.sdk.fixtures.CivitasCredentials.Mode;
import org.civitas.sdk.fixtures.CivitasCredentials.ProofPolicy;
import org.civitas.sdk.fixtures.CivitasCredentials.Type;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed credentials and presentations survive the QR encoding with their proofs intact. */
class QrCodecTest {

    private final CivitasCredentials fixtures = new CivitasCredentials();
    private final Verifier verifier = fixtures.verifier();
    private final Verifier.Request counter = new Verifier.Request(CivitasCredentials.CHALLENGE, CivitasCredentials.DOMAIN);

    @ParameterizedTest
    @EnumSource(Type.class)
    void credentialWithEd25519AndSm2Proofs_decodesToTheSameTree_andStillVerifies(Type type) throws FormatException {
        ObjectNode credential = fixtures.credential(type, ProofPolicy.EDDSA_AND_SM2);

        ObjectNode decoded = QrCodec.decode(QrCodec.encode(credential));

        assertSameDocument(credential, decoded);
        VerificationResult result = verifier.verify(decoded, Verifier.Request.none());
        assertTrue(result.accepted(), String.valueOf(result.failures()));
        assertEquals(2, result.checks().stream().filter(c -> c.id() == CheckId.PROOF).count());
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void interactivePresentation_decodes_andIsAcceptedForTheCountersChallenge(Type type) throws FormatException {
        ObjectNode presentation = fixtures.presentation(fixtures.credential(type, ProofPolicy.EDDSA_AND_SM2),
            Mode.INTERACTIVE, false);

        ObjectNode decoded = QrCodec.decode(QrCodec.encode(presentation));

        assertSameDocument(presentation, decoded);
        VerificationResult result = verifier.verify(decoded, counter);
        assertTrue(result.accepted(), String.valueOf(result.failures()));
        assertTrue(result.checks().stream().anyMatch(c -> c.id() == CheckId.HOLDER_BINDING && c.outcome().name().equals("PASSED")));
    }

    @Test
    void oneWayPresentation_withDidKeyHolder_decodes_andIsAccepted() throws FormatException {
        ObjectNode presentation = fixtures.presentation(
            fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA, true), Mode.ONE_WAY, true);

        ObjectNode decoded = QrCodec.decode(QrCodec.encode(presentation));

        assertSameDocument(presentation, decoded);
        VerificationResult result = verifier.verify(decoded, Verifier.Request.none());
        assertTrue(result.accepted(), String.valueOf(result.failures()));
    }

    @Test
    void interactivePresentation_checkedAgainstAnotherChallenge_failsTheChallengeCheck() throws FormatException {
        ObjectNode presentation = fixtures.presentation(fixtures.credential(Type.DIPLOMA, ProofPolicy.EDDSA_AND_SM2),
            Mode.INTERACTIVE, false);

        ObjectNode decoded = QrCodec.decode(QrCodec.encode(presentation));

        VerificationResult result = verifier.verify(decoded, new Verifier.Request("another", CivitasCredentials.DOMAIN));
        assertTrue(result.failures().stream().anyMatch(c -> c.id() == CheckId.CHALLENGE), String.valueOf(result.failures()));
    }

    @Test
    void tamperedQrText_isRefusedOrFailsVerification_neverAccepted() {
        ObjectNode presentation = fixtures.presentation(fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2),
            Mode.INTERACTIVE, false);
        String text = QrCodec.encode(presentation);
        int refused = 0;
        for (int at = QrCodec.PREFIX.length(); at < text.length(); at += 7) {
            char c = text.charAt(at);
            String tampered = text.substring(0, at) + (c == '0' ? '1' : '0') + text.substring(at + 1);
            try {
                ObjectNode decoded = QrCodec.decode(tampered);
                assertFalse(verifier.verify(decoded, counter).accepted(), "accepted with a change at " + at);
            } catch (FormatException e) {
                refused++;
            }
        }
        assertTrue(refused > 0);
    }

    @Test
    void encode_sameTree_givesTheSameText_inTheQrAlphanumericSet() {
        ObjectNode presentation = fixtures.presentation(fixtures.credential(Type.PENSION, ProofPolicy.EDDSA), Mode.ONE_WAY,
            false);

        String text = QrCodec.encode(presentation);

        assertEquals(text, QrCodec.encode(presentation.deepCopy()));
        assertTrue(text.startsWith("CIV1:"));
        assertTrue(Base45.isAlphabet(text), "every character is QR alphanumeric");
    }

    @Test
    void typedForms_makeTheCborSmallerThanPlainText() {
        ObjectNode credential = fixtures.credential(Type.VACCINATION, ProofPolicy.EDDSA_AND_SM2);

        int cbor = QrCodec.cbor(credential).length;

        assertTrue(cbor * 3 < Jcs.canonicalize(credential).length, cbor + " CBOR bytes");
    }

    @Test
    void decode_bytesOfTheRawDeflateStream_areTheCbor() throws FormatException {
        ObjectNode credential = fixtures.credential(Type.E_HEALTH_CARD, ProofPolicy.EDDSA);
        byte[] cbor = QrCodec.cbor(credential);

        assertArrayEquals(cbor, QrCodec.inflate(QrCodec.deflate(credential)));
        assertArrayEquals(cbor, QrCodec.inflate(Base45.decode(QrCodec.encode(credential).substring(5))));
    }

    /** Same members in the same order, same values, and the same JCS bytes that the proofs sign. */
    static void assertSameDocument(JsonNode expected, JsonNode actual) {
        assertEquals(expected, actual);
        assertEquals(names(expected), names(actual));
        assertArrayEquals(Jcs.canonicalize(expected), Jcs.canonicalize(actual));
    }

    /** Every member name in document order, depth first. */
    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        collect(node, names);
        return names;
    }

    private static void collect(JsonNode node, List<String> names) {
        if (node.isObject()) {
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String name = it.next();
                names.add(name);
                collect(node.get(name), names);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) collect(element, names);
        }
    }

    static ObjectNode json(String text) {
        try {
            return IJson.parseObject("test", text);
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
    }
}
