package org.civitas.sdk.qr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.fixtures.CivitasCredentials;
import org.civitas.sdk.fixtures.CivitasCredentials.Mode;
import org.civitas.sdk.fixtures.CivitasCredentials.ProofPolicy;
import org.civitas.sdk.fixtures.CivitasCredentials.Type;
import org.civitas.sdk.jcs.Jcs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sizes of docs/qr-format.md §9, printed as a Markdown table: for each credential type, proof policy and
 * presentation mode, the JSON (JCS) bytes, CBOR bytes, DEFLATE bytes and the characters of the CIV1 text.
 * Reproduce with {@code mvn -B -pl verifier-sdk test -Dtest=QrSizesTest}.
 */
class QrSizesTest {

    /**
     * The size budget of one QR code at error correction M for a holder-bound presentation of one certificate, for
     * interactive and one-way presentations alike.
     */
    static final int BUDGET = 1000;

    private final CivitasCredentials fixtures = new CivitasCredentials();

    @Test
    void everyPresentation_fitsTheBudget() {
        List<String> rows = new ArrayList<>();
        List<String> overBudget = new ArrayList<>();
        rows.add("| credential type | proofs | holder | presentation | JSON | CBOR | DEFLATE | CIV1 chars |");
        rows.add("|---|---|---|---|---:|---:|---:|---:|");
        for (ProofPolicy policy : ProofPolicy.values()) {
            for (Type type : Type.values()) {
                for (Mode mode : Mode.values()) {
                    for (boolean didKey : new boolean[] {false, true}) {
                        if (didKey && type != Type.VACCINATION) continue;
                        ObjectNode credential = fixtures.credential(type, policy, didKey);
                        ObjectNode presentation = fixtures.presentation(credential, mode, didKey);
                        Sizes sizes = Sizes.of(presentation);
                        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d | %d |",
                            type.typeName(), policy == ProofPolicy.EDDSA ? "eddsa" : "eddsa + sm2",
                            didKey ? "did:key" : "did:civitas", mode == Mode.INTERACTIVE ? "interactive" : "one-way",
                            sizes.json, sizes.cbor, sizes.deflated, sizes.characters));
                        if (sizes.characters > BUDGET) {
                            overBudget.add(type + " " + policy + " " + mode + (didKey ? " did:key" : "") + ": "
                                + sizes.characters);
                        }
                    }
                }
            }
        }
        for (Type type : new Type[] {Type.VACCINATION, Type.DIPLOMA}) {
            Sizes sizes = Sizes.of(fixtures.credential(type, ProofPolicy.EDDSA_AND_SM2));
            rows.add(String.format(Locale.ROOT, "| %s | eddsa + sm2 | (credential alone) | - | %d | %d | %d | %d |",
                type.typeName(), sizes.json, sizes.cbor, sizes.deflated, sizes.characters));
        }
        System.out.println(String.join("\n", rows));
        assertTrue(overBudget.isEmpty(), "over the budget of " + BUDGET + " characters: " + overBudget);
    }

    record Sizes(int json, int cbor, int deflated, int characters) {
        static Sizes of(ObjectNode document) {
            byte[] cbor = QrCodec.cbor(document);
            byte[] deflated = QrCodec.deflate(document);
            return new Sizes(Jcs.canonicalize(document).length, cbor.length, deflated.length,
                QrCodec.encode(document).length());
        }
    }
}
