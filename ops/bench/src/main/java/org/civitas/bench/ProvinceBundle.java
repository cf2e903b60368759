package org.civitas.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.DidDocument;
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
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.BundleContents;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleWriter;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A province-sized trust bundle, generated: a national root, a provincial root, {@code issuers} agencies, each
 * with a revocation and a suspension list of 131,072 entries holding its share of {@code credentials}, a fraction
 * of them revoked; the entries sit at spread-out indexes of a ledger of {@code treeSize} entries (the rest of the
 * ledger — citizens' DIDs and older anchors — is not in the bundle). Then one day later: {@code dailyRevocations}
 * more revocations, each changed list re-published once, the ledger grown by {@code dailyGrowth} entries.
 *
 * <p>The ledger outside the bundle's entries is modelled by {@link VirtualTree}: a complete subtree with none of the
 * bundle's entries gets a pseudo-random hash, as real unknown leaves would give, so proofs have their real length
 * and share exactly what real proofs share.
 */
public final class ProvinceBundle {

    static final int LIST_LENGTH = 131_072;
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    final SigningKey publisher = SigningKey.generate(KeyType.ED25519).signingKey();
    final LedgerHash hash = LedgerHash.SHA_256;
    final Map<String, SigningKey> nodes = new LinkedHashMap<>();
    final LedgerTrust trust;
    final BundleContents day0;
    final BundleContents day1;
    final ConsistencyProof consistency;
    final int revokedAtStart;
    final int changedLists;

    /**
     * The measured setting: a ledger of 50 million entries growing by 200,000 a day, a year of revocations at
     * 0.01% a day already in the lists (3.65%), and one more day of them.
     */
    static ProvinceBundle standard(int issuers, long credentials) {
        return new ProvinceBundle(issuers, credentials, 0.0365, (int) (credentials / 10_000), 50_000_000L, 200_000L, 7);
    }

    /**
     * @param issuers          agencies
     * @param credentials      credentials across them (each has a revocation and a suspension entry)
     * @param revokedFraction  the share already revoked on day 0
     * @param dailyRevocations revocations during the day
     * @param treeSize         ledger entries on day 0
     * @param dailyGrowth      ledger entries added during the day
     */
    ProvinceBundle(int issuers, long credentials, double revokedFraction, int dailyRevocations, long treeSize,
                   long dailyGrowth, long seed) {
        Random random = new Random(seed);
        for (String id : List.of("node-1", "node-2", "node-3")) nodes.put(id, SigningKey.generate(KeyType.ED25519).signingKey());
        Actor national = new Actor();
        List<Transaction.Node> named = new ArrayList<>();
        nodes.forEach((id, key) -> named.add(new Transaction.Node(id, key.verificationKey())));
        SignedTransaction genesis = national.sign(new Transaction.Genesis("province", hash, named, 2, national.document,
            T0, "genesis"));
        trust = LedgerTrust.fromGenesis(genesis);

        List<SignedTransaction> day0Txs = new ArrayList<>();
        Actor province = new Actor();
        day0Txs.add(province.sign(new Transaction.DidCreate(province.document, "p")));
        day0Txs.add(national.sign(new Transaction.AccreditationGrant(national.did(), province.did(),
            Transaction.Tier.PROVINCIAL_ROOT, List.of("*"), List.of("310000"), T0, null, "p")));
        List<Actor> agencies = new ArrayList<>();
        List<String> types = List.of("VaccinationCertificate", "MedicalCertificate", "EHealthCard", "Diploma",
            "AcademicTranscript", "PropertyOwnershipCertificate", "ResidencePermit");
        List<ObjectNode> schemas = new ArrayList<>();
        for (int i = 0; i < issuers; i++) {
            Actor agency = new Actor();
            agencies.add(agency);
            day0Txs.add(agency.sign(new Transaction.DidCreate(agency.document, "a" + i)));
            day0Txs.add(province.sign(new Transaction.AccreditationGrant(province.did(), agency.did(),
                Transaction.Tier.AGENCY, List.of(types.get(i % types.size())), List.of(String.format("3101%02d", 1 + i % 16)),
                T0, null, "g" + i)));
            if (i < types.size()) {
                ObjectNode schema = IJson.mapper().createObjectNode().put("$id", "urn:civitas:schema:" + types.get(i) + ":1")
                    .put("type", "object");
                schema.putObject("properties").putObject("name").put("type", "string");
                schemas.add(schema);
                day0Txs.add(agency.sign(new Transaction.SchemaRegistration(agency.did(), types.get(i), "1",
                    Digest.of(hash.digest(Jcs.canonicalize(schema))), "s" + i)));
            }
        }
        long perIssuer = credentials / issuers;
        if (perIssuer > LIST_LENGTH) throw new IllegalArgumentException("one list per purpose holds " + LIST_LENGTH);
        Map<String, ObjectNode> lists = new LinkedHashMap<>();
        Map<String, StatusBits.Builder> revocation = new LinkedHashMap<>();
        Map<String, Actor> owners = new HashMap<>();
        Map<String, long[]> versions = new HashMap<>();
        int revoked = 0;
        for (int i = 0; i < issuers; i++) {
            Actor agency = agencies.get(i);
            for (StatusPurpose purpose : List.of(StatusPurpose.REVOCATION, StatusPurpose.SUSPENSION)) {
                String url = "https://issuer.example/status-lists/" + agency.did().methodSpecificId() + "-"
                    + purpose.value() + "-1";
                StatusBits.Builder bits = StatusBits.builder(LIST_LENGTH, 1);
                if (purpose == StatusPurpose.REVOCATION) {
                    // the issuer allocates random indexes, so revoked credentials are spread over the whole list
                    for (long c = 0; c < perIssuer; c++) {
                        if (random.nextDouble() < revokedFraction) {
                            bits.set(random.nextInt(LIST_LENGTH), 1);
                            revoked++;
                        }
                    }
                    revocation.put(url, bits);
                }
                owners.put(url, agency);
                versions.put(url, new long[] {1});
                ObjectNode signed = signList(agency, url, purpose, bits, T0.plusSeconds(3600));
                lists.put(url, signed);
                day0Txs.add(agency.sign(new Transaction.StatusListAnchoring(agency.did(), url, 1,
                    Digest.of(hash.digest(Jcs.canonicalize(signed))), "l" + url)));
            }
        }
        revokedAtStart = revoked;

        // Place genesis at 0 and the rest at spread-out indexes of the day-0 tree.
        TreeMap<Long, LedgerEntry> placed = new TreeMap<>();
        placed.put(0L, LedgerEntry.of(0, T0, genesis));
        long stride = (treeSize - 1) / day0Txs.size();
        for (int i = 0; i < day0Txs.size(); i++) {
            long index = 1 + i * stride + (long) (random.nextDouble() * Math.max(1, stride - 1));
            placed.put(index, LedgerEntry.of(index, T0.plusSeconds(i), day0Txs.get(i)));
        }
        Instant head0Time = T0.plus(Duration.ofHours(6));
        day0 = contents(1, placed, treeSize, 0, head0Time, lists, schemas);

        // One day: revocations spread over the issuers; each changed list re-published once, its anchor new.
        Map<String, Boolean> changed = new LinkedHashMap<>();
        List<String> urls = new ArrayList<>(revocation.keySet());
        for (int r = 0; r < dailyRevocations; r++) {
            String url = urls.get(random.nextInt(urls.size()));
            revocation.get(url).set(random.nextInt(LIST_LENGTH), 1);
            changed.put(url, true);
        }
        changedLists = changed.size();
        long size1 = treeSize + dailyGrowth;
        long stride1 = dailyGrowth / Math.max(1, changed.size());
        int n = 0;
        for (String url : changed.keySet()) {
            Actor agency = owners.get(url);
            long version = ++versions.get(url)[0];
            ObjectNode signed = signList(agency, url, StatusPurpose.REVOCATION, revocation.get(url),
                T0.plus(Duration.ofHours(30)));
            lists.put(url, signed);
            long index = treeSize + n * stride1;
            placed.put(index, LedgerEntry.of(index, T0.plus(Duration.ofHours(29)), agency.sign(
                new Transaction.StatusListAnchoring(agency.did(), url, version,
                    Digest.of(hash.digest(Jcs.canonicalize(signed))), "d" + url))));
            n++;
        }
        day1 = contents(2, placed, size1, treeSize, T0.plus(Duration.ofHours(30)), lists, schemas);
        VirtualTree tree = new VirtualTree(hash, placed, treeSize);
        consistency = new ConsistencyProof(treeSize, size1, tree.consistency(treeSize, size1));
    }

    private BundleContents contents(long version, TreeMap<Long, LedgerEntry> placed, long size, long earlierSize,
                                    Instant time, Map<String, ObjectNode> lists, List<ObjectNode> schemas) {
        TreeMap<Long, LedgerEntry> inTree = new TreeMap<>(placed.headMap(size));
        VirtualTree tree = new VirtualTree(hash, inTree, earlierSize);
        TreeHead head = new TreeHead(trust.ledgerId(), size, tree.root(size), time, hash);
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        nodes.forEach((id, key) -> signatures.put(id, key.sign(head.signingInput())));
        SignedTreeHead signed = new SignedTreeHead(head, signatures);
        // the bundle carries the latest anchor of each list only; superseded ones stay leaves of the tree
        Map<String, Long> latest = new HashMap<>();
        for (LedgerEntry e : inTree.values()) {
            if (e.transaction() instanceof Transaction.StatusListAnchoring a) latest.put(a.listId(), e.index());
        }
        List<ProvenEntry> proven = new ArrayList<>();
        for (LedgerEntry e : inTree.values()) {
            if (e.transaction() instanceof Transaction.StatusListAnchoring a && latest.get(a.listId()) != e.index()) {
                continue;
            }
            proven.add(new ProvenEntry(e, new InclusionProof(e.index(), size, tree.path(e.index(), size)), signed));
        }
        return new BundleContents(version, time, signed, proven, new ArrayList<>(lists.values()), schemas,
            JsonLdContexts.bundledSha256(), Map.of(TrustBundle.ANY_TYPE, Duration.ofHours(24)));
    }

    private static ObjectNode signList(Actor agency, String url, StatusPurpose purpose, StatusBits.Builder bits,
                                       Instant at) {
        ObjectNode unsigned = StatusListCredential.builder().id(url).issuer(agency.did().toString()).validFrom(at)
            .statusPurpose(purpose).bits(bits).buildUnsigned();
        return DataIntegrity.sign(unsigned, ProofOptions.builder("eddsa-jcs-2022", agency.keyId).created(at).build(),
            agency.key);
    }

    BundleAnchors anchors() { return BundleAnchors.of(trust, publisher.verificationKey()); }

    byte[] fullBundle(BundleContents contents) { return new TrustBundleWriter(publisher).full(contents); }

    byte[] delta() { return new TrustBundleWriter(publisher).delta(day0, day1, consistency); }

    Instant day0Now() { return day0.head().head().timestamp().plusSeconds(60); }

    Instant day1Now() { return day1.head().head().timestamp().plusSeconds(60); }

    private static final class Actor {
        final SigningKey key = SigningKey.generate(KeyType.ED25519).signingKey();
        final DidDocument document = CivitasDid.initialDocument(key.verificationKey());
        final String keyId = document.id() + "#key-0";

        org.civitas.sdk.did.Did did() { return document.id(); }

        SignedTransaction sign(Transaction tx) { return SignedTransaction.sign(tx, Map.of(keyId, key)); }
    }

    /**
     * An RFC 9162 tree of which only some leaves are known: a complete subtree holding none of them gets a
     * pseudo-random hash derived from its position, as unknown leaves would give. Hashes are memoised, so the
     * work is proportional to the known leaves times the tree height.
     */
    static final class VirtualTree extends RecursiveTree {
        private final LedgerHash hash;
        private final TreeMap<Long, LedgerEntry> known;
        private final Map<ByteBuffer, byte[]> memo = new HashMap<>();
        private final long[] earlierSizes;

        /**
         * @param earlierSizes sizes of earlier heads this tree must be consistent with: a subtree straddling one is
         *                     built from its parts, exactly as the earlier tree built them
         */
        VirtualTree(LedgerHash hash, TreeMap<Long, LedgerEntry> known, long... earlierSizes) {
            this.hash = hash;
            this.known = known;
            this.earlierSizes = earlierSizes.clone();
        }

        byte[] root(long size) { return mth(0, size); }

        List<byte[]> path(long m, long size) {
            List<byte[]> out = new ArrayList<>();
            path(m, 0, size, out);
            return out;
        }

        List<byte[]> consistency(long first, long size) {
            List<byte[]> out = new ArrayList<>();
            subproof(first, 0, size, true, out);
            return out;
        }

        @Override
        byte[] mth(long from, long to) {
            long n = to - from;
            if (n == 1) {
                LedgerEntry e = known.get(from);
                return e != null ? e.leafHash(hash) : filler(from, 1);
            }
            boolean empty = known.subMap(from, to).isEmpty();
            if (empty && Long.bitCount(n) == 1 && !straddles(from, to)) return filler(from, n);
            ByteBuffer key = ByteBuffer.allocate(16).putLong(from).putLong(to);
            key.flip();
            byte[] cached = memo.get(key);
            if (cached != null) return cached;
            long k = split(n);
            byte[] h = hash.nodeHash(mth(from, from + k), mth(from + k, to));
            memo.put(key, h);
            return h;
        }

        private boolean straddles(long from, long to) {
            for (long size : earlierSizes) if (from < size && size < to) return true;
            return false;
        }

        private byte[] filler(long from, long n) {
            return hash.digest(ByteBuffer.allocate(17).put((byte) 0x7f).putLong(from).putLong(n).array());
        }
    }
}
