package org.civitas.sdk.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Check;
import org.civitas.sdk.CheckId;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.Reason;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.internal.Base58;
import org.civitas.sdk.key.Multibase;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.suite.Cryptosuite;
import org.civitas.sdk.suite.Cryptosuites;
import org.civitas.sdk.suite.TransformationException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Adds and verifies W3C Data Integrity proofs (VC Data Integrity 1.0 §4 "Algorithms"): single proofs, proof sets
 * and proof chains, with any of the {@link Cryptosuites}. Verification resolves each proof's key through a
 * {@link DidResolver}, checks that the key's controller authorises it for the proof's purpose (Controlled
 * Identifiers v1.0 §3.3), checks the challenge, domain and time bounds, and answers with checks a counter clerk can
 * read. Stateless and thread-safe; no method modifies its arguments.
 */
public final class DataIntegrity {

    private DataIntegrity() { }

    /** {@link #sign(ObjectNode, ProofOptions, SigningKey, Cryptosuites)} with the standard suites. */
    public static ObjectNode sign(ObjectNode unsecuredDocument, ProofOptions options, SigningKey key) {
        return sign(unsecuredDocument, options, key, Cryptosuites.standard());
    }

    /**
     * A copy of {@code document} secured with one more proof. A document without a {@code proof} gets one proof
     * ("Add Proof", §4.2); a document that has proofs gets a proof set, the new proof appended ("Add Proof
     * Set/Chain", §4.3). When the options name {@code previousProof}s, the new proof also signs those proofs (a proof
     * chain, §4.3 steps 4-6); otherwise it signs the document alone, exactly as a single proof would, so that proofs
     * made independently can be combined into one set.
     *
     * @throws IllegalArgumentException the suite is not in {@code suites}, the key does not fit it, a previous proof
     *                                  is not on the document, the {@code proof} member is neither an object nor an
     *                                  array, or the document cannot be canonicalised (an RDFC suite and a context
     *                                  the suites do not hold)
     */
    public static ObjectNode sign(ObjectNode document, ProofOptions options, SigningKey key, Cryptosuites suites) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(key, "key");
        Cryptosuite suite = suites.get(options.cryptosuite());
        JsonNode existing = document.get("proof");
        List<JsonNode> allProofs = existing == null ? List.of() : proofList(existing);        // §4.3 step 1
        if (allProofs == null) throw new IllegalArgumentException("the document's proof is neither an object nor an array");
        ObjectNode inputDocument = withoutProof(document);                                     // §4.3 step 2
        if (!options.previousProof().isEmpty()) {
            ArrayNode matchingProofs = inputDocument.arrayNode();                              // §4.3 step 3
            for (String id : options.previousProof()) {                                        // §4.3 steps 4-5
                JsonNode previous = proofWithId(allProofs, id);
                if (previous == null) {
                    throw new IllegalArgumentException("the previous proof " + id + " is not on the document");
                }
                matchingProofs.add(previous);
            }
            inputDocument.set("proof", matchingProofs);                                        // §4.3 step 6
        }
        ObjectNode proof;
        try {
            proof = suite.createProof(inputDocument, options.toJson(), key);                   // §4.2 step 1
        } catch (TransformationException e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
        }
        ObjectNode secured = document.deepCopy();                                              // §4.2 step 5
        if (existing == null) {
            secured.set("proof", proof);                                                       // §4.2 step 6
        } else {
            ArrayNode proofs = secured.putArray("proof");                                      // §4.3 steps 7-8
            for (JsonNode previous : allProofs) proofs.add(previous.deepCopy());
            proofs.add(proof);
        }
        return secured;
    }

    /** {@link #verify(ObjectNode, ProofExpectations, DidResolver, Instant, Cryptosuites)} with the standard suites. */
    public static ProofVerification verify(ObjectNode securedDocument, ProofExpectations expectations,
                                           DidResolver resolver, Instant now) {
        return verify(securedDocument, expectations, resolver, now, Cryptosuites.standard());
    }

    /**
     * Verifies every proof of {@code securedDocument} ("Verify Proof Sets and Chains", §4.5, and "Verify Proof",
     * §4.4, for each). For each proof, in document order:
     * <ul>
     *   <li>{@code PROOF}: the proof is well formed and of a supported suite; every {@code previousProof} is on the
     *       document (§4.5 step 3.2); its verificationMethod resolves through {@code resolver} as the DID document
     *       stood at the proof's {@code created} (or at {@code now} without one), to a key of the suite's type
     *       controlled by that DID (Controlled Identifiers v1.0 §3.3 steps 1-10); and the suite verifies the
     *       signature over the document, with the previous proofs it chains to;</li>
     *   <li>{@code PROOF_PURPOSE}: the proof's purpose is the expected one (§4.4 step 5) and the DID document lists
     *       the key under that verification relationship (CID §3.3 step 11);</li>
     *   <li>{@code CHALLENGE}: the challenge and domain, when the expectations give them (§4.4 steps 6-7); a proof
     *       that carries a challenge nobody asked for is not failed, as the spec checks only what the verifier
     *       gives;</li>
     *   <li>{@code VALIDITY_PERIOD}: {@code created} is not later than {@code now} plus the allowed skew and
     *       {@code expires} not earlier than {@code now} minus it.</li>
     * </ul>
     * A malformed proof gets a single failed {@code PROOF} check. Bad input never throws: every problem is a failed
     * check with its reason.
     */
    public static ProofVerification verify(ObjectNode securedDocument, ProofExpectations expectations,
                                           DidResolver resolver, Instant now, Cryptosuites suites) {
        return verify(securedDocument, expectations, new DidMethodResolver(resolver), now, suites);
    }

    static ProofVerification verify(ObjectNode securedDocument, ProofExpectations expectations, MethodResolver methods,
                                    Instant now, Cryptosuites suites) {
        Objects.requireNonNull(securedDocument, "securedDocument");
        Objects.requireNonNull(expectations, "expectations");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(suites, "suites");
        JsonNode member = securedDocument.get("proof");
        List<JsonNode> allProofs = member == null ? List.of() : proofList(member);             // §4.5 step 1
        if (allProofs == null) {
            return ProofVerification.noProof(Check.failed(CheckId.PROOF,
                Reasons.malformed("proof must be an object or an array of objects")));
        }
        if (allProofs.isEmpty()) return ProofVerification.noProof(Check.failed(CheckId.PROOF, Reasons.noProof()));
        ObjectNode unsecuredDocument = withoutProof(securedDocument);
        List<ProofResult> results = new ArrayList<>(allProofs.size());
        for (int i = 0; i < allProofs.size(); i++) {                                            // §4.5 step 3
            results.add(verifyOne(i, allProofs, unsecuredDocument, expectations, methods, now, suites));
        }
        return ProofVerification.of(results);
    }

    private static ProofResult verifyOne(int index, List<JsonNode> allProofs, ObjectNode unsecuredDocument,
                                         ProofExpectations expectations, MethodResolver methods, Instant now,
                                         Cryptosuites suites) {
        JsonNode node = allProofs.get(index);
        Proof proof;
        try {
            proof = Proof.read(node);
        } catch (FormatException e) {
            return new ProofResult(index, text(node, "id"), text(node, "cryptosuite"), text(node, "verificationMethod"),
                List.of(Check.failed(CheckId.PROOF, Reasons.malformed(e.getMessage()))));
        }
        MethodResolver.Resolved[] resolved = new MethodResolver.Resolved[1];
        Check signature = signatureCheck(proof, allProofs, unsecuredDocument, methods, now, suites, resolved);
        List<Check> checks = List.of(signature, purposeCheck(proof, expectations, resolved[0]),
            challengeCheck(proof, expectations), periodCheck(proof, now, expectations.clockSkew()));
        return new ProofResult(index, proof.id().orElse(null), proof.cryptosuite(), proof.verificationMethod(), checks);
    }

    /** The PROOF check; {@code resolved[0]} receives the method when it could be retrieved. */
    private static Check signatureCheck(Proof proof, List<JsonNode> allProofs, ObjectNode unsecuredDocument,
                                        MethodResolver methods, Instant now, Cryptosuites suites,
                                        MethodResolver.Resolved[] resolved) {
        try {
            ObjectNode inputDocument = inputDocument(proof, allProofs, unsecuredDocument);
            Cryptosuite suite = suite(proof, suites);
            MethodResolver.Resolved method = methods.resolve(proof.verificationMethod(), suite.name(),
                proof.created().orElse(now));
            resolved[0] = method;
            if (method.key().type() != suite.keyType()) {
                return Check.failed(CheckId.PROOF, Reasons.wrongKeyType(proof.verificationMethod(), method.key().type(),
                    suite.name(), suite.keyType()));
            }
            requireBase58Btc(proof.proofValue());
            boolean valid = suite.verifyProof(inputDocument, proof.node(), method.key());
            return valid ? Check.passed(CheckId.PROOF, Reasons.signatureValid(proof))
                : Check.failed(CheckId.PROOF, Reasons.signatureMismatch(proof));
        } catch (Refused e) {
            return Check.failed(CheckId.PROOF, e.reason);
        } catch (MethodResolver.Unresolved e) {
            return Check.failed(CheckId.PROOF, e.reason());
        } catch (TransformationException e) {
            return Check.failed(CheckId.PROOF, Reasons.untransformable(e));
        } catch (IllegalArgumentException e) {
            // a tree built in code, not read with IJson, can hold what no canonical form has (a lone surrogate)
            return Check.failed(CheckId.PROOF, Reasons.malformed(e.getMessage()));
        }
    }

    /**
     * §4.5 steps 3.1-3.3: the document as the proof signed it, with the proofs it chains to as its {@code proof}
     * member. A proof that chains to nothing signed the document without a {@code proof} member (§4.3 step 6 with an
     * empty match, as implementations do; see {@link #sign(ObjectNode, ProofOptions, SigningKey, Cryptosuites)}).
     */
    private static ObjectNode inputDocument(Proof proof, List<JsonNode> allProofs, ObjectNode unsecuredDocument)
            throws Refused {
        if (proof.previousProof().isEmpty()) return unsecuredDocument;
        ArrayNode matchingProofs = unsecuredDocument.arrayNode();
        for (String id : proof.previousProof()) {
            JsonNode previous = proofWithId(allProofs, id);
            if (previous == null) throw new Refused(Reasons.missingPreviousProof(id));   // PROOF_VERIFICATION_ERROR
            matchingProofs.add(previous);
        }
        ObjectNode input = withoutProof(unsecuredDocument);
        input.set("proof", matchingProofs);
        return input;
    }

    private static Cryptosuite suite(Proof proof, Cryptosuites suites) throws Refused {
        if (!ProofOptions.TYPE.equals(proof.type())) throw new Refused(Reasons.unsupportedType(proof.type()));
        Optional<Cryptosuite> suite = suites.find(proof.cryptosuite());
        if (!suite.isPresent()) throw new Refused(Reasons.unsupportedSuite(proof.cryptosuite()));
        return suite.get();
    }

    /**
     * The suites' Data Model §2.2.1: proofValue is base58btc multibase, nothing else. Checking the header and the
     * alphabet is enough (every such string decodes) and costs one pass, not a second base conversion.
     */
    private static void requireBase58Btc(String proofValue) throws Refused {
        boolean valid = proofValue.length() > 1 && proofValue.charAt(0) == Multibase.BASE58_BTC
            && Base58.isEncoding(proofValue, 1);
        if (!valid) throw new Refused(Reasons.malformed("the signature value (proofValue) is not base58btc multibase"));
    }

    private static Check purposeCheck(Proof proof, ProofExpectations expectations, MethodResolver.Resolved method) {
        if (!proof.proofPurpose().equals(expectations.proofPurpose())) {                          // §4.4 step 5
            return Check.failed(CheckId.PROOF_PURPOSE,
                Reasons.purposeMismatch(proof.proofPurpose(), expectations.proofPurpose()));
        }
        if (method == null) return Check.skipped(CheckId.PROOF_PURPOSE, Reasons.purposeUncheckable());
        Relationship relationship = Relationship.ofProofPurpose(proof.proofPurpose());
        if (relationship == null) return Check.failed(CheckId.PROOF_PURPOSE, Reasons.purposeUnknown(proof.proofPurpose()));
        if (!method.relationships().contains(relationship)) {                                   // CID §3.3 step 11
            return Check.failed(CheckId.PROOF_PURPOSE, Reasons.purposeNotAuthorised(proof.verificationMethod(),
                method.controller(), proof.proofPurpose()));
        }
        return Check.passed(CheckId.PROOF_PURPOSE, Reasons.purposeAuthorised(method.controller(), proof.proofPurpose()));
    }

    private static Check challengeCheck(Proof proof, ProofExpectations expectations) {
        String challenge = expectations.challenge();
        String domain = expectations.domain();
        if (challenge == null && domain == null) {
            return Check.skipped(CheckId.CHALLENGE, Reasons.challengeNotRequested());
        }
        if (challenge != null) {                                                                // §4.4 step 7
            if (!proof.challenge().isPresent()) return Check.failed(CheckId.CHALLENGE, Reasons.challengeMissing());
            if (!proof.challenge().get().equals(challenge)) {
                return Check.failed(CheckId.CHALLENGE, Reasons.challengeMismatch());
            }
        }
        // §4.4 step 6: the same set of strings, a single string being a set of one
        if (domain != null && !new HashSet<>(proof.domain()).equals(java.util.Set.of(domain))) {
            return Check.failed(CheckId.CHALLENGE, Reasons.domainMismatch(proof.domain()));
        }
        return Check.passed(CheckId.CHALLENGE, Reasons.challengeMatches(challenge != null, domain != null));
    }

    private static Check periodCheck(Proof proof, Instant now, Duration skew) {
        Instant created = proof.created().orElse(null);
        Instant expires = proof.expires().orElse(null);
        if (created == null && expires == null) return Check.skipped(CheckId.VALIDITY_PERIOD, Reasons.noPeriod());
        if (created != null && created.isAfter(now.plus(skew))) {
            return Check.failed(CheckId.VALIDITY_PERIOD, Reasons.createdInFuture(created));
        }
        if (expires != null && expires.isBefore(now.minus(skew))) {
            return Check.failed(CheckId.VALIDITY_PERIOD, Reasons.expired(expires));
        }
        return Check.passed(CheckId.VALIDITY_PERIOD, Reasons.periodValid(created, expires));
    }

    /** The proofs of a {@code proof} member: an object is one proof; {@code null} when it is neither kind. */
    private static List<JsonNode> proofList(JsonNode member) {
        if (member.isObject()) return List.of(member);
        if (!member.isArray()) return null;
        List<JsonNode> proofs = new ArrayList<>(member.size());
        member.forEach(proofs::add);
        return proofs;
    }

    private static JsonNode proofWithId(List<JsonNode> allProofs, String id) {
        for (JsonNode proof : allProofs) {
            if (id.equals(proof.path("id").textValue())) return proof;
        }
        return null;
    }

    /** A shallow copy without {@code proof}: its members are shared with the document and never changed. */
    private static ObjectNode withoutProof(ObjectNode document) {
        ObjectNode copy = document.objectNode();
        copy.setAll(document);
        copy.remove("proof");
        return copy;
    }

    private static String text(JsonNode node, String name) {
        return node == null ? null : node.path(name).textValue();
    }

    /** A proof refused before its signature could be checked. */
    private static final class Refused extends Exception {
        private final transient Reason reason;

        Refused(Reason reason) {
            super(reason.en(), null, false, false);
            this.reason = reason;
        }
    }
}
