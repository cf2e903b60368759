package org.civitas.sample.counter.app;

import android.app.Activity;
import android.content.Intent;
import android.content.SharedPreferences;
import android.graphics.Color;
import android.os.Bundle;
import android.widget.ArrayAdapter;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.Spinner;
import android.widget.TextView;
import io.grpc.ManagedChannel;
import org.civitas.sample.android.Background;
import org.civitas.sample.android.CameraScanner;
import org.civitas.sample.android.Channels;
import org.civitas.sample.android.QrBitmaps;
import org.civitas.sample.android.Views;
import org.civitas.sample.counter.R;
import org.civitas.sample.counter.core.CounterPolicy;
import org.civitas.sample.counter.core.CounterResult;
import org.civitas.sample.counter.core.CounterVerification;
import org.civitas.sample.counter.core.TrustDownload;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.did.Did;
import org.civitas.sdk.did.DidKey;
import org.civitas.sdk.ledger.LedgerTrust;
import org.civitas.sdk.ledger.SignedTransaction;
import org.civitas.sdk.qr.ChallengeQr;
import org.civitas.sdk.trust.BundleAnchors;
import org.civitas.sdk.trust.TrustBundle;
import org.civitas.sdk.trust.TrustBundleException;
import org.civitas.sdk.trust.TrustView;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The counter: the clerk picks the counter's policy, refreshes the trust data while online, shows a challenge QR
 * and scans the wallet's answer (or a one-way code); the outcome and its reasons appear in large type. Verification
 * is offline, with the signed trust bundle saved by the last refresh (checked again every time it is loaded).
 * Started with extras "issuer" ("host:port"), "plaintext", "domain", "genesis" (the ledger's signed genesis, JSON)
 * and "publisher" (the bundle publisher's did:key), it remembers them: genesis and publisher are what it pins.
 */
public final class CounterActivity extends Activity {

    static final String PREFERENCES = "civitas-counter";
    static final String TRUST_FILE = "trust-bundle.civtb";

    TextView trustStatus;
    TextView headline;
    TextView reasons;
    Spinner policies;
    ImageView challengeQr;
    ChallengeQr challenge;
    /** The trust data verifications use: the loaded bundle (a test may set another view). */
    TrustView trust;
    private CounterVerification verification;
    private final CameraScanner scanner = new CameraScanner();

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        rememberDeployment(getIntent());
        verification = new CounterVerification(preferences().getString("domain", "counter.example"), Clock.systemUTC());
        Locale locale = getResources().getConfiguration().getLocales().get(0);
        LinearLayout layout = new LinearLayout(this);
        layout.setOrientation(LinearLayout.VERTICAL);
        trustStatus = new TextView(this);
        layout.addView(trustStatus);
        policies = new Spinner(this);
        List<String> names = new ArrayList<>();
        for (CounterPolicy p : CounterPolicy.values()) names.add(p.label(locale));
        policies.setAdapter(new ArrayAdapter<>(this, android.R.layout.simple_spinner_item, names));
        layout.addView(policies);
        layout.addView(Views.button(this, R.string.refresh_bundle, this::refreshTrust));
        layout.addView(Views.button(this, R.string.show_challenge, this::showChallenge));
        layout.addView(Views.button(this, R.string.one_way, () -> scan(null)));
        challengeQr = new ImageView(this);
        layout.addView(challengeQr);
        headline = new TextView(this);
        headline.setTextSize(56);
        layout.addView(headline);
        reasons = new TextView(this);
        reasons.setTextSize(24);
        layout.addView(reasons);
        ScrollView scroll = new ScrollView(this);
        scroll.addView(layout);
        setContentView(scroll);
        loadTrust();
    }

    private SharedPreferences preferences() { return getSharedPreferences(PREFERENCES, MODE_PRIVATE); }

    private void rememberDeployment(Intent intent) {
        SharedPreferences.Editor edit = preferences().edit();
        for (String key : new String[] {"issuer", "domain", "genesis", "publisher"}) {
            if (intent.hasExtra(key)) edit.putString(key, intent.getStringExtra(key));
        }
        if (intent.hasExtra("plaintext")) edit.putBoolean("plaintext", intent.getBooleanExtra("plaintext", false));
        edit.apply();
    }

    CounterPolicy policy() { return CounterPolicy.values()[policies.getSelectedItemPosition()]; }

    /**
     * What this counter pins: the ledger of the genesis it was given, the publisher's did:key, and the newest
     * bundle version and ledger size it accepted (so an older bundle is refused as a rollback).
     */
    BundleAnchors anchors() throws FormatException {
        SharedPreferences p = preferences();
        String genesis = p.getString("genesis", null);
        String publisher = p.getString("publisher", null);
        if (genesis == null || publisher == null) {
            throw new IllegalStateException("this counter was not given the ledger's genesis and the bundle publisher "
                + "(start it with the extras \"genesis\" and \"publisher\")");
        }
        return new BundleAnchors(LedgerTrust.fromGenesis(SignedTransaction.parseJson(genesis)),
            DidKey.key(Did.parse(publisher)), p.getLong("lastVersion", 0), p.getLong("lastTreeSize", 0),
            BundleAnchors.DEFAULT_MAX_BUNDLE_AGE);
    }

    /**
     * The trust bundle saved by the last refresh, if any, checked again as it loads: nothing on the phone's storage
     * is trusted as such.
     */
    void loadTrust() {
        File file = new File(getFilesDir(), TRUST_FILE);
        trust = null;
        String problem = null;
        if (file.exists()) {
            try {
                trust = TrustBundle.load(Files.readAllBytes(file.toPath()), anchors(), Clock.systemUTC().instant());
            } catch (IOException | FormatException | IllegalStateException e) {
                problem = e.getMessage();
            } catch (TrustBundleException e) {
                problem = e.reason().en() + " / " + e.reason().zh();
            }
        }
        trustStatus.setText(trust != null ? getString(R.string.trust_as_of, trust.asOf())
            : problem != null ? getString(R.string.failed, problem) : getString(R.string.no_trust));
    }

    /**
     * Downloads and checks a bundle in the background and uses it at once: the download already checked it, so it
     * is not read back and checked again on the UI thread.
     */
    private void refreshTrust() {
        SharedPreferences p = preferences();
        boolean plaintext = p.getBoolean("plaintext", false);
        Background.run(this, () -> {
            ManagedChannel channel = Channels.open(p.getString("issuer", "localhost:7300"), plaintext);
            try {
                BundleAnchors anchors = anchors();
                TrustDownload.Downloaded fresh = new TrustDownload(channel, Clock.systemUTC()).download(anchors);
                Files.write(new File(getFilesDir(), TRUST_FILE).toPath(), fresh.file());
                BundleAnchors floor = anchors.accepting(fresh.bundle());
                p.edit().putLong("lastVersion", floor.lastVersion()).putLong("lastTreeSize", floor.lastTreeSize())
                    .apply();
                return fresh.bundle();
            } finally {
                channel.shutdownNow();
            }
        }, bundle -> {
            trust = bundle;
            trustStatus.setText(getString(R.string.trust_as_of, bundle.asOf()));
        }, e -> trustStatus.setText(getString(R.string.failed, String.valueOf(e instanceof
            TrustBundleException t ? t.reason().en() : e.getMessage()))));
    }

    private void showChallenge() {
        challenge = verification.newChallenge(policy());
        challengeQr.setImageBitmap(QrBitmaps.of(challenge.encode(), 600));
        scan(challenge);
    }

    private void scan(ChallengeQr expected) {
        challenge = expected;
        scanner.startIn(this, this::onScanned,
            e -> reasons.setText(getString(R.string.failed, String.valueOf(e.getMessage()))));
    }

    @Override
    protected void onPause() {
        scanner.stop();
        super.onPause();
    }

    /** A presentation was read: verify it offline and show the outcome. */
    void onScanned(String text) {
        scanner.stop();
        challengeQr.setImageBitmap(null);
        if (trust == null) {
            headline.setText("");
            reasons.setText(R.string.no_trust);
            return;
        }
        show(verification.verify(text, policy(), trust, challenge));
        challenge = null;
    }

    private void show(CounterResult result) {
        Locale locale = getResources().getConfiguration().getLocales().get(0);
        headline.setText(result.headline(locale));
        headline.setTextColor(result.accepted() ? Color.rgb(0, 128, 0) : Color.rgb(192, 0, 0));
        reasons.setText(String.join("\n", result.reasonLines(locale)));
    }
}
