package org.civitas.sample.counter.app;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

import android.content.Intent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.Reason;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidDocument;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.did.DidResolver;
import org.civitas.sdk.key.KeyType;
import org.civitas.sdk.key.SigningKey;
import org.civitas.sdk.ledger.CivitasDid;
import org.civitas.sdk.ledger.LedgerHash;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.ledger.Transaction;
import org.civitas.sdk.trust.Accreditation;
import org.civitas.sdk.trust.TrustView;
import org.civitas.sdk.trust.VerifiedStatusList;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class CounterActivityTest {

    @Test
    public void withoutTrustDataTheCounterAsksForARefreshAndOffersEveryPolicy() {
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals("No trust data yet: refresh while online", activity.trustStatus.getText().toString());
        assertEquals(5, activity.policies.getAdapter().getCount());
        assertEquals("Hospital", activity.policies.getAdapter().getItem(0));
    }

    @Test
    public void withoutPinnedAnchorsASavedBundleIsNotUsed_andTheCounterSaysWhatIsMissing() throws Exception {
        Files.write(new File(RuntimeEnvironment.getApplication().getFilesDir(), CounterActivity.TRUST_FILE).toPath(),
            "not a bundle".getBytes(StandardCharsets.UTF_8));
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals(null, activity.trust);
        assertTrue(activity.trustStatus.getText().toString(), activity.trustStatus.getText().toString()
            .startsWith("Failed: this counter was not given the ledger's genesis"));
    }

    @Test
    public void aSavedBundleThatFailsItsChecksIsNotUsed_andTheCounterSaysWhy() throws Exception {
        Files.write(new File(RuntimeEnvironment.getApplication().getFilesDir(), CounterActivity.TRUST_FILE).toPath(),
            "not a bundle".getBytes(StandardCharsets.UTF_8));
        SigningKey root = SigningKey.generate(KeyType.ED25519).signingKey();
        SigningKey node = SigningKey.generate(KeyType.ED25519).signingKey();
        DidDocument rootDocument = CivitasDid.initialDocument(root.verificationKey());
        SignedTransaction genesis = SignedTransaction.sign(new Transaction.Genesis("counter-test", LedgerHash.SHA_256,
            List.of(new Transaction.Node("node-1", node.verificationKey())), 1, rootDocument,
            Instant.parse("2026-12-01T08:00:00Z"), "n"), Map.of(rootDocument.id() + "#key-0", root));
        Intent pinned = new Intent(RuntimeEnvironment.getApplication(), CounterActivity.class)
            .putExtra("genesis", genesis.toJson().toString())
            .putExtra("publisher", DidKey.of(SigningKey.generate(KeyType.ED25519).signingKey().verificationKey())
                .toString());

        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class, pinned).setup().get();

        assertEquals(null, activity.trust);
        String status = activity.trustStatus.getText().toString();
        assertTrue(status, status.startsWith("Failed: "));
        assertFalse(status, status.contains("was not given"));
    }

    @Test
    public void scannedTextThatIsNoPresentationIsRefusedInLargeTypeWithTheReason() {
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        activity.trust = NO_ISSUERS;
        activity.onScanned("CIV1:not-base45!");
        assertEquals("REFUSED", activity.headline.getText().toString());
        assertTrue(activity.headline.getTextSize() >= 56);
        assertTrue(activity.reasons.getText().toString(),
            activity.reasons.getText().toString().startsWith("The QR code cannot be read"));
    }

    @Test
    @Config(qualifiers = "zh")
    public void chineseCounterShowsTheOutcomeInChinese() {
        CounterActivity activity = Robolectric.buildActivity(CounterActivity.class).setup().get();
        assertEquals("医院", activity.policies.getAdapter().getItem(0));
        activity.trust = NO_ISSUERS;
        activity.onScanned("{}");
        assertEquals("核验未通过", activity.headline.getText().toString());
    }

    /** Trust data that knows no issuer: enough for the screen's refusals (the JVM tests verify with real bundles). */
    private static final TrustView NO_ISSUERS = new TrustView() {
        @Override public DidResolver resolver() { return DidKey.resolver(); }
        @Override public Optional<VerifiedStatusList> statusList(String url) { return Optional.empty(); }
        @Override public Accreditation accreditation(Did issuer, String type, String region, Instant at) {
            return Accreditation.refused(Reason.of("unknown issuer", "未知签发机构"));
        }
        @Override public Optional<ObjectNode> schema(String type, String version) { return Optional.empty(); }
        @Override public Duration maxStatusAge(String type) { return Duration.ofDays(1); }
        @Override public Instant asOf() { return Instant.parse("2026-12-01T08:00:00Z"); }
    };
}
