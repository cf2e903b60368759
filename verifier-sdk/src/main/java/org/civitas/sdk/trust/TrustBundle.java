package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.jcs.Jcs;
import org.civitas.sdk.ledger.ConsistencyProof;
import org.civitas.sdk.ledger.InclusionProof;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TreeHead;
import org.civitas.sdk.ledger.state.Accreditations;
import org.civitas.sdk.ledger.state.DidHistory;
import org.civitas.sdk.ledger.state.DidResolution;
import org.civitas.sdk.proof.DataIntegrity;
import org.civitas.sdk.proof.ProofExpectations;
import org.civitas.sdk.status.StatusListCredential;
import org.civitas.sdk.suite.JsonLdContexts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed trust bundle, checked in full when loaded (docs/trust-bundle.md): the publisher's signature, the
 * ledger head's quorum of node signatures, that the head is of the pinned ledger, not older than the maximum
 * bundle age and not behind what was accepted before, every entry's inclusion proof against the head, every
 * status list against the digest of its latest ledger anchor and its issuer's proof, every schema against a
 * registered digest, and every allowed JSON-LD context against the copy this SDK ships. Everything it answers
 * was proven then, so verification needs no network. Immutable and thread-safe; {@link #applyDelta} returns a
 * new bundle.
 */
public final class TrustBundle implements TrustView {

    /** In {@code maxStatusAge}, the entry that applies to every type not named. */
    public static final String ANY_TYPE = "*";
    /** The status age allowed when a bundle names none for a type: a day. */
    public static final Duration DEFAULT_MAX_STATUS_AGE = Duration.ofHours(24);

    private final BundleAnchors anchors;
    private final long version;
    private final Instant issuedAt;
    private final SignedTreeHead head;
    private final LedgerRecords records;
    private final Map<String, VerifiedStatusList> statusLists;
    private final Map<String, ObjectNode> schemas;
    private final Map<String, String> contexts;
    private final Map<String, Duration> maxStatusAge;
    private final DidResolver resolver;

    private TrustBundle(BundleAnchors anchors, Header header, LedgerRecords records,
                        Map<String, VerifiedStatusList> statusLists, Map<String, ObjectNode> schemas) {
        this.anchors = anchors;
        this.version = header.version;
        this.issuedAt = header.issuedAt;
        this.head = header.head;
        this.records = records;
        this.statusLists = Collections.unmodifiableMap(statusLists);
        this.schemas = Collections.unmodifiableMap(schemas);
        this.contexts = header.contexts;
        this.maxStatusAge = header.maxStatusAge;
        this.resolver = new BundleDidResolver(records.dids);
    }

    /**
     * Loads and checks a full bundle file.
     *
     * @param anchors what this verifier pins: ledger, publisher key, the newest version and tree size accepted,
     *                the maximum bundle age
     * @param now     the verifier's clock, for the age check
     * @throws TrustBundleException with the refusal code and a reason when any check fails
     */
    public static TrustBundle load(byte[] file, BundleAnchors anchors, Instant now) throws TrustBundleException {
        ObjectNode body = BundleFile.open(file, BundleFile.Kind.FULL, anchors.publisher());
        Header header = Header.read(body);
        checkHead(header, anchors, now);
        if (header.version < anchors.lastVersion() || header.head.head().treeSize() < anchors.lastTreeSize()) {
            throw TrustBundleException.of(Refusal.ROLLED_BACK, "This bundle (version " + header.version
                    + ", ledger size " + header.head.head().treeSize() + ") is older than one already accepted (version "
                    + anchors.lastVersion() + ", ledger size " + anchors.lastTreeSize() + ")",
                "该信任包（版本 " + header.version + "）比已接受的信任包（版本 " + anchors.lastVersion() + "）更旧");
        }
        BundleFile.Nodes nodes = BundleFile.Nodes.parse(body.get("nodes"));
        LedgerTrust ledger = anchors.ledger();
        List<LedgerEntry> entries = provenEntries(body.get("entries"), nodes, header.head.head(), ledger.hash());
        LedgerRecords records = LedgerRecords.fold(entries, ledger.ledgerId(), ledger.hash());
        BundleDidResolver resolver = new BundleDidResolver(records.dids);
        Map<String, VerifiedStatusList> lists = statusLists(body.get("statusLists"), records, resolver, ledger.hash(),
            now, new HashMap<>());
        Map<String, ObjectNode> schemas = schemas(body.get("schemas"), records, ledger.hash(), new HashMap<>());
        requireAnchoredListsPresent(records, lists);
        return new TrustBundle(anchors, header, records, lists, schemas);
    }

    /**
     * Applies a delta file to this bundle and returns the new bundle; this one is unchanged. The delta must start
     * at this bundle's version, its head must be trusted, fresh and consistent with this bundle's head (RFC 9162
     * consistency proof), and everything it adds is checked as on {@link #load}.
     *
     * @throws TrustBundleException with the refusal code and a reason when any check fails
     */
    public TrustBundle applyDelta(byte[] delta, Instant now) throws TrustBundleException {
        ObjectNode body = BundleFile.open(delta, BundleFile.Kind.DELTA, anchors.publisher());
        Header header = Header.read(body);
        long from = Header.number(body, "fromVersion");
        if (from != version || header.version <= version) {
            throw TrustBundleException.of(Refusal.DELTA_MISMATCH, "This delta goes from version " + from + " to "
                    + header.version + ", but the bundle held is version " + version
                    + "; fetch the delta since version " + version + " or a full bundle",
                "该增量从版本 " + from + " 到 " + header.version + "，而当前信任包为版本 " + version
                    + "；请获取自版本 " + version + " 起的增量或完整信任包");
        }
        checkHead(header, anchors, now);
        BundleFile.Nodes nodes = BundleFile.Nodes.parse(body.get("nodes"));
        checkConsistency(body.get("consistency"), nodes, header.head.head());
        LedgerTrust ledger = anchors.ledger();
        List<LedgerEntry> added = provenEntries(body.get("entries"), nodes, header.head.head(), ledger.hash());
        List<LedgerEntry> all = new ArrayList<>(records.entries.values());
        all.addAll(added);
        LedgerRecords next = LedgerRecords.fold(all, ledger.ledgerId(), ledger.hash());
        BundleDidResolver resolver = new BundleDidResolver(next.dids);
        Map<String, VerifiedStatusList> lists = statusLists(body.get("statusLists"), next, resolver, ledger.hash(),
            now, new HashMap<>(statusLists));
        Map<String, ObjectNode> schemasNow = schemas(body.get("schemas"), next, ledger.hash(), new HashMap<>(schemas));
        requireAnchoredListsPresent(next, lists);
        return new TrustBundle(anchors, header, next, lists, schemasNow);
    }

    /** The bundle version: greater with every build by the publisher. */
    public long version() { return version; }

    /** When the publisher built this version. */
    public Instant issuedAt() { return issuedAt; }

    /** The quorum-signed ledger head everything here is proven against. */
    public SignedTreeHead head() { return head; }

    /** The JSON-LD contexts this bundle allows: URL → SHA-256 (hex) of the file the SDK ships. */
    public Map<String, String> contexts() { return contexts; }

    /** The anchors to keep after accepting this bundle (its version and tree size become the rollback floor). */
    public BundleAnchors anchorsAfterAccepting() { return anchors.accepting(this); }

    @Override public DidResolver resolver() { return resolver; }

    @Override
    public Optional<VerifiedStatusList> statusList(String url) { return Optional.ofNullable(statusLists.get(url)); }

    @Override
    public Accreditation accreditation(Did issuer, String credentialType, String region, Instant at) {
        return Accreditations.evaluate(records.grants, records.nationalRoot(), issuer, credentialType, region, at);
    }

    @Override
    public Optional<ObjectNode> schema(String credentialType, String version) {
        ObjectNode schema = schemas.get(schemaKey(credentialType, version));
        return schema == null ? Optional.empty() : Optional.of(schema.deepCopy());
    }

    @Override
    public Duration maxStatusAge(String credentialType) {
        Duration age = maxStatusAge.get(credentialType);
        if (age == null) age = maxStatusAge.get(ANY_TYPE);
        return age == null ? DEFAULT_MAX_STATUS_AGE : age;
    }

    @Override public Instant asOf() { return head.head().timestamp(); }

    @Override
    public String toString() {
        return "TrustBundle[version " + version + ", " + head.head() + ", " + records.entries.size() + " entries, "
            + statusLists.size() + " status lists]";
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static void checkHead(Header header, BundleAnchors anchors, Instant now) throws TrustBundleException {
        LedgerTrust ledger = anchors.ledger();
        TreeHead h = header.head.head();
        if (!Arrays.equals(h.ledgerId(), ledger.ledgerId())) {
            throw TrustBundleException.of(Refusal.WRONG_LEDGER, "The bundle is of another ledger ("
                    + shortId(h.ledgerId()) + ") than the one this verifier trusts (" + shortId(ledger.ledgerId()) + ")",
                "该信任包来自另一个账本（" + shortId(h.ledgerId()) + "），而非本核验端信任的账本（"
                    + shortId(ledger.ledgerId()) + "）");
        }
        LedgerTrust.HeadCheck check = ledger.check(header.head);
        if (!check.trusted()) throw new TrustBundleException(Refusal.FORGED, check.reason());
        Instant limit = h.timestamp().plus(anchors.maxBundleAge());
        if (now.isAfter(limit)) {
            throw TrustBundleException.of(Refusal.STALE, "The bundle's ledger head is from " + h.timestamp()
                    + ", older than the " + anchors.maxBundleAge().toHours() + " hours allowed; go online and refresh it",
                "信任包的账本树头时间为 " + h.timestamp() + "，已超过允许的 " + anchors.maxBundleAge().toHours()
                    + " 小时；请联网更新");
        }
    }

    /** RFC 9162 §2.1.4.2: the new tree extends the tree of this bundle's head, so no entry was rewritten. */
    private void checkConsistency(JsonNode json, BundleFile.Nodes nodes, TreeHead newHead) throws TrustBundleException {
        TreeHead old = head.head();
        if (!(json instanceof ObjectNode proof)) throw BundleFile.malformed("a delta needs its consistency proof");
        long fromSize = Header.number(proof, "fromSize");
        ConsistencyProof consistency = new ConsistencyProof(fromSize, newHead.treeSize(), nodes.path(proof.get("path")));
        boolean same = fromSize == old.treeSize() && newHead.treeSize() == old.treeSize()
            && Arrays.equals(newHead.rootHash(), old.rootHash());
        if (fromSize != old.treeSize()
                || !(same || consistency.verify(anchors.ledger().hash(), old.rootHash(), newHead.rootHash()))) {
            throw TrustBundleException.of(Refusal.INCONSISTENT, "The delta's ledger head (size " + newHead.treeSize()
                    + ") is not proven to extend the bundle's head (size " + old.treeSize() + "): the ledger history"
                    + " would have been rewritten; keep the current bundle and report it",
                "增量的账本树头（大小 " + newHead.treeSize() + "）未被证明是当前树头（大小 " + old.treeSize()
                    + "）的延续：账本历史可能被改写；请保留当前信任包并报告此问题");
        }
    }

    private static List<LedgerEntry> provenEntries(JsonNode json, BundleFile.Nodes nodes, TreeHead head,
                                                   LedgerHash hash) throws TrustBundleException {
        if (json == null || !json.isArray()) throw BundleFile.malformed("entries must be an array");
        List<JsonNode> items = new ArrayList<>(json.size());
        json.forEach(items::add);
        byte[] root = head.rootHash();
        return inParallel(items, item -> provenEntry(item, nodes, head, hash, root));
    }

    private static LedgerEntry provenEntry(JsonNode item, BundleFile.Nodes nodes, TreeHead head, LedgerHash hash,
                                           byte[] root) throws TrustBundleException {
        JsonNode leaf = item.get("leaf");
        if (leaf == null || !leaf.isTextual()) throw BundleFile.malformed("an entry needs its leaf text");
        LedgerEntry entry;
        try {
            entry = LedgerEntry.parse(leaf.textValue().getBytes(StandardCharsets.UTF_8));
        } catch (FormatException e) {
            throw BundleFile.malformed(e);
        }
        InclusionProof proof = new InclusionProof(entry.index(), head.treeSize(), nodes.path(item.get("path")));
        if (!proof.verify(hash, entry.leafHash(hash), root)) {
            throw TrustBundleException.of(Refusal.NOT_PROVEN, "Ledger entry " + entry.index() + " ("
                    + entry.transaction().type() + ") is not in the signed ledger tree: it was altered or invented",
                "账本条目 " + entry.index() + "（" + entry.transaction().type() + "）不在已签名的账本树中：已被篡改或伪造");
        }
        return entry;
    }

    /** A check of one item that may refuse the whole file. */
    private interface ItemCheck<T, R> {
        R check(T item) throws TrustBundleException;
    }

    /**
     * Checks items on every core (entries and status lists are independent until folded), in their order; the
     * first refusal met is thrown. A province's bundle holds thousands of signed lists, so this halves load time
     * on a two-core phone.
     */
    private static <T, R> List<R> inParallel(List<T> items, ItemCheck<T, R> check) throws TrustBundleException {
        try {
            return items.parallelStream().map(item -> {
                try {
                    return check.check(item);
                } catch (TrustBundleException e) {
                    throw new Refused(e);
                }
            }).collect(java.util.stream.Collectors.toList());
        } catch (Refused e) {
            throw e.refusal;
        }
    }

    /** Carries a refusal out of a parallel stream. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TrustBundleException refusal;

        Refused(TrustBundleException refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }

    private static Map<String, VerifiedStatusList> statusLists(JsonNode json, LedgerRecords records,
                                                               DidResolver resolver, LedgerHash hash, Instant now,
                                                               Map<String, VerifiedStatusList> into)
            throws TrustBundleException {
        if (json == null || !json.isArray()) throw BundleFile.malformed("statusLists must be an array");
        List<JsonNode> items = new ArrayList<>(json.size());
        json.forEach(items::add);
        for (VerifiedStatusList list : inParallel(items, item -> statusList(item, records, resolver, hash, now))) {
            into.put(list.list().id().get(), list);
        }
        return into;
    }

    private static VerifiedStatusList statusList(JsonNode item, LedgerRecords records, DidResolver resolver,
                                                 LedgerHash hash, Instant now) throws TrustBundleException {
        if (!(item instanceof ObjectNode signed)) throw BundleFile.malformed("a status list must be an object");
        StatusListCredential list;
        try {
            list = StatusListCredential.parse(signed);
        } catch (FormatException e) {
            throw BundleFile.malformed(e);
        }
        if (!list.id().isPresent()) throw BundleFile.malformed("a status list credential needs its id");
        String url = list.id().get();
        LedgerRecords.Anchor anchor = records.latestAnchors.get(LedgerRecords.listKey(list.issuer(), url));
        if (anchor == null) {
            throw listMismatch(url, "no ledger anchor by " + list.issuer() + " is in the bundle",
                "信任包中没有 " + list.issuer() + " 的账本锚定");
        }
        byte[] digest = hash.digest(Jcs.canonicalize(signed));
        if (!Arrays.equals(digest, anchor.anchoring().digest().bytes())) {
            throw listMismatch(url, "it does not match the digest of its latest ledger anchor (version "
                + anchor.anchoring().version() + ")", "与其最新账本锚定（版本 " + anchor.anchoring().version() + "）的摘要不符");
        }
        if (!DataIntegrity.verify(signed, ProofExpectations.assertion(), resolver, now).verified()) {
            throw listMismatch(url, "its issuer's proof does not verify", "其签发机构的证明验证失败");
        }
        return new VerifiedStatusList(list, anchor.anchoring().version(), anchor.entry().committedAt());
    }

    /** Every list held must still match the latest anchor: a delta that anchors a new version must carry it. */
    private static void requireAnchoredListsPresent(LedgerRecords records, Map<String, VerifiedStatusList> lists)
            throws TrustBundleException {
        for (Map.Entry<String, VerifiedStatusList> e : lists.entrySet()) {
            LedgerRecords.Anchor anchor = records.latestAnchors.get(
                LedgerRecords.listKey(e.getValue().list().issuer(), e.getKey()));
            if (anchor == null || anchor.anchoring().version() != e.getValue().version()) {
                throw listMismatch(e.getKey(), "the ledger anchors a newer version than the list carried",
                    "账本锚定了比所附列表更新的版本");
            }
        }
    }

    private static TrustBundleException listMismatch(String url, String en, String zh) {
        return TrustBundleException.of(Refusal.STATUS_LIST_MISMATCH, "Status list " + url + " is refused: " + en,
            "状态列表 " + url + " 被拒绝：" + zh);
    }

    private static Map<String, ObjectNode> schemas(JsonNode json, LedgerRecords records, LedgerHash hash,
                                                   Map<String, ObjectNode> into) throws TrustBundleException {
        if (json == null || !json.isArray()) throw BundleFile.malformed("schemas must be an array");
        for (JsonNode item : json) {
            if (!(item instanceof ObjectNode schema)) throw BundleFile.malformed("a schema must be an object");
            byte[] digest = hash.digest(Jcs.canonicalize(schema));
            List<Transaction.SchemaRegistration> registered =
                records.registrationsByDigest.get(org.civitas.sdk.ledger.Digest.of(digest));
            if (registered == null) {
                String title = schema.path("title").asText(schema.path("$id").asText("(untitled)"));
                throw TrustBundleException.of(Refusal.SCHEMA_MISMATCH, "Schema " + title
                        + " does not match the digest of any schema registered on the ledger",
                    "模式 " + title + " 与账本上登记的任何模式摘要都不符");
            }
            for (Transaction.SchemaRegistration r : registered) into.put(schemaKey(r.typeId(), r.version()), schema);
        }
        return into;
    }

    private static String schemaKey(String type, String version) { return type + "\n" + version; }

    private static String shortId(byte[] id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id).substring(0, 8) + "…";
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The parts common to a full bundle and a delta. */
    private static final class Header {
        final long version;
        final Instant issuedAt;
        final SignedTreeHead head;
        final Map<String, String> contexts;
        final Map<String, Duration> maxStatusAge;

        private Header(long version, Instant issuedAt, SignedTreeHead head, Map<String, String> contexts,
                       Map<String, Duration> maxStatusAge) {
            this.version = version;
            this.issuedAt = issuedAt;
            this.head = head;
            this.contexts = contexts;
            this.maxStatusAge = maxStatusAge;
        }

        static Header read(ObjectNode body) throws TrustBundleException {
            long version = number(body, "version");
            Instant issuedAt;
            try {
                issuedAt = Instant.parse(body.path("issuedAt").asText());
            } catch (DateTimeParseException e) {
                throw BundleFile.malformed("issuedAt must be an ISO-8601 UTC time");
            }
            return new Header(version, issuedAt, head(body.get("head")), contexts(body.get("contexts")),
                ages(body.get("maxStatusAge")));
        }

        static long number(JsonNode body, String field) throws TrustBundleException {
            JsonNode n = body.get(field);
            if (n == null || !n.isIntegralNumber() || n.longValue() < 0) {
                throw BundleFile.malformed(field + " must be a non-negative integer");
            }
            return n.longValue();
        }

        private static SignedTreeHead head(JsonNode json) throws TrustBundleException {
            if (!(json instanceof ObjectNode object) || !(object.get("signatures") instanceof ObjectNode signatures)) {
                throw BundleFile.malformed("head must be a tree head with its signatures");
            }
            ObjectNode headOnly = object.deepCopy();
            headOnly.remove("signatures");
            Map<String, byte[]> sigs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = signatures.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                try {
                    sigs.put(s.getKey(), Base64.getUrlDecoder().decode(s.getValue().asText()));
                } catch (IllegalArgumentException e) {
                    throw BundleFile.malformed("the head signature of " + s.getKey() + " is not base64url");
                }
            }
            try {
                return new SignedTreeHead(TreeHead.parse(headOnly), sigs);
            } catch (FormatException e) {
                throw BundleFile.malformed(e);
            }
        }

        private static Map<String, String> contexts(JsonNode json) throws TrustBundleException {
            if (!(json instanceof ObjectNode object)) throw BundleFile.malformed("contexts must be an object");
            Map<String, String> shipped = JsonLdContexts.bundledSha256();
            Map<String, String> allowed = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                String digest = c.getValue().asText();
                if (!digest.equals(shipped.get(c.getKey()))) {
                    throw TrustBundleException.of(Refusal.UNKNOWN_CONTEXT, "The bundle allows the JSON-LD context "
                            + c.getKey() + " with SHA-256 " + digest + ", which this verifier does not ship; update the app",
                        "信任包允许的 JSON-LD 上下文 " + c.getKey() + " 不在本核验端内置的上下文中；请更新应用");
                }
                allowed.put(c.getKey(), digest);
            }
            return Collections.unmodifiableMap(allowed);
        }

        private static Map<String, Duration> ages(JsonNode json) throws TrustBundleException {
            if (!(json instanceof ObjectNode object)) throw BundleFile.malformed("maxStatusAge must be an object");
            Map<String, Duration> ages = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                try {
                    Duration age = Duration.parse(a.getValue().asText());
                    if (age.isNegative()) throw BundleFile.malformed("maxStatusAge of " + a.getKey() + " is negative");
                    ages.put(a.getKey(), age);
                } catch (DateTimeParseException e) {
                    throw BundleFile.malformed("maxStatusAge of " + a.getKey() + " must be an ISO-8601 duration");
                }
            }
            return Collections.unmodifiableMap(ages);
        }
    }

    /**
     * Resolves did:civitas from the bundle's DID histories as of a time, exactly as the ledger resolves them (keys
     * cut off by a reported compromise are absent from that time on), and did:key locally.
     */
    private static final class BundleDidResolver implements DidResolver {
        private final Map<Did, DidHistory> dids;
        private final DidResolver didKey = DidKey.resolver();

        BundleDidResolver(Map<Did, DidHistory> dids) { this.dids = dids; }

        @Override
        public DidDocument resolve(Did did, Instant asOf) throws ResolutionException {
            if (DidKey.METHOD.equals(did.method())) return didKey.resolve(did, asOf);
            if (!org.civitas.sdk.ledger.CivitasDid.METHOD.equals(did.method())) {
                throw new ResolutionException(ResolutionException.Kind.METHOD_NOT_SUPPORTED,
                    "did:" + did.method() + " is neither did:civitas nor did:key");
            }
            DidHistory history = dids.get(did);
            DidResolution resolution = history == null ? null : DidResolution.of(history, asOf);
            if (resolution == null) {
                throw new ResolutionException(ResolutionException.Kind.NOT_FOUND, did + " is not in the trust bundle"
                    + (history == null ? "" : " as of " + asOf));
            }
            if (resolution.deactivated()) {
                throw new ResolutionException(ResolutionException.Kind.DEACTIVATED, did + " was deactivated by " + asOf);
            }
            return resolution.document();
        }
    }
}
