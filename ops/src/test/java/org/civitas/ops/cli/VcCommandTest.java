package org.civitas.ops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.jcs.IJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code civitas vc} run in-process, on files, as an integrator runs it. */
class VcCommandTest {

    /** The W3C vectors live with the SDK; the command is checked against the same files. */
    private static final Path EDDSA = Path.of("../verifier-sdk/src/test/resources/vectors/w3c-vc-di-eddsa");

    @TempDir Path dir;

    record Run(int exit, String out, String err) { }

    @Test
    void sign_w3cAlumniCredentialWithThePublishedOptions_reproducesTheProofValue() throws Exception {
        ObjectNode signed = IJson.parseObject("vector", Files.readString(EDDSA.resolve("eddsa-jcs-2022/signedJCS.json")));
        ObjectNode proof = (ObjectNode) signed.remove("proof");
        Path unsigned = write("unsigned.json", signed.toPrettyString());
        Path options = write("options.json", "{\"created\":\"" + proof.get("created").textValue()
            + "\",\"verificationMethod\":\"" + proof.get("verificationMethod").textValue()
            + "\",\"proofPurpose\":\"assertionMethod\"}");

        Run run = civitas("vc", "sign", "--suite", "eddsa-jcs-2022", "--key", EDDSA.resolve("keyPair.json").toString(),
            "--options", options.toString(), unsigned.toString());

        assertEquals(0, run.exit(), run.err());
        ObjectNode output = IJson.parseObject("output", run.out());
        assertEquals(proof.get("proofValue").textValue(), output.get("proof").get("proofValue").textValue());
    }

    @Test
    void keygenSignVerify_eachKeyType_roundTripsAndExitsZero() throws Exception {
        for (String type : new String[] {"ed25519", "p256", "sm2"}) {
            Path key = dir.resolve(type + ".json");
            assertEquals(0, civitas("vc", "keygen", "--type", type, "--out", key.toString()).exit());
            String did = IJson.parseObject("key", Files.readString(key)).get("controller").textValue();
            String suite = switch (type) {
                case "ed25519" -> "eddsa-jcs-2022";
                case "p256" -> "ecdsa-jcs-2019";
                default -> "sm2-jcs-2025";
            };
            Path credential = write(type + "-vc.json", credential(did, null));

            Run signed = civitas("vc", "sign", "--suite", suite, "--key", key.toString(), credential.toString());
            Path signedFile = write(type + "-signed.json", signed.out());
            Run verified = civitas("vc", "verify", signedFile.toString());

            assertEquals(0, verified.exit(), type + ":\n" + verified.out());
            assertTrue(verified.out().contains("Result: ACCEPTED"), verified.out());
            assertEquals("-rw-------", "-" + java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)));
        }
    }

    @Test
    void verify_revokedCredentialWithItsStatusList_failsAndSaysRevoked() throws Exception {
        Path key = dir.resolve("issuer.json");
        civitas("vc", "keygen", "--type", "ed25519", "--out", key.toString());
        String did = IJson.parseObject("key", Files.readString(key)).get("controller").textValue();
        String listId = "https://issuer.example/status/1";
        Path list = write("list.json", statusList(did, listId));
        Path signedList = write("list-signed.json",
            civitas("vc", "sign", "--suite", "eddsa-jcs-2022", "--key", key.toString(), list.toString()).out());
        Path credential = write("vc.json", credential(did, listId));
        Path signed = write("vc-signed.json",
            civitas("vc", "sign", "--suite", "eddsa-jcs-2022", "--key", key.toString(), credential.toString()).out());

        Run withList = civitas("vc", "verify", "--lang", "BOTH", "--status-list", signedList.toString(), signed.toString());
        Run withoutList = civitas("vc", "verify", "--json", signed.toString());

        assertEquals(1, withList.exit());
        assertTrue(withList.out().contains("Revoked by the issuer"), withList.out());
        assertTrue(withList.out().contains("已被签发机构撤销"), withList.out());
        assertEquals(1, withoutList.exit());
        assertEquals(false, IJson.parseObject("json", withoutList.out()).get("accepted").booleanValue());
    }

    @Test
    void verify_w3cVectorWithAnHttpsKey_failsWithAReasonInsteadOfUsingTheNetwork() {
        Run run = civitas("vc", "verify", EDDSA.resolve("eddsa-jcs-2022/signedJCS.json").toString());

        assertEquals(1, run.exit());
        assertTrue(run.out().contains("FAILED"), run.out());
    }

    @Test
    void badArguments_exitTwoWithAMessage() throws Exception {
        Path file = write("doc.json", "{}");
        Run unknownSuite = civitas("vc", "sign", "--suite", "rsa-2000", "--key", file.toString(), file.toString());
        Run missingFile = civitas("vc", "verify", dir.resolve("nope.json").toString());

        assertEquals(2, unknownSuite.exit());
        assertTrue(unknownSuite.err().contains("Unknown suite"));
        assertEquals(2, missingFile.exit());
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String credential(String issuer, String revocationList) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
        String status = revocationList == null ? "" : ",\"credentialStatus\":{\"type\":\"BitstringStatusListEntry\","
            + "\"statusPurpose\":\"revocation\",\"statusListIndex\":\"7\",\"statusListCredential\":\""
            + revocationList + "\"}";
        return "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
            + "\"type\":[\"VerifiableCredential\",\"DiplomaCredential\"],\"issuer\":\"" + issuer + "\","
            + "\"validFrom\":\"" + now + "\",\"credentialSubject\":{\"id\":\"did:example:student\","
            + "\"degree\":\"Bachelor of Laws\"}" + status + "}";
    }

    /** A revocation list with entry 7 set. */
    private static String statusList(String issuer, String id) {
        var bits = org.civitas.sdk.status.StatusBits.builder(131_072, 1);
        bits.set(7, 1);
        return org.civitas.sdk.status.StatusListCredential.builder().id(id).issuer(issuer)
            .validFrom(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60))
            .statusPurpose(org.civitas.sdk.status.StatusPurpose.REVOCATION).bits(bits).buildUnsigned().toString();
    }

    private static Run civitas(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        try {
            int exit = CivitasCli.commandLine().execute(args);
            return new Run(exit, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
