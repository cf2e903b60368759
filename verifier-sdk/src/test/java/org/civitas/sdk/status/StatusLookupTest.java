package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatusLookupTest {

    private static final String LIST = "https://status.civitas.example/lists/7";
    private static final Instant ISSUED = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NOW = ISSUED.plus(Duration.ofHours(6));
    private static final Duration MAX_AGE = Duration.ofDays(1);

    private static final int SET = 1_000;
    private static final int UNSET = 2_000;

    @Test
    void lookUp_revocationUnset_isActive() throws FormatException {
        assertEquals(new StatusLookup.Active(), lookUp(entry(StatusPurpose.REVOCATION, UNSET), list()));
    }

    @Test
    void lookUp_revocationSet_isRevoked() throws FormatException {
        assertEquals(new StatusLookup.Revoked(ISSUED), lookUp(entry(StatusPurpose.REVOCATION, SET), list()));
    }

    @Test
    void lookUp_revocationSetInAnOldList_isStillRevoked() throws FormatException {
        StatusLookup answer = StatusLookup.lookUp(entry(StatusPurpose.REVOCATION, SET), list(),
            ISSUED.plus(Duration.ofDays(30)), MAX_AGE);

        assertEquals(new StatusLookup.Revoked(ISSUED), answer);
    }

    @Test
    void lookUp_revocationSetInAnExpiredList_isStillRevoked() throws FormatException {
        StatusListCredential expired = list(builder().validUntil(ISSUED.plusSeconds(60)));

        assertEquals(new StatusLookup.Revoked(ISSUED), lookUp(entry(StatusPurpose.REVOCATION, SET), expired));
    }

    @Test
    void lookUp_suspensionSet_isSuspended() throws FormatException {
        assertEquals(new StatusLookup.Suspended(ISSUED), lookUp(entry(StatusPurpose.SUSPENSION, SET), list()));
    }

    @Test
    void lookUp_suspensionUnset_isActive() throws FormatException {
        assertEquals(new StatusLookup.Active(), lookUp(entry(StatusPurpose.SUSPENSION, UNSET), list()));
    }

    @Test
    void lookUp_refreshSet_isRefreshAvailable() throws FormatException {
        assertEquals(new StatusLookup.RefreshAvailable(ISSUED), lookUp(entry(StatusPurpose.REFRESH, SET), list()));
    }

    @Test
    void lookUp_refreshUnset_isActive() throws FormatException {
        assertEquals(new StatusLookup.Active(), lookUp(entry(StatusPurpose.REFRESH, UNSET), list()));
    }

    @Test
    void lookUp_singleBitMessage_isSetOrUnset() throws FormatException {
        assertEquals(new StatusLookup.Message(1, "set"), lookUp(entry(StatusPurpose.MESSAGE, SET), list()));
        assertEquals(new StatusLookup.Message(0, "unset"), lookUp(entry(StatusPurpose.MESSAGE, UNSET), list()));
    }

    @Test
    void lookUp_twoBitMessage_isTheEntrysMessageForTheValue() throws FormatException {
        StatusBits.Builder bits = StatusBits.builder(131_072, 2).set(77, 2);
        StatusListCredential list = list(builder().statusPurpose(StatusPurpose.MESSAGE).bits(bits));
        StatusEntry entry = new StatusEntry(Optional.empty(), StatusPurpose.MESSAGE, 77, LIST, 2,
            List.of("pending_review", "accepted", "rejected", "undefined"), List.of());

        assertEquals(new StatusLookup.Message(2, "rejected"), lookUp(entry, list));
    }

    @Test
    void lookUp_listOlderThanMaxAge_isListTooOld() throws FormatException {
        StatusLookup answer = StatusLookup.lookUp(entry(StatusPurpose.SUSPENSION, UNSET), list(),
            ISSUED.plus(MAX_AGE).plusSeconds(1), MAX_AGE);

        assertEquals(new StatusLookup.ListTooOld(ISSUED, MAX_AGE), answer);
    }

    @Test
    void lookUp_listExactlyMaxAgeOld_isStillUsed() throws FormatException {
        StatusLookup answer = StatusLookup.lookUp(entry(StatusPurpose.SUSPENSION, SET), list(),
            ISSUED.plus(MAX_AGE), MAX_AGE);

        assertEquals(new StatusLookup.Suspended(ISSUED), answer);
    }

    @Test
    void lookUp_listNotYetValid_isListNotYetValid() throws FormatException {
        StatusLookup answer = StatusLookup.lookUp(entry(StatusPurpose.REVOCATION, SET), list(),
            ISSUED.minusSeconds(1), MAX_AGE);

        assertEquals(new StatusLookup.ListNotYetValid(ISSUED), answer);
    }

    @Test
    void lookUp_listPastValidUntil_isListExpired() throws FormatException {
        Instant until = ISSUED.plus(Duration.ofHours(1));
        StatusListCredential list = list(builder().validUntil(until));

        assertEquals(new StatusLookup.ListExpired(until), lookUp(entry(StatusPurpose.SUSPENSION, UNSET), list));
        assertEquals(new StatusLookup.Active(),
            StatusLookup.lookUp(entry(StatusPurpose.SUSPENSION, UNSET), list, until, MAX_AGE));
    }

    @Test
    void lookUp_ttlShorterThanTheListsAge_isIgnored() throws FormatException {
        StatusListCredential list = list(builder().ttl(Duration.ofMinutes(5)));

        assertEquals(new StatusLookup.Active(), lookUp(entry(StatusPurpose.SUSPENSION, UNSET), list));
    }

    @Test
    void lookUp_entryNamesAnotherList_isWrongList() throws FormatException {
        StatusEntry entry = StatusEntry.of(StatusPurpose.REVOCATION, SET, "https://status.civitas.example/lists/8");

        assertEquals(new StatusLookup.WrongList("https://status.civitas.example/lists/8", LIST), lookUp(entry, list()));
    }

    @Test
    void lookUp_listWithoutId_isWrongList() throws FormatException {
        ObjectNode json = builder().buildUnsigned();
        json.remove("id");
        StatusListCredential list = StatusListCredential.parse(json);

        assertEquals(new StatusLookup.WrongList(LIST, null), lookUp(entry(StatusPurpose.REVOCATION, SET), list));
    }

    @Test
    void lookUp_listForAnotherPurpose_isPurposeMismatch() throws FormatException {
        StatusListCredential revocationOnly = list(StatusListCredential.builder().id(LIST).issuer("did:civitas:health")
            .validFrom(ISSUED).statusPurpose(StatusPurpose.REVOCATION).bits(StatusBits.builder(131_072, 1)));

        assertEquals(new StatusLookup.PurposeMismatch(StatusPurpose.SUSPENSION, List.of(StatusPurpose.REVOCATION)),
            lookUp(entry(StatusPurpose.SUSPENSION, SET), revocationOnly));
    }

    @Test
    void lookUp_twoBitEntryOnAMinimumSingleBitList_isListTooShort() throws FormatException {
        StatusEntry entry = new StatusEntry(Optional.empty(), StatusPurpose.MESSAGE, 1, LIST, 2,
            List.of("a", "b", "c", "d"), List.of());

        assertEquals(new StatusLookup.ListTooShort(65_536, 2), lookUp(entry, list()));
    }

    @Test
    void lookUp_indexBeyondTheList_isIndexOutOfRange() throws FormatException {
        assertEquals(new StatusLookup.IndexOutOfRange(131_072, 131_072),
            lookUp(entry(StatusPurpose.REVOCATION, 131_072), list()));
        assertEquals(new StatusLookup.IndexOutOfRange(999_999_999_999L, 131_072),
            lookUp(entry(StatusPurpose.REVOCATION, 999_999_999_999L), list()));
    }

    @Test
    void lookUp_specExamples_revocableCredentialIsActive() throws FormatException {
        StatusListCredential list = StatusListCredential.parse(
            VectorFiles.json("bitstring-status-list/status-list-credential.json"));
        StatusEntry entry = StatusEntry.parse(
            VectorFiles.json("bitstring-status-list/revocable-credential.json").get("credentialStatus"));

        StatusLookup answer = StatusLookup.lookUp(entry, list, Instant.parse("2021-04-05T15:00:00Z"), MAX_AGE);

        assertEquals(new StatusLookup.Active(), answer);
    }

    @Test
    void lookUp_badArguments_throw() throws FormatException {
        StatusEntry entry = entry(StatusPurpose.REVOCATION, SET);
        StatusListCredential list = list();

        assertThrows(NullPointerException.class, () -> StatusLookup.lookUp(null, list, NOW, MAX_AGE));
        assertThrows(NullPointerException.class, () -> StatusLookup.lookUp(entry, null, NOW, MAX_AGE));
        assertThrows(NullPointerException.class, () -> StatusLookup.lookUp(entry, list, null, MAX_AGE));
        assertThrows(NullPointerException.class, () -> StatusLookup.lookUp(entry, list, NOW, null));
        assertThrows(IllegalArgumentException.class,
            () -> StatusLookup.lookUp(entry, list, NOW, Duration.ofSeconds(-1)));
    }

    private static StatusLookup lookUp(StatusEntry entry, StatusListCredential list) {
        return StatusLookup.lookUp(entry, list, NOW, MAX_AGE);
    }

    private static StatusEntry entry(StatusPurpose purpose, long index) {
        return StatusEntry.of(purpose, index, LIST);
    }

    /** A list serving every purpose, with entry {@link #SET} set. */
    private static StatusListCredential.Builder builder() {
        return StatusListCredential.builder().id(LIST).issuer("did:civitas:health").validFrom(ISSUED)
            .statusPurpose(StatusPurpose.REVOCATION).statusPurpose(StatusPurpose.SUSPENSION)
            .statusPurpose(StatusPurpose.REFRESH).statusPurpose(StatusPurpose.MESSAGE)
            .bits(StatusBits.builder(131_072, 1).set(SET, 1));
    }

    private static StatusListCredential list() throws FormatException {
        return list(builder());
    }

    private static StatusListCredential list(StatusListCredential.Builder builder) throws FormatException {
        return StatusListCredential.parse(builder.buildUnsigned());
    }
}
