package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.fixtures.VectorFiles;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatusEntryTest {

    private static final String MESSAGE_ENTRY = "{"
        + "\"id\": \"https://example.com/credentials/status/8#492847\","
        + "\"type\": \"BitstringStatusListEntry\","
        + "\"statusPurpose\": \"message\","
        + "\"statusListIndex\": \"492847\","
        + "\"statusSize\": 2,"
        + "\"statusListCredential\": \"https://example.com/credentials/status/8\","
        + "\"statusMessage\": ["
        + "  {\"status\":\"0x0\", \"message\":\"pending_review\"},"
        + "  {\"status\":\"0x1\", \"message\":\"accepted\"},"
        + "  {\"status\":\"0x2\", \"message\":\"rejected\"},"
        + "  {\"status\":\"0x3\", \"message\":\"undefined\", \"note\": \"reserved\"}"
        + "],"
        + "\"statusReference\": \"https://example.org/status-dictionary/\""
        + "}";

    @Test
    void parse_specExample1Entries_readsEveryProperty() throws FormatException {
        ObjectNode credential = VectorFiles.json("bitstring-status-list/simple-entries.json");

        StatusEntry revocation = StatusEntry.parse(credential.get("credentialStatus").get(0));
        StatusEntry suspension = StatusEntry.parse(credential.get("credentialStatus").get(1));

        assertEquals(new StatusEntry(Optional.of("https://example.com/credentials/status/3#94567"),
            StatusPurpose.REVOCATION, 94_567, "https://example.com/credentials/status/3", 1, List.of(), List.of()),
            revocation);
        assertEquals(StatusPurpose.SUSPENSION, suspension.statusPurpose());
        assertEquals(23_452, suspension.statusListIndex());
        assertEquals("https://example.com/credentials/status/4", suspension.statusListCredential());
    }

    @Test
    void parse_specExample1WithIndexAsNumber_isFormatException() {
        ObjectNode entry = (ObjectNode) VectorFiles.json("bitstring-status-list/simple-entries.json")
            .get("credentialStatus").get(0);
        entry.put("statusListIndex", 94_567);

        FormatException e = assertThrows(FormatException.class, () -> StatusEntry.parse(entry));
        assertEquals("credentialStatus: statusListIndex must be a string of base-10 digits such as \"94567\", not a"
            + " JSON number (Bitstring Status List §2.1)", e.getMessage());
    }

    @Test
    void parse_messageEntry_readsSizeMessagesAndReference() throws FormatException {
        StatusEntry entry = StatusEntry.parse(IJson.parse("test", MESSAGE_ENTRY));

        assertEquals(StatusPurpose.MESSAGE, entry.statusPurpose());
        assertEquals(2, entry.statusSize());
        assertEquals(List.of("pending_review", "accepted", "rejected", "undefined"), entry.statusMessages());
        assertEquals("rejected", entry.message(2));
        assertEquals(List.of("https://example.org/status-dictionary/"), entry.statusReference());
    }

    @Test
    void parse_messagesOutOfOrder_areIndexedByStatusValue() throws FormatException {
        ObjectNode json = (ObjectNode) IJson.parse("test", MESSAGE_ENTRY);
        json.putArray("statusMessage")
            .add(message("0x3", "d")).add(message("0x1", "b")).add(message("0x0", "a")).add(message("0x2", "c"));

        assertEquals(List.of("a", "b", "c", "d"), StatusEntry.parse(json).statusMessages());
    }

    @Test
    void message_noStatusMessage_isSetOrUnset() {
        StatusEntry entry = StatusEntry.of(StatusPurpose.MESSAGE, 5, "https://example.com/status/1");

        assertEquals("unset", entry.message(0));
        assertEquals("set", entry.message(1));
        assertThrows(IllegalArgumentException.class, () -> entry.message(2));
    }

    @Test
    void toJson_parse_roundTrips() throws FormatException {
        StatusEntry message = StatusEntry.parse(IJson.parse("test", MESSAGE_ENTRY));
        StatusEntry simple = StatusEntry.of(StatusPurpose.REVOCATION, 0, "https://example.com/status/1");

        assertEquals(message, StatusEntry.parse(message.toJson()));
        assertEquals(simple, StatusEntry.parse(simple.toJson()));
        assertEquals("{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\",\"statusListIndex\":\"0\","
            + "\"statusListCredential\":\"https://example.com/status/1\"}", simple.toJson().toString());
    }

    @Test
    void constructor_inconsistentParts_isIllegalArgument() {
        String list = "https://example.com/status/1";
        assertThrows(IllegalArgumentException.class,
            () -> new StatusEntry(Optional.empty(), StatusPurpose.MESSAGE, 0, list, 2, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new StatusEntry(Optional.empty(), StatusPurpose.MESSAGE, 0, list, 1, List.of("a"), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new StatusEntry(Optional.empty(), StatusPurpose.REVOCATION, -1, list, 1, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new StatusEntry(Optional.of(list), StatusPurpose.REVOCATION, 0, list, 1, List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new StatusEntry(Optional.empty(), StatusPurpose.REVOCATION, 0, list, 9, List.of(), List.of()));
    }

    static Stream<Arguments> malformedEntries() {
        return Stream.of(
            arguments("not an object", (Consumer<ObjectNode>) e -> { }, "[]",
                "credentialStatus: each entry must be a JSON object"),
            bad("type missing", e -> e.remove("type"), "type is required (VCDM 2.0 §4.10 Status)"),
            bad("other status type", e -> e.put("type", "StatusList2021Entry"),
                "type \"StatusList2021Entry\" is not supported: only BitstringStatusListEntry"),
            bad("type a number", e -> e.put("type", 1), "type must be a string"),
            bad("purpose missing", e -> e.remove("statusPurpose"), "statusPurpose is required"),
            bad("purpose unknown", e -> e.put("statusPurpose", "Revocation"),
                "statusPurpose \"Revocation\" is not supported: expected one of [refresh, revocation, suspension,"
                    + " message]"),
            bad("purpose an array", e -> e.putArray("statusPurpose").add("revocation"),
                "statusPurpose must be a string"),
            bad("index missing", e -> e.remove("statusListIndex"), "statusListIndex is required"),
            bad("index empty", e -> e.put("statusListIndex", ""), "statusListIndex is empty"),
            bad("index negative", e -> e.put("statusListIndex", "-1"),
                "statusListIndex \"-1\" must contain only the digits 0-9"),
            bad("index with a plus", e -> e.put("statusListIndex", "+5"), "must contain only the digits 0-9"),
            bad("index with spaces", e -> e.put("statusListIndex", " 5"), "must contain only the digits 0-9"),
            bad("index in hex", e -> e.put("statusListIndex", "0x10"), "must contain only the digits 0-9"),
            bad("index with a decimal point", e -> e.put("statusListIndex", "5.0"), "must contain only the digits"),
            bad("index in Arabic-Indic digits", e -> e.put("statusListIndex", "٥"), "must contain only the digits"),
            bad("index with a leading zero", e -> e.put("statusListIndex", "0094567"), "has a leading zero"),
            bad("index beyond a long", e -> e.put("statusListIndex", "1234567890123456789"),
                "beyond the largest index this verifier supports"),
            bad("list URL missing", e -> e.remove("statusListCredential"), "statusListCredential is required"),
            bad("list URL relative", e -> e.put("statusListCredential", "/status/3"),
                "statusListCredential must be a URL, found \"/status/3\""),
            bad("list URL a number", e -> e.put("statusListCredential", 3),
                "statusListCredential must be a URL, found number"),
            bad("id not a URL", e -> e.put("id", "entry 1"), "id must be a URL"),
            bad("id is the list URL", e -> e.put("id", "https://example.com/credentials/status/3"),
                "id must not be the status list's URL"),
            bad("status size zero", e -> e.put("statusSize", 0), "statusSize must be an integer greater than zero"),
            bad("status size a string", e -> e.put("statusSize", "2"), "statusSize must be an integer"),
            bad("status size a fraction", e -> e.put("statusSize", 1.5), "statusSize must be an integer"),
            bad("status size 9", e -> e.put("statusSize", 9), "statusSize 9 is not supported: at most 8"),
            bad("status size 2 without messages", e -> e.put("statusSize", 2),
                "statusMessage is required when statusSize is 2"),
            bad("too few messages", e -> e.putArray("statusMessage").add(message("0x0", "unset")),
                "statusMessage must be an array of 2 objects, one per status value of 1 bit"),
            bad("message without status", e -> e.putArray("statusMessage")
                    .add(message("0x0", "a")).add(IJson.mapper().createObjectNode().put("message", "b")),
                "each statusMessage element needs string properties status and message"),
            bad("message status without 0x", e -> e.putArray("statusMessage")
                    .add(message("0", "a")).add(message("0x1", "b")),
                "statusMessage status \"0\" must be 0x0..0x1"),
            bad("message status out of range", e -> e.putArray("statusMessage")
                    .add(message("0x0", "a")).add(message("0x2", "b")), "must be 0x0..0x1"),
            bad("message status repeated", e -> e.putArray("statusMessage")
                    .add(message("0x1", "a")).add(message("0x1", "b")), "statusMessage lists status 0x1 twice"),
            bad("reference not a URL", e -> e.put("statusReference", "see the manual"),
                "statusReference must be a URL or an array of URLs"),
            bad("reference array with a number", e -> e.putArray("statusReference").add("https://a.example").add(1),
                "statusReference must be a URL or an array of URLs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedEntries")
    void parse_malformedEntry_isFormatExceptionNamingTheRule(String name, Consumer<ObjectNode> change, String json,
                                                             String expected) throws FormatException {
        ObjectNode valid = (ObjectNode) VectorFiles.json("bitstring-status-list/simple-entries.json")
            .get("credentialStatus").get(0);
        change.accept(valid);
        var input = json.isEmpty() ? valid : IJson.parse("test", json);

        FormatException e = assertThrows(FormatException.class, () -> StatusEntry.parse(input));
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("credentialStatus: "), e.getMessage());
    }

    @Test
    void parse_namedSubject_prefixesTheMessage() {
        FormatException e = assertThrows(FormatException.class,
            () -> StatusEntry.parse("credentialStatus[1]", IJson.parse("test", "{}")));
        assertEquals("credentialStatus[1]: type is required (VCDM 2.0 §4.10 Status)", e.getMessage());
    }

    private static Arguments bad(String name, Consumer<ObjectNode> change, String expected) {
        return arguments(name, change, "", expected);
    }

    private static ObjectNode message(String status, String message) {
        return IJson.mapper().createObjectNode().put("status", status).put("message", message);
    }
}
