package org.civitas.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.VerificationResult;
import org.civitas.sdk.Verifier;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.MultikeyDocument;
import org.civitas.sdk.key.NewKey;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.status.StatusListSource;
import org.civitas.sdk.suite.Cryptosuites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The SDK on the command line, for integrators and for checking conformance from outside: verify, sign and
 * generate keys. Nothing here uses the network.
 */
@Command(name = "vc", mixinStandardHelpOptions = true,
    description = "Verify and sign W3C verifiable credentials; generate keys. Never uses the network.",
    subcommands = {VcCommand.Verify.class, VcCommand.Sign.class, VcCommand.Keygen.class})
final class VcCommand {

    /** Exit code for input the command could not read (as opposed to a credential that does not verify). */
    static final int USAGE = 2;

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a credential or presentation JSON file. did:key issuers are resolved locally; other "
            + "DIDs fail with a reason. Exit 0 only when every proof and check passes.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The credential or presentation (JSON).")
        Path file;

        @Option(names = "--challenge", description = "The challenge the presentation must be bound to.")
        String challenge;

        @Option(names = "--domain", description = "The domain the presentation must be bound to.")
        String domain;

        @Option(names = "--status-list", paramLabel = "FILE",
            description = "A signed status list credential (repeatable); matched to status entries by its id.")
        List<Path> statusLists = new ArrayList<>();

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Option(names = "--lang", defaultValue = "EN", description = "Reasons in EN, ZH or BOTH (default: ${DEFAULT-VALUE}).")
        ResultPrinter.Language language;

        @Override
        public Integer call() {
            List<ObjectNode> lists = new ArrayList<>();
            for (Path list : statusLists) {
                try {
                    lists.add(IJson.parseObject(list.toString(), read(list)));
                } catch (IOException | FormatException e) {
                    System.err.println("Cannot read status list " + list + ": " + e.getMessage());
                    return USAGE;
                }
            }
            String input;
            try {
                input = read(file);
            } catch (IOException e) {
                System.err.println("Cannot read " + file + ": " + e.getMessage());
                return USAGE;
            }
            Verifier verifier = Verifier.builder().resolver(DidKey.resolver())
                .statusLists(StatusListSource.of(lists)).build();
            VerificationResult result = verifier.verify(input, new Verifier.Request(challenge, domain));
            if (json) ResultPrinter.json(result, System.out);
            else ResultPrinter.table(result, language, System.out);
            return result.accepted() ? 0 : 1;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Add a Data Integrity proof to a JSON document and print the signed document. A document "
            + "that already has proofs gets a proof set (or a chain with previousProof).")
    static final class Sign implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The document to sign (JSON).")
        Path file;

        @Option(names = "--suite", required = true,
            description = "eddsa-jcs-2022, eddsa-rdfc-2022, ecdsa-jcs-2019, ecdsa-rdfc-2019 or sm2-jcs-2025.")
        String suite;

        @Option(names = "--key", required = true, paramLabel = "KEY.json",
            description = "A Multikey document with secretKeyMultibase (and id/controller when known).")
        Path keyFile;

        @Option(names = "--options", paramLabel = "OPTIONS.json",
            description = "Proof options: created, expires, verificationMethod, proofPurpose, challenge, domain, "
                + "previousProof, id, nonce. Fixed options make a signature over a spec example reproducible.")
        Path optionsFile;

        @Override
        public Integer call() {
            try {
                if (Cryptosuites.standard().find(suite).isEmpty()) {
                    System.err.println("Unknown suite '" + suite + "'. Use one of: eddsa-jcs-2022, eddsa-rdfc-2022, "
                        + "ecdsa-jcs-2019, ecdsa-rdfc-2019, sm2-jcs-2025.");
                    return USAGE;
                }
                String keyJson = read(keyFile);
                SigningKey key = MultikeyDocument.signingKey(keyJson);
                ObjectNode options = optionsFile == null ? IJson.mapper().createObjectNode()
                    : IJson.parseObject(optionsFile.toString(), read(optionsFile));
                String method = text(options, "verificationMethod");
                if (method == null) method = MultikeyDocument.member(keyJson, "id");
                if (method == null || method.startsWith("#")) method = DidKey.verificationMethodId(key.verificationKey());
                ProofOptions.Builder proof = ProofOptions.builder(suite, method);
                if (text(options, "proofPurpose") != null) proof.proofPurpose(text(options, "proofPurpose"));
                proof.created(text(options, "created") != null ? Instant.parse(text(options, "created"))
                    : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                if (text(options, "expires") != null) proof.expires(Instant.parse(text(options, "expires")));
                if (text(options, "challenge") != null) proof.challenge(text(options, "challenge"));
                if (text(options, "domain") != null) proof.domain(text(options, "domain"));
                if (text(options, "id") != null) proof.id(text(options, "id"));
                if (text(options, "nonce") != null) proof.nonce(text(options, "nonce"));
                JsonNode previous = options.get("previousProof");
                if (previous != null && previous.isTextual()) proof.previousProof(previous.textValue());
                if (previous != null && previous.isArray()) {
                    List<String> ids = new ArrayList<>();
                    previous.forEach(p -> ids.add(p.asText()));
                    proof.previousProof(ids.toArray(String[]::new));
                }
                ObjectNode document = IJson.parseObject(file.toString(), read(file));
                System.out.println(DataIntegrity.sign(document, proof.build(), key).toPrettyString());
                return 0;
            } catch (IOException | FormatException | java.time.format.DateTimeParseException
                     | IllegalArgumentException e) {
                System.err.println("Cannot sign: " + e.getMessage());
                return USAGE;
            }
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a key as a Multikey document with its did:key. The document holds the secret: "
            + "write it to a file only you can read (--out does that).")
    static final class Keygen implements Callable<Integer> {

        @Option(names = "--type", required = true, description = "ed25519, p256 or sm2.")
        String type;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to this file (mode 600) instead of stdout.")
        Path out;

        @Override
        public Integer call() throws IOException {
            KeyType keyType = switch (type.toLowerCase()) {
                case "ed25519" -> KeyType.ED25519;
                case "p256", "p-256" -> KeyType.P256;
                case "sm2" -> KeyType.SM2;
                default -> null;
            };
            if (keyType == null) {
                System.err.println("--type must be ed25519, p256 or sm2");
                return USAGE;
            }
            NewKey key = SigningKey.generate(keyType);
            String did = DidKey.of(key.signingKey().verificationKey()).toString();
            String document = MultikeyDocument.withSecret(key, DidKey.verificationMethodId(
                key.signingKey().verificationKey()), did).toPrettyString();
            if (out == null) {
                System.out.println(document);
            } else {
                Files.writeString(out, document + System.lineSeparator(), StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                System.err.println("Wrote " + out + " for " + did);
            }
            return 0;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String text(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
