package org.civitas.sdk.qr;

import org.civitas.sdk.FormatException;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeQrTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-01T09:02:00Z");

    @Test
    void challenge_withCredentialTypes_roundTripsInFewCharacters() throws FormatException {
        ChallengeQr challenge = new ChallengeQr(ChallengeQr.newChallenge(new SecureRandom()), "counter.hospital.example",
            List.of("VaccinationCertificate", "EHealthCard"), EXPIRES);

        String text = challenge.encode();

        assertTrue(text.startsWith("CIV1C:"));
        assertTrue(Base45.isAlphabet(text));
        assertTrue(text.length() < 100, text.length() + " characters");
        assertEquals(challenge, ChallengeQr.parse(text));
    }

    @Test
    void challenge_withoutTypes_andATypeOutsideTheDictionary_roundTrip() throws FormatException {
        ChallengeQr any = new ChallengeQr("c-1", "bank.example", List.of(), EXPIRES);
        ChallengeQr other = new ChallengeQr("c-2", "bank.example", List.of("LibraryCard"), EXPIRES);

        assertEquals(any, ChallengeQr.parse(any.encode()));
        assertEquals(other, ChallengeQr.parse(other.encode()));
    }

    @Test
    void parse_tamperedText_givesAnotherChallengeOrFails() throws FormatException {
        ChallengeQr challenge = new ChallengeQr("q8Gd2vX1kPzR7tYbNc4eWa", "counter.hospital.example", List.of(), EXPIRES);
        String text = challenge.encode();
        String tampered = text.substring(0, 10) + (text.charAt(10) == '0' ? '1' : '0') + text.substring(11);

        try {
            assertNotEquals(challenge, ChallengeQr.parse(tampered));
        } catch (FormatException expected) {
            // as good: a change that breaks the structure
        }
    }

    @Test
    void parse_presentationTextOrGarbage_failsSayingWhat() {
        assertTrue(assertThrows(FormatException.class, () -> ChallengeQr.parse("CIV1:ABC")).getMessage()
            .contains("not a counter's challenge"));
        assertThrows(FormatException.class, () -> ChallengeQr.parse("CIV1C:" + Base45.encode(new byte[] {(byte) 0xA0})));
        assertThrows(FormatException.class, () -> ChallengeQr.parse("CIV1C:" + Base45.encode(
            org.civitas.sdk.internal.Bytes.fromHex("a3" + "026164" + "016163" + "0400"))));            // keys out of order
        assertThrows(FormatException.class, () -> ChallengeQr.parse("CIV1C:" + Base45.encode(
            org.civitas.sdk.internal.Bytes.fromHex("a3" + "016163" + "026164" + "0500"))));             // unknown key 5
    }

    @Test
    void expiry_isTheInstantFromWhichAnswersAreTooLate() {
        ChallengeQr challenge = new ChallengeQr("c", "d", List.of(), EXPIRES.plusMillis(900));

        assertEquals(EXPIRES, challenge.expires());
        assertFalse(challenge.isExpiredAt(EXPIRES.minusSeconds(1)));
        assertTrue(challenge.isExpiredAt(EXPIRES));
        assertEquals("c", challenge.request().challenge());
        assertEquals("d", challenge.request().domain());
    }

    @Test
    void newChallenge_is128RandomBits_inBase64url() {
        String a = ChallengeQr.newChallenge(new SecureRandom());
        assertEquals(22, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]{22}"));
        assertNotEquals(a, ChallengeQr.newChallenge(new SecureRandom()));
    }

    @Test
    void emptyChallengeOrDomain_isAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new ChallengeQr("", "d", List.of(), EXPIRES));
        assertThrows(IllegalArgumentException.class, () -> new ChallengeQr("c", "", List.of(), EXPIRES));
        assertThrows(NullPointerException.class, () -> new ChallengeQr("c", "d", List.of(), null));
    }
}
