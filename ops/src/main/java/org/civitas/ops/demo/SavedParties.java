package org.civitas.ops.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.MultikeyDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provincial root and agencies an earlier demo run onboarded, kept so that the next run reuses them instead of
 * onboarding new ones (and handing credential-issuer yet more keys). One file, readable by its owner only, holding
 * each party's keys as Multikey documents with their secrets, as the ledger's national root key is kept beside it
 * in a demonstration deployment; tied to the ledger it was made on by the ledger's id.
 *
 * @param ledgerId the ledger these parties are on (its genesis hash)
 * @param province the provincial root's genesis key
 * @param agencies each agency's keys by the credential type it is accredited for ({@code CitizenEnrolment} for the
 *                 registrar): the Ed25519 genesis key first, then the SM2 key when it has one
 */
record SavedParties(byte[] ledgerId, String province, Map<String, Keys> agencies) {

    /** An agency's keys: Multikey documents with their secrets; {@code sm2} is null for the registrar. */
    record Keys(String ed25519, String sm2) {
        Keys {
            Objects.requireNonNull(ed25519, "ed25519");
        }

        /** The agency's DID, the controller of its keys. */
        Did did() throws FormatException {
            return Did.parse(MultikeyDocument.member(ed25519, "controller"));
        }
    }

    SavedParties {
        ledgerId = ledgerId.clone();
        Objects.requireNonNull(province, "province");
        agencies = Map.copyOf(agencies);
    }

    @Override public byte[] ledgerId() { return ledgerId.clone(); }

    /** What the file holds, if it exists and is readable; an unreadable file is ignored (fresh parties are made). */
    static Optional<SavedParties> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            ObjectNode json = IJson.parseObject(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            Map<String, Keys> agencies = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : json.path("agencies").properties()) {
                JsonNode sm2 = entry.getValue().get("sm2");
                agencies.put(entry.getKey(), new Keys(entry.getValue().path("ed25519").asText(),
                    sm2 == null || sm2.isNull() ? null : sm2.asText()));
            }
            return Optional.of(new SavedParties(Base64.getUrlDecoder().decode(json.path("ledgerId").asText()),
                json.path("province").asText(), agencies));
        } catch (IOException | FormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Writes the file (owner-only), replacing what was there. */
    void write(Path file) throws IOException {
        ObjectNode json = IJson.mapper().createObjectNode();
        json.put("ledgerId", Base64.getUrlEncoder().withoutPadding().encodeToString(ledgerId));
        json.put("province", province);
        ObjectNode byType = json.putObject("agencies");
        agencies.forEach((type, keys) -> byType.putObject(type).put("ed25519", keys.ed25519()).put("sm2", keys.sm2()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".parties", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system decides
            }
            Files.writeString(temporary, json.toPrettyString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
