package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.Relationship;
import org.civitas.sdk.jcs.IJson;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.Digest;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.ReferenceTree;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TreeHead;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofOptions;
import org.civitas.sdk.status.StatusBits;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.sdk.status.StatusPurpose;
import org.civitas.sdk.suite.JsonLdContexts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ledger in memory for bundle tests: entries appended one by one (already valid: the ledger's rules are
 * did-ledger's business), heads signed by two of three node keys, inclusion and consistency proofs from the RFC 9162
 * reference tree. Also builds what a publisher puts in a bundle.
 */
final class TestLedger {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final String REGION = "310115";
    static final String TYPE = "VaccinationCertificate";

    /** A party with a did:civitas DID and its current signing key. */
    static final class Actor {
        SigningKey key;
        String keyId;
        DidDocument document;
        Digest head;

        Actor(KeyType type) {
            key = SigningKey.generate(type).signingKey();
            document = CivitasDid.initialDocument(key.verificationKey());
            keyId = document.id() + "#key-0";
        }

        org.civitas.sdk.did.Did did() { return document.id(); }

        SignedTransaction sign(Transaction tx) { return SignedTransaction.sign(tx, Map.of(keyId, key)); }
    }

    final LedgerHash hash = LedgerHash.SHA_256;
    final Map<String, SigningKey> nodes = new LinkedHashMap<>();
    final Actor national = new Actor(KeyType.ED25519);
    final Actor province = new Actor(KeyType.SM2);
    final Actor agency = new Actor(KeyType.ED25519);
    final SigningKey publisher = SigningKey.generate(KeyType.ED25519).signingKey();
    final List<LedgerEntry> entries = new ArrayList<>();
    final List<byte[]> leaves = new ArrayList<>();
    final LedgerTrust trust;
    final ObjectNode schema;
    final Map<String, ObjectNode> lists = new LinkedHashMap<>();
    Instant now = T0;

    TestLedger() {
        for (String id : List.of("n1", "n2", "n3")) nodes.put(id, SigningKey.generate(KeyType.ED25519).signingKey());
        List<Transaction.Node> named = new ArrayList<>();
        nodes.forEach((id, key) -> named.add(new Transaction.Node(id, key.verificationKey())));
        SignedTransaction genesis = national.sign(new Transaction.Genesis("test", hash, named, 2, national.document,
            T0, nonce()));
        append(genesis);
        national.head = genesis.hash(hash);
        trust = LedgerTrust.fromGenesis(genesis);
        create(province);
        create(agency);
        grant(national, province, Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of("310000"));
        grant(province, agency, Transaction.Tier.AGENCY, List.of(TYPE), List.of("310100"));
        schema = IJson.mapper().createObjectNode().put("$id", "urn:civitas:schema:" + TYPE + ":1")
            .put("title", TYPE).put("type", "object");
        append(agency.sign(new Transaction.SchemaRegistration(agency.did(), TYPE, "1",
            Digest.of(hash.digest(Jcs.canonicalize(schema))), nonce())));
        publishList("https://issuer.example/status/a-revocation-1", 1, new int[0]);
    }

    static String nonce() { return UUID.randomUUID().toString(); }

    LedgerEntry append(SignedTransaction tx) {
        now = now.plusSeconds(60);
        LedgerEntry entry = LedgerEntry.of(entries.size(), now, tx);
        entries.add(entry);
        leaves.add(entry.leafData());
        return entry;
    }

    void create(Actor actor) {
        SignedTransaction tx = actor.sign(new Transaction.DidCreate(actor.document, nonce()));
        append(tx);
        actor.head = tx.hash(hash);
    }

    LedgerEntry grant(Actor from, Actor to, Transaction.Tier tier, List<String> types, List<String> regions) {
        return append(from.sign(new Transaction.AccreditationGrant(from.did(), to.did(), tier, types, regions,
            T0, null, nonce())));
    }

    LedgerEntry withdraw(Actor by, LedgerEntry grant) {
        return append(by.sign(new Transaction.AccreditationWithdrawal(by.did(), grant.signedTransaction().hash(hash),
            "licence suspended", nonce())));
    }

    /** Replaces the agency's key, reporting the old one compromised since {@code since}. */
    SigningKey rotateAgencyKey(Instant since) {
        SigningKey next = SigningKey.generate(KeyType.ED25519).signingKey();
        String did = agency.did().toString();
        ObjectNode json = agency.document.json();
        ArrayNode methods = json.putArray("verificationMethod");
        methods.addObject().put("id", did + "#key-1").put("type", "Multikey").put("controller", did)
            .put("publicKeyMultibase", next.verificationKey().toMultibase());
        for (Relationship r : new Relationship[] {Relationship.AUTHENTICATION, Relationship.ASSERTION_METHOD,
                Relationship.CAPABILITY_INVOCATION, Relationship.CAPABILITY_DELEGATION}) {
            json.putArray(r.property()).add(did + "#key-1");
        }
        DidDocument rotated;
        try {
            rotated = DidDocument.of(json);
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
        SignedTransaction tx = SignedTransaction.sign(new Transaction.DidUpdate(rotated, agency.head,
            List.of(new Transaction.KeyRevocation(agency.keyId, since)), nonce()), Map.of(agency.keyId, agency.key))
            .withSignature(did + "#key-1", next);
        append(tx);
        agency.head = tx.hash(hash);
        agency.key = next;
        agency.keyId = did + "#key-1";
        agency.document = rotated;
        return next;
    }

    /** Signs version {@code version} of a revocation list with the given bits set, and anchors it. */
    LedgerEntry publishList(String url, long version, int[] revoked) {
        StatusBits.Builder bits = StatusBits.builder(131_072, 1);
        for (int i : revoked) bits.set(i, 1);
        Instant issued = now.plusSeconds(1);
        ObjectNode unsigned = StatusListCredential.builder().id(url).issuer(agency.did().toString())
            .validFrom(issued).statusPurpose(StatusPurpose.REVOCATION).bits(bits).buildUnsigned();
        ObjectNode signed = DataIntegrity.sign(unsigned,
            ProofOptions.builder("eddsa-jcs-2022", agency.keyId).created(issued).build(), agency.key);
        lists.put(url, signed);
        return append(agency.sign(new Transaction.StatusListAnchoring(agency.did(), url, version,
            Digest.of(hash.digest(Jcs.canonicalize(signed))), nonce())));
    }

    SignedTreeHead head() { return head(2); }

    /** The current head, signed by the first {@code signers} nodes. */
    SignedTreeHead head(int signers) {
        TreeHead head = new TreeHead(trust.ledgerId(), entries.size(), new ReferenceTree(hash, leaves).root(entries.size()),
            now, hash);
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        nodes.entrySet().stream().limit(signers).forEach(n -> signatures.put(n.getKey(),
            n.getValue().sign(head.signingInput())));
        return new SignedTreeHead(head, signatures);
    }

    ConsistencyProof consistency(long from, long to) {
        return new ConsistencyProof(from, to, new ReferenceTree(hash, leaves).consistency((int) from, (int) to));
    }

    /** Every entry but the last anchor of each list superseded, proven against {@code head}. */
    BundleContents contents(long version, SignedTreeHead head) {
        ReferenceTree tree = new ReferenceTree(hash, leaves.subList(0, (int) head.head().treeSize()));
        Map<String, Long> latestAnchor = new LinkedHashMap<>();
        for (LedgerEntry e : entries.subList(0, (int) head.head().treeSize())) {
            if (e.transaction() instanceof Transaction.StatusListAnchoring a) latestAnchor.put(a.listId(), e.index());
        }
        List<ProvenEntry> proven = new ArrayList<>();
        for (LedgerEntry e : entries.subList(0, (int) head.head().treeSize())) {
            if (e.transaction() instanceof Transaction.StatusListAnchoring a
                    && latestAnchor.get(a.listId()) != e.index()) continue;
            proven.add(new ProvenEntry(e, new InclusionProof(e.index(), head.head().treeSize(),
                tree.path((int) e.index(), (int) head.head().treeSize())), head));
        }
        return new BundleContents(version, head.head().timestamp(), head, proven, List.copyOf(lists.values()),
            List.of(schema), JsonLdContexts.bundledSha256(), Map.of(TrustBundle.ANY_TYPE, Duration.ofHours(24),
                TYPE, Duration.ofDays(3)));
    }

    BundleAnchors anchors() { return BundleAnchors.of(trust, publisher.verificationKey()); }

    byte[] bundle(long version) { return new TrustBundleWriter(publisher).full(contents(version, head())); }
}
