package org.civitas.sdk.holder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.credential.VcDataModel;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The wallet's side of presenting: a W3C verifiable presentation (VC Data Model 2.0 §4.13) of the holder's
 * credentials, secured with a Data Integrity proof (VC Data Integrity 1.0 §4.2) by the holder's authentication key,
 * proof purpose {@code authentication}, in the JCS cryptosuite of the key's type (Ed25519: {@code eddsa-jcs-2022},
 * P-256: {@code ecdsa-jcs-2019}, SM2: {@code sm2-jcs-2025}).
 *
 * <p>Two modes, as counters use them: <b>interactive</b>, answering the challenge and domain the counter showed
 * (the verifier accepts it once, for that challenge); <b>one-way</b>, for scanners without a screen, carrying only
 * the time it was made (the verifier accepts it inside a short window).
 *
 * <p>At an offline counter, sign with the did:key verification method of the key the citizen's did:civitas was
 * created with ({@code DidKey.verificationMethodId(key)}): a counter holds no citizens' DID documents, and the
 * verifier binds that did:key to the did:civitas derived from it.
 */
public final class HolderPresentation {

    private HolderPresentation() { }

    /**
     * An interactive presentation bound to the counter's challenge and domain.
     *
     * @param credentials        the signed credentials, embedded as they are
     * @param holder             the holder's DID (the credentials' subject), or null to leave {@code holder} out
     *                           (VC Data Model 2.0 makes it optional): a QR for a counter saves its ~28
     *                           characters, and the verifier binds the credentials' subject to the signer anyway
     * @param verificationMethod the DID URL of the holder's key, listed under {@code authentication}
     * @param key                the holder's key
     * @param challenge          the counter's challenge
     * @param domain             the counter's domain
     * @param created            when the holder signs
     */
    public static ObjectNode answer(List<ObjectNode> credentials, String holder, String verificationMethod,
                                    SigningKey key, String challenge, String domain, Instant created) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(domain, "domain");
        return sign(credentials, holder, verificationMethod, key, challenge, domain, created);
    }

    /** A one-way presentation: no challenge, time-stamped {@code created}. Parameters as for {@link #answer}. */
    public static ObjectNode oneWay(List<ObjectNode> credentials, String holder, String verificationMethod,
                                    SigningKey key, Instant created) {
        return sign(credentials, holder, verificationMethod, key, null, null, created);
    }

    private static ObjectNode sign(List<ObjectNode> credentials, String holder, String verificationMethod,
                                   SigningKey key, String challenge, String domain, Instant created) {
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(created, "created");
        if (credentials.isEmpty()) throw new IllegalArgumentException("a presentation holds at least one credential");
        ObjectNode vp = IJson.mapper().createObjectNode();
        vp.putArray("@context").add(VcDataModel.CONTEXT_V2);
        vp.putArray("type").add(VcDataModel.VERIFIABLE_PRESENTATION);
        if (holder != null) vp.put("holder", holder);
        ArrayNode embedded = vp.putArray("verifiableCredential");
        for (ObjectNode credential : credentials) embedded.add(credential.deepCopy());
        ProofOptions.Builder options = ProofOptions.builder(suiteFor(key), verificationMethod)
            .proofPurpose("authentication").created(created);
        if (challenge != null) options.challenge(challenge).domain(domain);
        return DataIntegrity.sign(vp, options.build(), key);
    }

    private static String suiteFor(SigningKey key) {
        switch (key.type()) {
            case ED25519: return "eddsa-jcs-2022";
            case P256: return "ecdsa-jcs-2019";
            case SM2: return "sm2-jcs-2025";
            default: throw new IllegalArgumentException("no presentation suite for " + key.type() + " keys");
        }
    }
}
