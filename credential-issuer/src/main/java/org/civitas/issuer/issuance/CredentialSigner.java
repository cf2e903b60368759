package org.civitas.issuer.issuance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.issuer.IssuerException;
import org.civitas.issuer.IssuerException.Reason;
import org.civitas.issuer.key.AgencySigners;
import org.civitas.issuer.status.StatusSlot;
import org.civitas.issuer.type.CredentialType;
import org.civitas.sdk.credential.VcDataModel;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.suite.Cryptosuite;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.suite.Cryptosuites;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds a W3C VC 2.0 (VC Data Model 2.0 §4) and secures it with the type's proof set (VC Data Integrity 1.0 §4.3:
 * independent proofs, one per suite, each by the agency's assertionMethod key of the suite's type). Stateless and
 * thread-safe: batches sign on several threads at once.
 */
public final class CredentialSigner {

    /**
     * What the credential says, before it is signed.
     *
     * @param jurisdiction the GB/T 2260 code of the region the issuer is accredited for and issues in
     */
    public record Draft(String id, CredentialType type, Did issuer, Did holder, ObjectNode claims,
                        String jurisdiction, Instant validFrom, Instant validUntil, List<StatusSlot> status) { }

    private CredentialSigner() { }

    /** The unsigned credential. */
    public static ObjectNode unsigned(Draft draft) {
        ObjectNode vc = IJson.mapper().createObjectNode();
        vc.putArray("@context").add(VcDataModel.CONTEXT_V2);                                 // VCDM 2.0 §4.3
        vc.put("id", draft.id());                                                            // §4.4
        vc.putArray("type").add(VcDataModel.VERIFIABLE_CREDENTIAL).add(draft.type().id());   // §4.5
        vc.put("issuer", draft.issuer().toString());                                         // §4.7
        // Civitas: where the issuer issued it, so an offline verifier can check the accreditation covers the region
        vc.put("jurisdiction", draft.jurisdiction());
        vc.put("validFrom", draft.validFrom().toString());                                   // §4.9
        vc.put("validUntil", draft.validUntil().toString());
        ObjectNode subject = vc.putObject("credentialSubject");                              // §4.8
        subject.put("id", draft.holder().toString());
        draft.claims().fields().forEachRemaining(claim -> subject.set(claim.getKey(), claim.getValue()));
        vc.putObject("credentialSchema")                                                     // §4.11
            .put("id", "urn:civitas:schema:" + draft.type().id() + ":" + draft.type().version())
            .put("type", "JsonSchema");
        ArrayNode status = vc.putArray("credentialStatus");                                  // §4.10
        for (StatusSlot slot : draft.status()) status.add(slot.entry().toJson());
        return vc;
    }

    /**
     * The credential secured with one proof per suite of the type's policy, created at {@code now}. With JCS suites
     * (the catalogue's), the proofs of a set each sign the document without proofs (VC Data Integrity 1.0 §4.3,
     * no previousProof), so the document is canonicalised once for all of them; each proof then follows its suite's
     * Create Proof steps (vc-di-eddsa §3.3.1, sm2-jcs-2025): the proof configuration is the options with the
     * document's {@code @context}, and the suite hashes both and signs. Other suites go through
     * {@link DataIntegrity#sign}.
     */
    public static ObjectNode sign(Draft draft, AgencySigners.Signers signers, Instant now) {
        ObjectNode document = unsigned(draft);
        List<String> suites = draft.type().proofSuites();
        if (!suites.stream().allMatch(s -> s.contains("-jcs-"))) {
            for (String suite : suites) {
                AgencySigners.Signer signer = signer(draft, signers, suite);
                document = DataIntegrity.sign(document, ProofOptions.builder(suite, signer.methodId()).created(now)
                    .build(), signer.key());
            }
            return document;
        }
        byte[] transformed = Jcs.canonicalize(document);                   // shared by every proof of the set
        ArrayNode proofs = document.arrayNode();
        for (String suite : suites) {
            Cryptosuite cryptosuite = Cryptosuites.standard().get(suite);
            AgencySigners.Signer signer = signer(draft, signers, suite);
            ObjectNode proof = ProofOptions.builder(suite, signer.methodId()).created(now).build().toJson();
            proof.set("@context", document.get("@context").deepCopy());
            byte[] hashData = cryptosuite.hash(transformed, Jcs.canonicalize(proof));
            proof.put("proofValue", Multibase.encodeBase58Btc(cryptosuite.serializeProof(hashData, signer.key())));
            proofs.add(proof);
        }
        document.set("proof", proofs.size() == 1 ? proofs.get(0) : proofs);
        return document;
    }

    private static AgencySigners.Signer signer(Draft draft, AgencySigners.Signers signers, String suite) {
        var keyType = Cryptosuites.standard().get(suite).keyType();
        return signers.of(keyType).orElseThrow(() -> IssuerException.of(Reason.ISSUER_KEY_MISSING, draft.issuer()
            + " has no current " + keyType + " assertionMethod key held here, which the " + suite + " proof of "
            + draft.type().id() + " needs", Map.of("cryptosuite", suite)));
    }
}
