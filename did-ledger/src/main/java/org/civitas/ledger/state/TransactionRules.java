package org.civitas.ledger.state;

import org.civitas.sdk.ledger.state.Grant;
import org.civitas.sdk.ledger.state.DidHistory;
import org.civitas.sdk.ledger.state.Regions;
import org.civitas.sdk.ledger.state.Accreditations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.ledger.LedgerException;
import org.civitas.ledger.LedgerException.Reason;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidUrl;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.did.VerificationMethod;
import org.civitas.sdk.key.VerificationKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TransactionSignature;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic rules every node applies to a transaction before it may enter the log: who must have
 * signed it, and what the state must allow. They read only the state and the commit time, so every node reaches
 * the same verdict. A refusal names the rule broken and what to do.
 */
public final class TransactionRules {

    private TransactionRules() { }

    /**
     * Checks a transaction against the state it would be appended to.
     *
     * @param at the commit time the entry would carry
     * @throws LedgerException with a precise reason when the transaction must not enter the log
     */
    public static void check(SignedTransaction signed, LedgerState state, Instant at) {
        check(signed, state, at, VerifiedSignatures.NONE);
    }

    /**
     * As {@link #check(SignedTransaction, LedgerState, Instant)}, taking signature checks already done in advance
     * from {@code signatures} (the verdict is the same; only the work moves).
     */
    public static void check(SignedTransaction signed, LedgerState state, Instant at,
                             VerifiedSignatures signatures) {
        Transaction tx = signed.transaction();
        boolean empty = state.size() == 0;
        if (empty != (tx instanceof Transaction.Genesis)) {
            throw refuse(Reason.CONFLICT, empty ? "the ledger is empty: its first entry must be the genesis"
                : "the ledger already has its genesis");
        }
        if (tx instanceof Transaction.Genesis g) {
            genesis(signed, g, signatures);
        } else if (tx instanceof Transaction.DidCreate c) {
            didCreate(signed, c, state, signatures);
        } else if (tx instanceof Transaction.DidUpdate u) {
            didUpdate(signed, u, state, at, signatures);
        } else if (tx instanceof Transaction.DidDeactivate d) {
            DidHistory history = liveDid(state, d.did());
            requireHead(history, d.previous().toString());
            requireSigner(signed, state, at, d.did(), Relationship.CAPABILITY_INVOCATION, "deactivate " + d.did(),
                signatures);
        } else if (tx instanceof Transaction.AccreditationGrant g) {
            grant(signed, g, state, at, signatures);
        } else if (tx instanceof Transaction.AccreditationWithdrawal w) {
            withdrawal(signed, w, state, at, signatures);
        } else if (tx instanceof Transaction.SchemaRegistration s) {
            schema(signed, s, state, at, signatures);
        } else if (tx instanceof Transaction.StatusListAnchoring a) {
            liveDid(state, a.issuer());
            requireSigner(signed, state, at, a.issuer(), Relationship.ASSERTION_METHOD, "anchor a status list",
                signatures);
            List<Records.Anchor> versions = state.anchors(a.issuer(), a.listId());
            long expected = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).anchoring().version() + 1;
            if (a.version() != expected) {
                throw refuse(a.version() < expected ? Reason.STALE_VERSION : Reason.CONFLICT,
                    "status list " + a.listId() + " is anchored up to version " + (expected - 1)
                        + "; the next anchor must be version " + expected + ", not " + a.version());
            }
        } else if (tx instanceof Transaction.AuditAnchoring a) {
            liveDid(state, a.agency());
            requireSigner(signed, state, at, a.agency(), Relationship.ASSERTION_METHOD, "anchor an audit chain",
                signatures);
            List<Records.AuditAnchor> previous = state.auditAnchors(a.agency());
            if (!previous.isEmpty() && a.sequence() <= previous.get(previous.size() - 1).anchoring().sequence()) {
                throw refuse(Reason.CONFLICT, "the audit chain of " + a.agency() + " is anchored up to sequence "
                    + previous.get(previous.size() - 1).anchoring().sequence() + "; anchor a later one");
            }
        }
    }

    private static void genesis(SignedTransaction signed, Transaction.Genesis g, VerifiedSignatures signatures) {
        if (g.quorum() <= g.nodes().size() / 2 || g.quorum() > g.nodes().size()) {
            throw refuse(Reason.MALFORMED, "quorum " + g.quorum() + " must be a majority of the "
                + g.nodes().size() + " nodes");
        }
        Set<String> ids = new HashSet<>();
        for (Transaction.Node node : g.nodes()) {
            if (!ids.add(node.id())) throw refuse(Reason.MALFORMED, "node id " + node.id() + " appears twice");
        }
        requireSelfSigned(signed, g.nationalRoot(), "the national root's genesis key", signatures);
    }

    private static void didCreate(SignedTransaction signed, Transaction.DidCreate c, LedgerState state,
                                  VerifiedSignatures signatures) {
        if (!CivitasDid.isCivitas(c.did())) {
            throw refuse(Reason.MALFORMED, "only did:civitas DIDs are created on this ledger, not " + c.did());
        }
        if (state.did(c.did()).isPresent()) {
            throw refuse(Reason.CONFLICT, c.did() + " already exists; update it instead");
        }
        requireSelfSigned(signed, c.document(), "its genesis key", signatures);
    }

    /** A new DID's own document must contain the key that signed it, and the DID must derive from that key. */
    private static void requireSelfSigned(SignedTransaction signed, DidDocument document, String who,
                                          VerifiedSignatures signatures) {
        Did did = document.id();
        boolean creatorSigned = false;
        for (TransactionSignature signature : signed.signatures()) {
            VerificationMethod method = document.verificationMethod(signature.verificationMethod())
                .orElseThrow(() -> refuse(Reason.SIGNER_NOT_AUTHORIZED, signature.verificationMethod()
                    + " is not a verification method of the new document"));
            VerificationKey key = keyOf(method);
            if (!signatures.verify(method.id(), key, signed.payload(), signature.signature())) {
                throw refuse(Reason.SIGNATURE_INVALID, "the signature by " + method.id() + " does not verify");
            }
            if (CivitasDid.isCreatedBy(did, key)
                    && document.authorizes(method.id(), Relationship.CAPABILITY_INVOCATION)) {
                creatorSigned = true;
            }
        }
        if (!creatorSigned) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, did + " must be created by " + who + ": a key listed under "
                + "capabilityInvocation whose multikey hashes to the DID's id (did:civitas derivation)");
        }
    }

    private static void didUpdate(SignedTransaction signed, Transaction.DidUpdate u, LedgerState state, Instant at,
                                  VerifiedSignatures signatures) {
        DidHistory history = liveDid(state, u.did());
        requireHead(history, u.previous().toString());
        DidDocument current = history.current().document();
        for (Transaction.KeyRevocation revoked : u.revokedKeys()) {
            if (current.verificationMethod(revoked.verificationMethod()).isEmpty()) {
                throw refuse(Reason.REFERENCE_NOT_FOUND, revoked.verificationMethod() + " is not a key of " + u.did());
            }
            if (revoked.compromisedSince().isAfter(at)) {
                throw refuse(Reason.MALFORMED, "a compromise of " + revoked.verificationMethod()
                    + " cannot start in the future");
            }
            if (u.document().verificationMethod(revoked.verificationMethod()).isPresent()) {
                throw refuse(Reason.MALFORMED, "a compromised key must leave the document: "
                    + revoked.verificationMethod());
            }
        }
        Did registrar = recoveringRegistrar(signed, state, at, u.did(), signatures);
        if (registrar != null) {
            requireRecoveryOnly(u, current, registrar, state);
        } else {
            if (u.document().relationship(Relationship.CAPABILITY_INVOCATION).isEmpty()) {
                throw refuse(Reason.MALFORMED, "the new document of " + u.did() + " has no capabilityInvocation "
                    + "key: nobody but a registrar recovering it could ever update it again");
            }
            requireSigner(signed, state, at, u.did(), Relationship.CAPABILITY_INVOCATION, "update " + u.did(),
                u.document(), signatures);
        }
        // Every key the update adds must prove possession by signing too: no one can bind someone else's key.
        Set<String> signedBy = new HashSet<>();
        for (TransactionSignature s : signed.signatures()) signedBy.add(s.verificationMethod());
        for (VerificationMethod added : u.document().verificationMethods()) {
            if (current.verificationMethod(added.id()).isPresent() || added.key() == null) continue;
            if (!signedBy.contains(added.id())) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "the new key " + added.id()
                    + " must also sign the update (proof of possession)");
            }
            TransactionSignature proof = signed.signatures().stream()
                .filter(s -> s.verificationMethod().equals(added.id())).findFirst().orElseThrow();
            if (!signatures.verify(added.id(), added.key(), signed.payload(), proof.signature())) {
                throw refuse(Reason.SIGNATURE_INVALID, "the proof of possession by " + added.id() + " does not verify");
            }
        }
    }

    /**
     * The registrar authorising a citizen DID's recovery, when the update is signed by another DID's key rather
     * than the citizen's own: a citizen who lost their last device can sign nothing, so a registrar (an agency
     * accredited for {@link Accreditations#CITIZEN_ENROLMENT} when the update commits) that has proofed the
     * person's identity again signs instead, with a capabilityInvocation key of its own current document. The
     * ledger does not hold citizens' regions (privacy), so which region's registrar may do it is the enrolling
     * service's check. Null when no other DID signed (the citizen's own keys must then authorise the update).
     */
    private static Did recoveringRegistrar(SignedTransaction signed, LedgerState state, Instant at, Did citizen,
                                           VerifiedSignatures signatures) {
        Did registrar = null;
        for (TransactionSignature signature : signed.signatures()) {
            Did signer = didOf(signature);
            if (signer.equals(citizen)) continue;
            if (registrar != null && !registrar.equals(signer)) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "only one registrar signs a recovery of " + citizen
                    + ", not both " + registrar + " and " + signer);
            }
            DidHistory history = liveDid(state, signer);
            VerificationMethod method = history.current().document().verificationMethod(
                signature.verificationMethod()).orElseThrow(() -> refuse(Reason.SIGNER_NOT_AUTHORIZED,
                    signature.verificationMethod() + " is not a key of the current document of " + signer));
            if (!history.current().document().authorizes(method.id(), Relationship.CAPABILITY_INVOCATION)
                    || !history.keyValidAt(method.id(), at)) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, method.id() + " is not a current capabilityInvocation "
                    + "key of " + signer);
            }
            if (!signatures.verify(method.id(), keyOf(method), signed.payload(), signature.signature())) {
                throw refuse(Reason.SIGNATURE_INVALID, "the signature by " + method.id() + " does not verify");
            }
            if (!state.isAccreditedForType(signer, Accreditations.CITIZEN_ENROLMENT, at)) {
                throw refuse(Reason.NOT_ACCREDITED, signer + " is not accredited for "
                    + Accreditations.CITIZEN_ENROLMENT + " and cannot authorise the recovery of " + citizen);
            }
            registrar = signer;
        }
        return registrar;
    }

    /**
     * A recovery may only take keys out and add keys whose holders sign too (the citizen's new device): it cannot
     * touch anything else in the document, nor recover an accredited agency or root, whose own keys answer for it.
     */
    private static void requireRecoveryOnly(Transaction.DidUpdate u, DidDocument current, Did registrar,
                                            LedgerState state) {
        if (state.genesis().nationalRoot().id().equals(u.did())
                || !state.grants(g -> g.grant().subject().equals(u.did())).isEmpty()) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, u.did() + " is an accredited agency or root: only its own "
                + "capabilityInvocation keys update it, not a registrar");
        }
        for (VerificationMethod method : u.document().verificationMethods()) {
            Optional<VerificationMethod> before = current.verificationMethod(method.id());
            if (before.isPresent() && !before.get().equals(method)) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "a recovery by " + registrar + " cannot change the key "
                    + method.id() + "; it may only remove keys and add new ones");
            }
            if (before.isEmpty() && method.key() == null) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "a recovery by " + registrar + " adds only signature keys "
                    + "whose holders sign the update, not " + method.id());
            }
        }
        if (!withoutKeys(current).equals(withoutKeys(u.document()))) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "a recovery by " + registrar + " may only remove keys and "
                + "add new ones, not change the rest of " + u.did() + "'s document");
        }
    }

    /** The document's JSON without its keys and relationships: what a recovery must leave as it was. */
    private static ObjectNode withoutKeys(DidDocument document) {
        ObjectNode json = document.json();
        json.remove("verificationMethod");
        for (Relationship relationship : Relationship.values()) json.remove(relationship.property());
        return json;
    }

    private static Did didOf(TransactionSignature signature) {
        try {
            return DidUrl.parse(signature.verificationMethod()).did();
        } catch (FormatException e) {
            throw refuse(Reason.MALFORMED, "signature verification method: " + e.getMessage());
        }
    }

    private static void grant(SignedTransaction signed, Transaction.AccreditationGrant g, LedgerState state,
                              Instant at, VerifiedSignatures signatures) {
        if (g.credentialTypes().isEmpty() || g.regions().isEmpty()) {
            throw refuse(Reason.MALFORMED, "an accreditation names at least one credential type and one region");
        }
        for (String region : g.regions()) {
            if (!Regions.isValid(region)) {
                throw refuse(Reason.MALFORMED, "region '" + region + "' is not a six-digit GB/T 2260 code");
            }
        }
        if (g.validUntil() != null && !g.validUntil().isAfter(g.validFrom())) {
            throw refuse(Reason.MALFORMED, "validUntil must be after validFrom");
        }
        liveDid(state, g.subject());
        liveDid(state, g.accreditor());
        requireSigner(signed, state, at, g.accreditor(), Relationship.ASSERTION_METHOD, "accredit", signatures);
        Did nationalRoot = state.genesis().nationalRoot().id();
        if (g.tier() == Transaction.Tier.PROVINCIAL_ROOT) {
            if (!g.accreditor().equals(nationalRoot)) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "only the national root (" + nationalRoot
                    + ") accredits provincial roots");
            }
            return;
        }
        for (String type : g.credentialTypes()) {
            for (String region : g.regions()) {
                if (!state.isProvincialRootAt(g.accreditor(), type, region, at)) {
                    throw refuse(Reason.NOT_ACCREDITED, g.accreditor() + " is not a provincial root for " + type
                        + " in region " + region + " and cannot accredit it");
                }
            }
        }
    }

    private static void withdrawal(SignedTransaction signed, Transaction.AccreditationWithdrawal w,
                                   LedgerState state, Instant at, VerifiedSignatures signatures) {
        Grant grant = state.grant(w.grant()).orElseThrow(() -> refuse(Reason.REFERENCE_NOT_FOUND,
            "no accreditation grant with transaction hash " + w.grant()));
        if (grant.isWithdrawn()) {
            throw refuse(Reason.CONFLICT, "that accreditation was already withdrawn at " + grant.withdrawnAt());
        }
        Did nationalRoot = state.genesis().nationalRoot().id();
        if (!w.accreditor().equals(grant.grant().accreditor()) && !w.accreditor().equals(nationalRoot)) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "only the accreditor " + grant.grant().accreditor()
                + " or the national root may withdraw this accreditation");
        }
        requireSigner(signed, state, at, w.accreditor(), Relationship.ASSERTION_METHOD, "withdraw an accreditation",
            signatures);
    }

    private static void schema(SignedTransaction signed, Transaction.SchemaRegistration s, LedgerState state,
                               Instant at, VerifiedSignatures signatures) {
        liveDid(state, s.registrant());
        requireSigner(signed, state, at, s.registrant(), Relationship.ASSERTION_METHOD, "register a schema",
            signatures);
        if (!state.isAccreditedForType(s.registrant(), s.typeId(), at)) {
            throw refuse(Reason.NOT_ACCREDITED, s.registrant() + " is not accredited for " + s.typeId()
                + " and cannot register its schema");
        }
        state.schema(s.typeId(), s.version()).ifPresent(existing -> {
            throw refuse(Reason.CONFLICT, s.typeId() + " version " + s.version() + " is already registered (by "
                + existing.registration().registrant() + "); register a new version instead");
        });
    }

    private static DidHistory liveDid(LedgerState state, Did did) {
        DidHistory history = state.did(did).orElseThrow(() -> refuse(Reason.REFERENCE_NOT_FOUND,
            did + " is not on the ledger"));
        if (history.isDeactivated()) {
            throw refuse(Reason.CONFLICT, did + " was deactivated at " + history.deactivation().validFrom());
        }
        return history;
    }

    private static void requireHead(DidHistory history, String previous) {
        if (!history.head().toString().equals(previous)) {
            throw refuse(Reason.STALE_VERSION, history.did() + " changed since the version this transaction "
                + "builds on; resolve it again and rebuild the transaction on version " + history.head());
        }
    }

    /**
     * At least one signature must be by a key of {@code author}'s current document, authorised for the
     * relationship and not cut off by a compromise; every signature by one of its keys must verify.
     */
    private static void requireSigner(SignedTransaction signed, LedgerState state, Instant at, Did author,
                                      Relationship relationship, String action, VerifiedSignatures signatures) {
        requireSigner(signed, state, at, author, relationship, action, null, signatures);
    }

    /**
     * As above; signatures by keys of {@code newDocument} that the current document lacks are left to the
     * caller (proofs of possession of keys an update adds).
     */
    private static void requireSigner(SignedTransaction signed, LedgerState state, Instant at, Did author,
                                      Relationship relationship, String action, DidDocument newDocument,
                                      VerifiedSignatures signatures) {
        DidHistory history = liveDid(state, author);
        DidDocument document = history.current().document();
        boolean authorised = false;
        List<String> foreign = new ArrayList<>();
        for (TransactionSignature signature : signed.signatures()) {
            DidUrl url;
            try {
                url = DidUrl.parse(signature.verificationMethod());
            } catch (FormatException e) {
                throw refuse(Reason.MALFORMED, "signature verification method: " + e.getMessage());
            }
            if (!url.did().equals(author)) {
                foreign.add(signature.verificationMethod());
                continue;
            }
            if (document.verificationMethod(signature.verificationMethod()).isEmpty() && newDocument != null
                    && newDocument.verificationMethod(signature.verificationMethod()).isPresent()) {
                continue;
            }
            VerificationMethod method = document.verificationMethod(signature.verificationMethod())
                .orElseThrow(() -> refuse(Reason.SIGNER_NOT_AUTHORIZED, signature.verificationMethod()
                    + " is not a key of the current document of " + author));
            if (!history.keyValidAt(method.id(), at)) {
                throw refuse(Reason.SIGNER_NOT_AUTHORIZED, method.id() + " was reported compromised and no longer "
                    + "signs for " + author);
            }
            if (!signatures.verify(method.id(), keyOf(method), signed.payload(), signature.signature())) {
                throw refuse(Reason.SIGNATURE_INVALID, "the signature by " + method.id() + " does not verify");
            }
            if (document.authorizes(method.id(), relationship)) authorised = true;
        }
        if (!authorised) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, "to " + action + ", " + author + " must sign with a key listed "
                + "under " + relationship.property() + " in its current document"
                + (foreign.isEmpty() ? "" : " (signatures by other DIDs do not count: " + foreign + ")"));
        }
    }

    private static VerificationKey keyOf(VerificationMethod method) {
        try {
            return method.signatureKey();
        } catch (FormatException e) {
            throw refuse(Reason.SIGNER_NOT_AUTHORIZED, method.id() + " is not a signature key");
        }
    }

    private static LedgerException refuse(Reason reason, String message) {
        return new LedgerException(reason, message);
    }
}
