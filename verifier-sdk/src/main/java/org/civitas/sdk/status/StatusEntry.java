package org.civitas.sdk.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.internal.Texts;
import org.civitas.sdk.internal.Urls;
import org.civitas.sdk.jcs.IJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One {@code credentialStatus} entry of type {@code BitstringStatusListEntry} (Bitstring Status List v1.0 §2.1):
 * which list to consult, at which index, for which purpose. Immutable and thread-safe.
 *
 * @param id                   the entry's own identifier, if any; never the list's URL (§2.1 {@code id})
 * @param statusPurpose        what a set entry means (§2.1 {@code statusPurpose})
 * @param statusListIndex      the entry's position in the list, 0 or more (§2.1 {@code statusListIndex})
 * @param statusListCredential the URL of the status list credential (§2.1 {@code statusListCredential})
 * @param statusSize           bits per entry, 1..{@value BitstringStatusList#MAX_STATUS_SIZE} (§2.1 {@code statusSize})
 * @param statusMessages       the message of each status value, indexed by value ({@code 2^statusSize} of them), or
 *                             empty when the entry has no {@code statusMessage} (§2.1 {@code statusMessage})
 * @param statusReference      URLs of material explaining the status, possibly empty (§2.1 {@code statusReference})
 */
public record StatusEntry(Optional<String> id, StatusPurpose statusPurpose, long statusListIndex,
                          String statusListCredential, int statusSize, List<String> statusMessages,
                          List<String> statusReference) {

    /**
     * Checks the parts; every violation is an {@link IllegalArgumentException} (these are programming errors:
     * untrusted JSON goes through {@link #parse}).
     */
    public StatusEntry {
        if (id == null || statusPurpose == null || statusListCredential == null || statusMessages == null
                || statusReference == null) {
            throw new NullPointerException("StatusEntry parts must not be null");
        }
        if (statusListIndex < 0) throw new IllegalArgumentException("statusListIndex must be 0 or more");
        if (statusSize < 1 || statusSize > BitstringStatusList.MAX_STATUS_SIZE) {
            throw new IllegalArgumentException("statusSize must be 1.." + BitstringStatusList.MAX_STATUS_SIZE);
        }
        if (statusSize > 1 && statusMessages.isEmpty()) {
            throw new IllegalArgumentException("statusMessage is required when statusSize is above 1");
        }
        if (!statusMessages.isEmpty() && statusMessages.size() != 1 << statusSize) {
            throw new IllegalArgumentException("statusMessage needs " + (1 << statusSize) + " messages");
        }
        if (id.isPresent() && id.get().equals(statusListCredential)) {
            throw new IllegalArgumentException("the entry id must not be the status list's URL");
        }
        statusMessages = List.copyOf(statusMessages);
        statusReference = List.copyOf(statusReference);
    }

    /** A single-bit entry with no id, messages or references: what issuers of revocation and suspension write. */
    public static StatusEntry of(StatusPurpose purpose, long statusListIndex, String statusListCredential) {
        return new StatusEntry(Optional.empty(), purpose, statusListIndex, statusListCredential,
            BitstringStatusList.DEFAULT_STATUS_SIZE, List.of(), List.of());
    }

    /**
     * The message for a status value: from {@code statusMessage} when present, else {@code "unset"} for 0 and
     * {@code "set"} for 1 (§2.1 {@code statusMessage}).
     *
     * @throws IllegalArgumentException if {@code value} does not fit in {@link #statusSize()} bits
     */
    public String message(int value) {
        if (value < 0 || value >= 1 << statusSize) {
            throw new IllegalArgumentException("status value " + value + " does not fit in " + statusSize + " bits");
        }
        if (!statusMessages.isEmpty()) return statusMessages.get(value);
        return value == 0 ? BitstringStatusList.UNSET_MESSAGE : BitstringStatusList.SET_MESSAGE;
    }

    /**
     * Reads an entry from untrusted JSON, applying every rule of Bitstring Status List §2.1.
     *
     * @throws FormatException naming the property and the rule it breaks. Only {@code BitstringStatusListEntry}
     *     entries and the four known purposes are accepted: a verifier cannot check a status it does not understand,
     *     so it refuses rather than silently skipping it.
     */
    public static StatusEntry parse(JsonNode node) throws FormatException {
        return parse("credentialStatus", node);
    }

    /**
     * As {@link #parse(JsonNode)}, with {@code subject} naming the entry in messages, e.g.
     * {@code credentialStatus[1]}.
     */
    public static StatusEntry parse(String subject, JsonNode node) throws FormatException {
        if (node == null || !node.isObject()) throw new FormatException(subject, "each entry must be a JSON object");
        readType(subject, node.get("type"));
        StatusPurpose purpose = readPurpose(subject, node.get("statusPurpose"));
        long index = readIndex(subject, node.get("statusListIndex"));
        String listUrl = readUrl(subject, node.get("statusListCredential"), "statusListCredential");
        Optional<String> id = Optional.empty();
        if (node.has("id")) {
            id = Optional.of(readUrl(subject, node.get("id"), "id"));
            if (id.get().equals(listUrl)) {
                throw new FormatException(subject, "id must not be the status list's URL " + Texts.quote(listUrl)
                    + " (Bitstring Status List §2.1)");
            }
        }
        int statusSize = readStatusSize(subject, node.get("statusSize"));
        List<String> messages = readMessages(subject, node.get("statusMessage"), statusSize);
        List<String> references = readReferences(subject, node.get("statusReference"));
        return new StatusEntry(id, purpose, index, listUrl, statusSize, messages, references);
    }

    /** This entry as {@code credentialStatus} JSON, for issuers; {@code statusSize} is written only when above 1. */
    public ObjectNode toJson() {
        ObjectNode json = IJson.mapper().createObjectNode();
        id.ifPresent(value -> json.put("id", value));
        json.put("type", BitstringStatusList.ENTRY_TYPE);
        json.put("statusPurpose", statusPurpose.value());
        json.put("statusListIndex", Long.toString(statusListIndex));
        json.put("statusListCredential", statusListCredential);
        if (statusSize != BitstringStatusList.DEFAULT_STATUS_SIZE) json.put("statusSize", statusSize);
        if (!statusMessages.isEmpty()) {
            ArrayNode messages = json.putArray("statusMessage");
            for (int value = 0; value < statusMessages.size(); value++) {
                messages.addObject().put("status", BitstringStatusList.STATUS_HEX_PREFIX + Integer.toHexString(value))
                    .put("message", statusMessages.get(value));
            }
        }
        if (statusReference.size() == 1) {
            json.put("statusReference", statusReference.get(0));
        } else if (!statusReference.isEmpty()) {
            ArrayNode references = json.putArray("statusReference");
            statusReference.forEach(references::add);
        }
        return json;
    }

    private static void readType(String subject, JsonNode type) throws FormatException {
        if (type == null) throw new FormatException(subject, "type is required (VCDM 2.0 §4.10 Status)");
        boolean found = false;
        if (type.isTextual()) {
            found = BitstringStatusList.ENTRY_TYPE.equals(type.textValue());
        } else if (type.isArray()) {
            for (JsonNode value : type) {
                if (!value.isTextual()) throw new FormatException(subject, "type values must be strings");
                found |= BitstringStatusList.ENTRY_TYPE.equals(value.textValue());
            }
        } else {
            throw new FormatException(subject, "type must be a string (VCDM 2.0 §4.5 Types)");
        }
        if (!found) {
            throw new FormatException(subject, "type " + type + " is not supported: only "
                + BitstringStatusList.ENTRY_TYPE + " (Bitstring Status List §2.1) can be checked");
        }
    }

    private static StatusPurpose readPurpose(String subject, JsonNode node) throws FormatException {
        if (node == null) throw new FormatException(subject, "statusPurpose is required (Bitstring Status List §2.1)");
        if (!node.isTextual()) {
            throw new FormatException(subject, "statusPurpose must be a string (Bitstring Status List §2.1)");
        }
        Optional<StatusPurpose> purpose = StatusPurpose.fromValue(node.textValue());
        if (!purpose.isPresent()) {
            throw new FormatException(subject, "statusPurpose " + Texts.quote(node.textValue())
                + " is not supported: expected one of " + Arrays.toString(StatusPurpose.values()));
        }
        return purpose.get();
    }

    /** §2.1: "an arbitrary size integer greater than or equal to 0, expressed as a string in base 10". */
    private static long readIndex(String subject, JsonNode node) throws FormatException {
        if (node == null) {
            throw new FormatException(subject, "statusListIndex is required (Bitstring Status List §2.1)");
        }
        if (!node.isTextual()) {
            throw new FormatException(subject, "statusListIndex must be a string of base-10 digits such as \"94567\","
                + " not a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " (Bitstring Status List §2.1)");
        }
        String text = node.textValue();
        if (text.isEmpty()) throw new FormatException(subject, "statusListIndex is empty (Bitstring Status List §2.1)");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new FormatException(subject, "statusListIndex " + Texts.quote(text)
                    + " must contain only the digits 0-9 (Bitstring Status List §2.1)");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new FormatException(subject, "statusListIndex " + Texts.quote(text)
                + " has a leading zero; write the integer in canonical base 10");
        }
        // 18 digits always fit in a long; longer values are far beyond any list a verifier can hold
        if (text.length() > 18) {
            throw new FormatException(subject, "statusListIndex " + Texts.quote(text)
                + " is beyond the largest index this verifier supports");
        }
        return Long.parseLong(text);
    }

    private static String readUrl(String subject, JsonNode node, String property) throws FormatException {
        if (node == null) {
            throw new FormatException(subject, property + " is required (Bitstring Status List §2.1)");
        }
        if (!node.isTextual() || !Urls.isAbsolute(node.textValue())) {
            throw new FormatException(subject, property + " must be a URL, found "
                + (node.isTextual() ? Texts.quote(node.textValue()) : node.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT)) + " (Bitstring Status List §2.1, VCDM 2.0 §4.4)");
        }
        return node.textValue();
    }

    private static int readStatusSize(String subject, JsonNode node) throws FormatException {
        if (node == null) return BitstringStatusList.DEFAULT_STATUS_SIZE;
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new FormatException(subject, "statusSize must be an integer greater than zero, found " + node
                + " (Bitstring Status List §2.1)");
        }
        if (node.intValue() > BitstringStatusList.MAX_STATUS_SIZE) {
            throw new FormatException(subject, "statusSize " + node.intValue() + " is not supported: at most "
                + BitstringStatusList.MAX_STATUS_SIZE + " bits per entry");
        }
        return node.intValue();
    }

    /** §2.1: an array of exactly 2^statusSize {status, message} objects; required when statusSize exceeds 1. */
    private static List<String> readMessages(String subject, JsonNode node, int statusSize) throws FormatException {
        int count = 1 << statusSize;
        if (node == null) {
            if (statusSize > 1) {
                throw new FormatException(subject, "statusMessage is required when statusSize is " + statusSize
                    + " (Bitstring Status List §2.1)");
            }
            return List.of();
        }
        if (!node.isArray() || node.size() != count) {
            throw new FormatException(subject, "statusMessage must be an array of " + count + " objects, one per"
                + " status value of " + statusSize + (statusSize == 1 ? " bit" : " bits")
                + " (Bitstring Status List §2.1)");
        }
        String[] messages = new String[count];
        for (JsonNode element : node) {
            JsonNode status = element.get("status");
            JsonNode message = element.get("message");
            if (!element.isObject() || status == null || !status.isTextual() || message == null
                    || !message.isTextual()) {
                throw new FormatException(subject, "each statusMessage element needs string properties status and"
                    + " message (Bitstring Status List §2.1)");
            }
            int value = readStatusValue(subject, status.textValue(), count);
            if (messages[value] != null) {
                throw new FormatException(subject, "statusMessage lists status " + status.textValue() + " twice");
            }
            messages[value] = message.textValue();
        }
        return Arrays.asList(messages);
    }

    private static int readStatusValue(String subject, String text, int count) throws FormatException {
        int value = -1;
        if (text.startsWith(BitstringStatusList.STATUS_HEX_PREFIX) && text.length() > 2 && text.length() <= 4) {
            value = 0;
            for (int i = 2; i < text.length(); i++) {
                int digit = Character.digit(text.charAt(i), 16);
                if (digit < 0 || text.charAt(i) > 'f') { value = -1; break; }
                value = value * 16 + digit;
            }
        }
        if (value < 0 || value >= count) {
            throw new FormatException(subject, "statusMessage status " + Texts.quote(text) + " must be 0x0..0x"
                + Integer.toHexString(count - 1) + ", hexadecimal with the 0x prefix (Bitstring Status List §2.1)");
        }
        return value;
    }

    private static List<String> readReferences(String subject, JsonNode node) throws FormatException {
        if (node == null) return List.of();
        List<String> references = new ArrayList<>();
        if (node.isArray() && node.size() > 0) {
            for (JsonNode value : node) references.add(readReference(subject, value));
        } else {
            references.add(readReference(subject, node));
        }
        return references;
    }

    private static String readReference(String subject, JsonNode node) throws FormatException {
        if (!node.isTextual() || !Urls.isAbsolute(node.textValue())) {
            throw new FormatException(subject, "statusReference must be a URL or an array of URLs"
                + " (Bitstring Status List §2.1)");
        }
        return node.textValue();
    }
}
