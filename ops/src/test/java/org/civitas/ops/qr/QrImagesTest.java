package org.civitas.ops.qr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.qrcode.decoder.Mode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.qr.QrCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrImagesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void holderBoundPresentation_fitsOneQrCodeAtLevelM_andReadsBackFromThePng() throws IOException, FormatException {
        ObjectNode presentation = presentation();
        String text = QrCodec.encode(presentation);
        Path png = dir.resolve("presentation.png");

        QrImages.writePng(text, png);
        String read = QrImages.readPng(png);

        assertEquals(text, read);
        assertEquals(presentation, QrCodec.decode(read));
        QrImages.Symbol symbol = QrImages.symbol(text);
        assertEquals(Mode.ALPHANUMERIC, symbol.mode());
        assertTrue(symbol.version() <= 40);
        System.out.println("presentation: " + text.length() + " characters, QR version " + symbol.version()
            + " (" + symbol.modules() + " modules) at level M");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals((symbol.modules() + 2 * QrImages.QUIET_ZONE) * QrImages.MODULE_PIXELS, image.getWidth());
    }

    @Test
    void challenge_isASmallSymbol_andReadsBack() throws IOException, FormatException {
        ChallengeQr challenge = new ChallengeQr("q8Gd2vX1kPzR7tYbNc4eWa", "counter.hospital.example",
            List.of("VaccinationCertificate"), NOW.plusSeconds(120));
        Path png = dir.resolve("challenge.png");

        QrImages.writePng(challenge.encode(), png);

        assertEquals(challenge, ChallengeQr.parse(QrImages.readPng(png)));
        assertTrue(QrImages.symbol(challenge.encode()).version() <= 5, "version " + QrImages.symbol(challenge.encode()).version());
    }

    /**
     * ZXing's finder-pattern detector misses a few percent of clean symbols of presentation size (about 800
     * characters, version 23-24); before the pure-barcode fallback, some 10 of these 300 texts failed to read back.
     */
    @Test
    void everyPresentationSizedSymbol_readsBack() throws IOException {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        java.util.Random random = new java.util.Random(20261205);
        Path png = dir.resolve("symbol.png");
        int unread = 0;
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder("CIV1:");
            for (int c = 780 + random.nextInt(60); c > 0; c--) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            QrImages.writePng(text.toString(), png);
            if (!text.toString().equals(QrImages.readPng(png))) unread++;
        }
        assertEquals(0, unread);
    }

    @Test
    void imageWithoutAQrCode_orNotAnImage_isAnIoException() throws IOException {
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB), "PNG", blank.toFile());
        Path text = Files.writeString(dir.resolve("text.png"), "not a picture");

        assertThrows(IOException.class, () -> QrImages.readPng(blank));
        assertThrows(IOException.class, () -> QrImages.readPng(text));
    }

    @Test
    void textBeyondVersion40_isRefused() {
        char[] tooLong = new char[3392];   // version 40-M holds 3,391 alphanumeric characters
        java.util.Arrays.fill(tooLong, 'A');

        assertThrows(IllegalArgumentException.class, () -> QrImages.symbol(new String(tooLong)));
        assertEquals(40, QrImages.symbol(new String(tooLong, 0, 3391)).version());
    }

    /** A vaccination certificate signed with Ed25519 and SM2 by a did:civitas agency, presented by its holder. */
    private static ObjectNode presentation() throws FormatException {
        SigningKey ed = SigningKey.generate(KeyType.ED25519).signingKey();
        SigningKey sm2 = SigningKey.generate(KeyType.SM2).signingKey();
        SigningKey holder = SigningKey.generate(KeyType.P256).signingKey();
        String issuer = CivitasDid.of(ed.verificationKey()).toString();
        String holderDid = CivitasDid.of(holder.verificationKey()).toString();
        ObjectNode vc = IJson.parseObject("vc", "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
            + "\"id\":\"urn:uuid:3f1c2a4e-8b7d-4c69-9e21-5a0b7d3c9f10\","
            + "\"type\":[\"VerifiableCredential\",\"VaccinationCertificate\"],\"issuer\":\"" + issuer + "\","
            + "\"validFrom\":\"2025-12-01T00:00:00Z\",\"validUntil\":\"2030-12-01T00:00:00Z\","
            + "\"credentialSubject\":{\"id\":\"" + holderDid + "\",\"name\":\"张伟\",\"birthDate\":\"1990-03-07\","
            + "\"vaccine\":\"COVID-19 mRNA\",\"doseNumber\":3,\"vaccinationDate\":\"2025-10-14\",\"batchNumber\":\"FN7462\"},"
            + "\"credentialStatus\":[{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"revocation\","
            + "\"statusListIndex\":\"94567\",\"statusListCredential\":\"https://status.health.gov.civitas.example/lists/revocation/17\"},"
            + "{\"type\":\"BitstringStatusListEntry\",\"statusPurpose\":\"suspension\",\"statusListIndex\":\"94567\","
            + "\"statusListCredential\":\"https://status.health.gov.civitas.example/lists/suspension/17\"}]}");
        vc = DataIntegrity.sign(vc, ProofOptions.builder("eddsa-jcs-2022", issuer + "#key-1").created(NOW).build(), ed);
        vc = DataIntegrity.sign(vc, ProofOptions.builder("sm2-jcs-2025", issuer + "#key-2").created(NOW).build(), sm2);
        ObjectNode vp = IJson.parseObject("vp", "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
            + "\"type\":[\"VerifiablePresentation\"],\"holder\":\"" + holderDid + "\"}");
        vp.putArray("verifiableCredential").add(vc);
        return DataIntegrity.sign(vp, ProofOptions.builder("ecdsa-jcs-2019", holderDid + "#key-0")
            .proofPurpose("authentication").challenge("q8Gd2vX1kPzR7tYbNc4eWa").domain("counter.hospital.example")
            .created(NOW).build(), holder);
    }
}
