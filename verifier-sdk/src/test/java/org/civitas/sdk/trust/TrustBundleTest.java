package org.civitas.sdk.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.did.ResolutionException;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.LedgerEntry;
import org.civitas.sdk.ledger.ProvenEntry;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.SignedTreeHead;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.ledger.TreeHead;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustBundleTest {

    private static final String LIST = "https://issuer.example/status/a-revocation-1";
    private final TestLedger ledger = new TestLedger();

    private TrustBundle load(byte[] file) throws TrustBundleException {
        return TrustBundle.load(file, ledger.anchors(), ledger.now);
    }

    private Refusal refusal(byte[] file) {
        return refusal(file, ledger.anchors(), ledger.now);
    }

    private static Refusal refusal(byte[] file, BundleAnchors anchors, Instant now) {
        TrustBundleException e = assertThrows(TrustBundleException.class, () -> TrustBundle.load(file, anchors, now));
        assertFalse(e.reason().zh().isEmpty());
        return e.code();
    }

    private byte[] write(BundleContents c) { return new TrustBundleWriter(ledger.publisher).full(c); }

    private static BundleContents with(BundleContents c, List<ProvenEntry> entries, List<ObjectNode> lists,
                                       List<ObjectNode> schemas, Map<String, String> contexts) {
        return new BundleContents(c.version(), c.issuedAt(), c.head(), entries, lists, schemas, contexts,
            c.maxStatusAge());
    }

    @Test
    void load_genuineBundle_answersFromTheProvenLedgerEntries() throws Exception {
        TrustBundle bundle = load(ledger.bundle(1));

        assertEquals(1, bundle.version());
        assertEquals(ledger.now, bundle.asOf());
        VerifiedStatusList list = bundle.statusList(LIST).orElseThrow();
        assertEquals(1, list.version());
        assertEquals(0, list.list().bits().status(7));
        assertTrue(bundle.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION, ledger.now).accredited());
        assertTrue(bundle.schema(TestLedger.TYPE, "1").isPresent());
        assertEquals(ledger.agency.document.id(), bundle.resolver().resolve(ledger.agency.did(), ledger.now).id());
        assertEquals(Duration.ofDays(3), bundle.maxStatusAge(TestLedger.TYPE));
        assertEquals(Duration.ofHours(24), bundle.maxStatusAge("Diploma"));
    }

    @Test
    void accreditation_typeOrRegionNotGranted_isRefusedWithAReason() throws Exception {
        TrustBundle bundle = load(ledger.bundle(1));

        Accreditation otherType = bundle.accreditation(ledger.agency.did(), "Diploma", TestLedger.REGION, ledger.now);
        Accreditation otherRegion = bundle.accreditation(ledger.agency.did(), TestLedger.TYPE, "110101", ledger.now);

        assertFalse(otherType.accredited());
        assertTrue(otherType.reason().en().contains("never been accredited"), otherType.reason().en());
        assertFalse(otherRegion.accredited());
    }

    @Test
    void load_headBelowQuorum_isForged() {
        byte[] file = write(ledger.contents(1, ledger.head(1)));

        assertEquals(Refusal.FORGED, refusal(file));
    }

    @Test
    void load_headSignatureByAnotherKey_isForged() {
        SignedTreeHead genuine = ledger.head();
        SigningKey stranger = SigningKey.generate(KeyType.ED25519).signingKey();
        SignedTreeHead forged = genuine.withSignature("n2", stranger.sign(genuine.head().signingInput()));

        assertEquals(Refusal.FORGED, refusal(write(ledger.contents(1, forged))));
    }

    @Test
    void load_byteAlteredAfterSigning_isForged() {
        byte[] file = ledger.bundle(1);
        file[BundleFile.HEADER + 20] ^= 1;

        assertEquals(Refusal.FORGED, refusal(file));
    }

    @Test
    void load_signedByAnotherPublisher_isForged() {
        byte[] file = new TrustBundleWriter(SigningKey.generate(KeyType.ED25519).signingKey())
            .full(ledger.contents(1, ledger.head()));

        assertEquals(Refusal.FORGED, refusal(file));
    }

    @Test
    void load_entryAlteredByThePublisher_isNotProven() {
        BundleContents genuine = ledger.contents(1, ledger.head());
        List<ProvenEntry> entries = new ArrayList<>();
        for (ProvenEntry e : genuine.entries()) {
            if (e.entry().transaction() instanceof Transaction.AccreditationGrant g
                    && g.tier() == Transaction.Tier.AGENCY) {
                // The same grant widened to the whole country, signed by the real accreditor, at the same index.
                SignedTransaction wider = ledger.province.sign(new Transaction.AccreditationGrant(g.accreditor(),
                    g.subject(), g.tier(), g.credentialTypes(), List.of("000000"), g.validFrom(), null, g.nonce()));
                e = new ProvenEntry(LedgerEntry.of(e.entry().index(), e.entry().committedAt(), wider),
                    e.inclusionProof(), e.treeHead());
            }
            entries.add(e);
        }

        assertEquals(Refusal.NOT_PROVEN, refusal(write(with(genuine, entries, genuine.statusLists(),
            genuine.schemas(), genuine.contexts()))));
    }

    @Test
    void load_truncatedFile_isTruncated() {
        byte[] file = ledger.bundle(1);

        assertEquals(Refusal.TRUNCATED, refusal(Arrays.copyOf(file, file.length - 30)));
        assertEquals(Refusal.TRUNCATED, refusal(Arrays.copyOf(file, file.length / 2)));
        assertEquals(Refusal.TRUNCATED, refusal(Arrays.copyOf(file, 7)));
    }

    @Test
    void load_notABundle_isMalformed() {
        assertEquals(Refusal.MALFORMED, refusal("{\"hello\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void load_versionOrTreeSizeBelowWhatWasAccepted_isRolledBack() {
        byte[] file = ledger.bundle(4);
        BundleAnchors anchors = ledger.anchors();

        assertEquals(Refusal.ROLLED_BACK, refusal(file, new BundleAnchors(anchors.ledger(), anchors.publisher(), 5, 0,
            anchors.maxBundleAge()), ledger.now));
        assertEquals(Refusal.ROLLED_BACK, refusal(file, new BundleAnchors(anchors.ledger(), anchors.publisher(), 4,
            ledger.entries.size() + 1, anchors.maxBundleAge()), ledger.now));
    }

    @Test
    void load_sameVersionAgain_isAccepted() throws Exception {
        TrustBundle first = load(ledger.bundle(4));

        TrustBundle again = TrustBundle.load(ledger.bundle(4), first.anchorsAfterAccepting(), ledger.now);

        assertEquals(4, again.version());
    }

    @Test
    void load_headOlderThanTheMaximumAge_isStale() {
        Instant later = ledger.now.plus(BundleAnchors.DEFAULT_MAX_BUNDLE_AGE).plusSeconds(1);

        assertEquals(Refusal.STALE, refusal(ledger.bundle(1), ledger.anchors(), later));
    }

    @Test
    void load_bundleOfAnotherLedger_isWrongLedger() {
        TestLedger other = new TestLedger();
        BundleAnchors anchors = BundleAnchors.of(other.trust, ledger.publisher.verificationKey());

        assertEquals(Refusal.WRONG_LEDGER, refusal(ledger.bundle(1), anchors, ledger.now));
    }

    @Test
    void load_statusListNotMatchingItsAnchor_isRefused() {
        BundleContents genuine = ledger.contents(1, ledger.head());
        ObjectNode anchored = ledger.lists.get(LIST);
        // A list re-signed by the issuer itself but never anchored: a revocation hidden from the verifier.
        ledger.publishList(LIST, 2, new int[] {7});
        ObjectNode unanchored = ledger.lists.get(LIST);
        ledger.lists.put(LIST, anchored);

        assertEquals(Refusal.STATUS_LIST_MISMATCH, refusal(write(with(genuine, genuine.entries(), List.of(unanchored),
            genuine.schemas(), genuine.contexts()))));
    }

    @Test
    void load_schemaNotMatchingItsRegisteredDigest_isRefused() {
        BundleContents genuine = ledger.contents(1, ledger.head());
        ObjectNode altered = ledger.schema.deepCopy().put("additionalProperties", true);

        assertEquals(Refusal.SCHEMA_MISMATCH, refusal(write(with(genuine, genuine.entries(), genuine.statusLists(),
            List.of(altered), genuine.contexts()))));
    }

    @Test
    void load_contextThisSdkDoesNotShip_isRefused() {
        BundleContents genuine = ledger.contents(1, ledger.head());
        Map<String, String> contexts = new LinkedHashMap<>(genuine.contexts());
        contexts.put("https://example.org/evil/v1", "00".repeat(32));

        assertEquals(Refusal.UNKNOWN_CONTEXT, refusal(write(with(genuine, genuine.entries(), genuine.statusLists(),
            genuine.schemas(), contexts))));
    }

    @Test
    void accreditation_withdrawn_holdsBeforeAndNotAfterTheWithdrawal() throws Exception {
        LedgerEntry grant = ledger.entries.stream().filter(e -> e.transaction() instanceof Transaction.AccreditationGrant g
            && g.tier() == Transaction.Tier.AGENCY).findFirst().orElseThrow();
        Instant before = ledger.now;
        LedgerEntry withdrawal = ledger.withdraw(ledger.province, grant);
        TrustBundle bundle = load(ledger.bundle(1));

        Accreditation then = bundle.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION, before);
        Accreditation after = bundle.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION,
            withdrawal.committedAt());

        assertTrue(then.accredited(), then.reason().en());
        assertFalse(after.accredited());
        assertTrue(after.reason().en().contains("withdrawn"), after.reason().en());
    }

    @Test
    void accreditation_provincialRootWithdrawn_refusesItsAgencies() throws Exception {
        LedgerEntry rootGrant = ledger.entries.stream().filter(e -> e.transaction() instanceof Transaction.AccreditationGrant g
            && g.tier() == Transaction.Tier.PROVINCIAL_ROOT).findFirst().orElseThrow();
        ledger.withdraw(ledger.national, rootGrant);
        TrustBundle bundle = load(ledger.bundle(1));

        Accreditation after = bundle.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION, ledger.now);

        assertFalse(after.accredited());
        assertTrue(after.reason().en().contains("provincial root"), after.reason().en());
    }

    @Test
    void resolver_compromisedKey_isCutOffFromTheCompromiseOn() throws Exception {
        String oldKey = ledger.agency.keyId;
        Instant beforeCompromise = ledger.now;
        Instant compromise = ledger.now.plusSeconds(30);
        ledger.rotateAgencyKey(compromise);
        Instant afterRotation = ledger.now;
        ledger.publishList(LIST, 2, new int[] {3});   // signed with the new key
        TrustBundle bundle = load(ledger.bundle(1));

        assertTrue(bundle.resolver().resolve(ledger.agency.did(), beforeCompromise).verificationMethod(oldKey).isPresent());
        assertFalse(bundle.resolver().resolve(ledger.agency.did(), afterRotation).verificationMethod(oldKey).isPresent());
        assertTrue(bundle.resolver().resolve(ledger.agency.did(), afterRotation)
            .verificationMethod(ledger.agency.keyId).isPresent());
        assertEquals(1, bundle.statusList(LIST).orElseThrow().list().bits().status(3));
    }

    @Test
    void resolver_didNotInTheBundle_isNotFound() throws Exception {
        TrustBundle bundle = load(ledger.bundle(1));
        TestLedger.Actor stranger = new TestLedger.Actor(KeyType.ED25519);

        ResolutionException e = assertThrows(ResolutionException.class,
            () -> bundle.resolver().resolve(stranger.did(), ledger.now));
        assertEquals(ResolutionException.Kind.NOT_FOUND, e.kind());
    }

    // ---- deltas --------------------------------------------------------------------------------------------

    private final class Versions {
        final BundleContents v1;
        final TrustBundle loaded;
        final BundleContents v2;
        final Instant beforeWithdrawal;

        Versions() throws TrustBundleException {
            v1 = ledger.contents(1, ledger.head());
            loaded = load(new TrustBundleWriter(ledger.publisher).full(v1));
            beforeWithdrawal = ledger.now;
            ledger.publishList(LIST, 2, new int[] {7});
            LedgerEntry grant = ledger.entries.stream().filter(e -> e.transaction() instanceof Transaction.AccreditationGrant g
                && g.tier() == Transaction.Tier.AGENCY).findFirst().orElseThrow();
            ledger.withdraw(ledger.province, grant);
            v2 = ledger.contents(2, ledger.head());
        }

        byte[] delta() {
            return new TrustBundleWriter(ledger.publisher).delta(v1, v2, ledger.consistency(
                v1.head().head().treeSize(), v2.head().head().treeSize()));
        }
    }

    private Refusal deltaRefusal(TrustBundle bundle, byte[] delta, Instant now) {
        TrustBundleException e = assertThrows(TrustBundleException.class, () -> bundle.applyDelta(delta, now));
        assertFalse(e.reason().zh().isEmpty());
        return e.code();
    }

    @Test
    void applyDelta_revocationAndWithdrawal_giveANewBundleWithBoth() throws Exception {
        Versions v = new Versions();

        TrustBundle next = v.loaded.applyDelta(v.delta(), ledger.now);

        assertEquals(2, next.version());
        assertEquals(2, next.statusList(LIST).orElseThrow().version());
        assertEquals(1, next.statusList(LIST).orElseThrow().list().bits().status(7));
        assertFalse(next.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION, ledger.now).accredited());
        assertTrue(next.accreditation(ledger.agency.did(), TestLedger.TYPE, TestLedger.REGION, v.beforeWithdrawal)
            .accredited());
        assertEquals(0, v.loaded.statusList(LIST).orElseThrow().list().bits().status(7), "the old bundle is unchanged");
    }

    @Test
    void applyDelta_carriesOnlyWhatChanged() throws Exception {
        Versions v = new Versions();

        int full = new TrustBundleWriter(ledger.publisher).full(v.v2).length;

        assertTrue(v.delta().length < full, v.delta().length + " vs " + full);
    }

    @Test
    void applyDelta_notStartingAtTheLoadedVersion_isRefused() throws Exception {
        Versions v = new Versions();
        TrustBundle next = v.loaded.applyDelta(v.delta(), ledger.now);

        assertEquals(Refusal.DELTA_MISMATCH, deltaRefusal(next, v.delta(), ledger.now));
    }

    @Test
    void applyDelta_consistencyProofFails_isInconsistent() throws Exception {
        Versions v = new Versions();
        long from = v.v1.head().head().treeSize();
        long to = v.v2.head().head().treeSize();
        org.civitas.sdk.ledger.ConsistencyProof wrong = new org.civitas.sdk.ledger.ConsistencyProof(from, to,
            ledger.consistency(from - 1, to).path());
        byte[] delta = new TrustBundleWriter(ledger.publisher).delta(v.v1, v.v2, wrong);

        assertEquals(Refusal.INCONSISTENT, deltaRefusal(v.loaded, delta, ledger.now));
    }

    @Test
    void applyDelta_forkedLedgerHead_isInconsistent() throws Exception {
        Versions v = new Versions();
        // A ledger that rewrote the last entry v1 was proven against, then grew past it.
        int rewritten = (int) v.v1.head().head().treeSize() - 1;
        ledger.entries.subList(rewritten, ledger.entries.size()).clear();
        ledger.leaves.subList(rewritten, ledger.leaves.size()).clear();
        ledger.publishList("https://issuer.example/status/other", 1, new int[0]);
        ledger.publishList("https://issuer.example/status/other", 2, new int[0]);
        BundleContents forked = ledger.contents(2, ledger.head());
        byte[] delta = new TrustBundleWriter(ledger.publisher).delta(v.v1, forked, ledger.consistency(
            v.v1.head().head().treeSize(), forked.head().head().treeSize()));

        assertEquals(Refusal.INCONSISTENT, deltaRefusal(v.loaded, delta, ledger.now));
    }

    @Test
    void applyDelta_staleHead_isStale() throws Exception {
        Versions v = new Versions();

        assertEquals(Refusal.STALE, deltaRefusal(v.loaded, v.delta(),
            ledger.now.plus(BundleAnchors.DEFAULT_MAX_BUNDLE_AGE).plusSeconds(1)));
    }

    @Test
    void applyDelta_headBelowQuorum_isForged() throws Exception {
        Versions v = new Versions();
        BundleContents weak = ledger.contents(2, ledger.head(1));
        byte[] delta = new TrustBundleWriter(ledger.publisher).delta(v.v1, weak, ledger.consistency(
            v.v1.head().head().treeSize(), weak.head().head().treeSize()));

        assertEquals(Refusal.FORGED, deltaRefusal(v.loaded, delta, ledger.now));
    }

    @Test
    void applyDelta_alteredAfterSigning_isForged() throws Exception {
        Versions v = new Versions();
        byte[] delta = v.delta();
        delta[BundleFile.HEADER + 5] ^= 1;

        assertEquals(Refusal.FORGED, deltaRefusal(v.loaded, delta, ledger.now));
    }

    @Test
    void applyDelta_fullBundleInsteadOfADelta_isMalformed() throws Exception {
        Versions v = new Versions();

        assertEquals(Refusal.MALFORMED, deltaRefusal(v.loaded, new TrustBundleWriter(ledger.publisher).full(v.v2),
            ledger.now));
    }

    @Test
    void applyDelta_newAnchorWithoutItsList_isRefused() throws Exception {
        Versions v = new Versions();
        BundleContents noLists = new BundleContents(2, v.v2.issuedAt(), v.v2.head(), v.v2.entries(), List.of(),
            v.v2.schemas(), v.v2.contexts(), v.v2.maxStatusAge());
        byte[] delta = new TrustBundleWriter(ledger.publisher).delta(v.v1, noLists, ledger.consistency(
            v.v1.head().head().treeSize(), noLists.head().head().treeSize()));

        assertEquals(Refusal.STATUS_LIST_MISMATCH, deltaRefusal(v.loaded, delta, ledger.now));
    }

    @Test
    void treeHead_roundTripsThroughTheBundle() throws Exception {
        TrustBundle bundle = load(ledger.bundle(1));
        TreeHead expected = ledger.head().head();

        assertEquals(expected, bundle.head().head());
    }
}
