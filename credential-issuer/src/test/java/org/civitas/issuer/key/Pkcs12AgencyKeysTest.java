package org.civitas.issuer.key;

import org.civitas.sdk.did.Did;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Pkcs12AgencyKeysTest {

    @TempDir Path directory;

    private final NewKey ed25519 = SigningKey.generate(KeyType.ED25519);
    private final NewKey sm2 = SigningKey.generate(KeyType.SM2);
    private final Did agency = CivitasDid.of(ed25519.signingKey().verificationKey());

    @Test
    void importedEd25519AndSm2Keys_surviveReopeningTheFileAndStillSign() throws Exception {
        Path file = directory.resolve("issuing-keys.p12");
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(file, "changeit".toCharArray());
        keys.importMultikey(multikey(ed25519, "#key-0"));
        keys.importMultikey(multikey(sm2, "#sm2-1"));

        Map<String, SigningKey> reopened = Pkcs12AgencyKeys.open(file, "changeit".toCharArray()).of(agency);

        assertEquals(2, reopened.size());
        byte[] message = "hashData".getBytes(StandardCharsets.UTF_8);
        SigningKey edKey = reopened.get(agency + "#key-0");
        SigningKey smKey = reopened.get(agency + "#sm2-1");
        assertEquals(ed25519.signingKey().verificationKey(), edKey.verificationKey());
        assertEquals(sm2.signingKey().verificationKey(), smKey.verificationKey());
        assertTrue(ed25519.signingKey().verificationKey().verify(message, edKey.sign(message)));
        assertTrue(sm2.signingKey().verificationKey().verify(message, smKey.sign(message)));
    }

    @Test
    void keystoreFile_neverContainsTheSecretInClear() throws Exception {
        Path file = directory.resolve("issuing-keys.p12");
        Pkcs12AgencyKeys.open(file, "changeit".toCharArray()).importMultikey(multikey(sm2, "#sm2-1"));

        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(sm2.secretKeyMultibase()));
        assertFalse(Pkcs12AgencyKeys.open(file, "changeit".toCharArray()).toString().contains(sm2.secretKeyMultibase()));
    }

    @Test
    void wrongPassword_isRefusedWithoutDetail() throws Exception {
        Path file = directory.resolve("issuing-keys.p12");
        Pkcs12AgencyKeys.open(file, "changeit".toCharArray()).importMultikey(multikey(ed25519, "#key-0"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> Pkcs12AgencyKeys.open(file, "wrong".toCharArray()));
        assertFalse(e.getMessage().contains(ed25519.secretKeyMultibase()));
    }

    @Test
    void importDirectory_movesEachKeyIntoTheKeystoreAndDeletesItsFile() throws Exception {
        Path keysDir = Files.createDirectories(directory.resolve("import"));
        Files.writeString(keysDir.resolve("key-0.json"), multikey(ed25519, "#key-0"));
        Files.writeString(keysDir.resolve("sm2-1.json"), multikey(sm2, "#sm2-1"));
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(directory.resolve("k.p12"), "pw".toCharArray());

        assertEquals(new Pkcs12AgencyKeys.Imported(2, List.of()), keys.importDirectory(keysDir));
        assertEquals(new Pkcs12AgencyKeys.Imported(0, List.of()), keys.importDirectory(keysDir));
        assertEquals(java.util.Set.of(agency), keys.agencies());
        try (var left = Files.list(keysDir)) {
            assertEquals(0, left.count(), "no secret is left outside the keystore");
        }
        assertEquals(2, Pkcs12AgencyKeys.open(directory.resolve("k.p12"), "pw".toCharArray()).of(agency).size());
    }

    @Test
    void importDirectory_fileWithoutASecret_isSetAsideAndNamedWithoutItsContent() throws Exception {
        Path keysDir = Files.createDirectories(directory.resolve("import"));
        Files.writeString(keysDir.resolve("public-only.json"), "{\"type\": \"Multikey\"}");
        Files.writeString(keysDir.resolve("key-0.json"), multikey(ed25519, "#key-0"));
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(directory.resolve("k.p12"), "pw".toCharArray());

        Pkcs12AgencyKeys.Imported imported = keys.importDirectory(keysDir);

        assertEquals(1, imported.added());
        assertEquals(1, imported.rejected().size());
        assertTrue(imported.rejected().get(0).startsWith("public-only.json: "), imported.rejected().get(0));
        assertTrue(Files.exists(keysDir.resolve("public-only.json.rejected")));
        assertFalse(Files.exists(keysDir.resolve("key-0.json")));
    }

    @Test
    void multikeyWithoutAnId_isRefused() {
        Pkcs12AgencyKeys keys = Pkcs12AgencyKeys.open(directory.resolve("k.p12"), "pw".toCharArray());
        String json = MultikeyDocument.withSecret(ed25519, null, null).toString();

        assertThrows(org.civitas.sdk.FormatException.class, () -> keys.importMultikey(json));
    }

    private String multikey(NewKey key, String fragment) {
        return MultikeyDocument.withSecret(key, agency + fragment, agency.toString()).toString();
    }
}
