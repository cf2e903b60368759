package org.civitas.sample.wallet.app;

import android.app.Activity;
import android.content.Intent;
import android.content.SharedPreferences;
import android.os.Bundle;
import android.widget.ArrayAdapter;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.ListView;
import android.widget.TextView;
import org.civitas.sample.android.Background;
import org.civitas.sample.android.QrBitmaps;
import org.civitas.sample.android.Views;
import org.civitas.sample.wallet.R;
import org.civitas.sample.wallet.core.Enrolment;
import org.civitas.sample.wallet.core.HeldCredential;
import org.civitas.sample.wallet.core.WalletCore;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The wallet's home: enrolment (a QR for the registrar's desk, then confirmation), the credentials held, and the
 * way to a counter's challenge. Started with extras "identity", "issuer" ("host:port") and "plaintext" it remembers
 * the deployment.
 */
public final class WalletActivity extends Activity {

    TextView status;
    ImageView enrolmentQr;
    ListView list;
    final List<HeldCredential> credentials = new ArrayList<>();

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        rememberDeployment(getIntent());
        LinearLayout layout = new LinearLayout(this);
        layout.setOrientation(LinearLayout.VERTICAL);
        status = new TextView(this);
        status.setTextSize(20);
        layout.addView(status);
        layout.addView(Views.button(this, R.string.enrol, this::enrol));
        layout.addView(Views.button(this, R.string.confirm_enrolment, this::confirm));
        layout.addView(Views.button(this, R.string.refresh, this::refresh));
        layout.addView(Views.button(this, R.string.scan_challenge,
            () -> startActivity(new Intent(this, ScanChallengeActivity.class))));
        enrolmentQr = new ImageView(this);
        layout.addView(enrolmentQr);
        list = new ListView(this);
        list.setOnItemClickListener((parent, view, position, id) -> startActivity(
            new Intent(this, CredentialActivity.class)
                .putExtra(CredentialActivity.CREDENTIAL, WalletServices.toJson(credentials.get(position)).toString())));
        layout.addView(list);
        setContentView(layout);
        show();
    }

    private void rememberDeployment(Intent intent) {
        SharedPreferences.Editor edit = WalletServices.preferences(this).edit();
        if (intent.hasExtra(WalletServices.IDENTITY)) edit.putString(WalletServices.IDENTITY, intent.getStringExtra(WalletServices.IDENTITY));
        if (intent.hasExtra(WalletServices.ISSUER)) edit.putString(WalletServices.ISSUER, intent.getStringExtra(WalletServices.ISSUER));
        if (intent.hasExtra(WalletServices.FCM_TOKEN)) edit.putString(WalletServices.FCM_TOKEN, intent.getStringExtra(WalletServices.FCM_TOKEN));
        if (intent.hasExtra(WalletServices.PLAINTEXT)) edit.putBoolean(WalletServices.PLAINTEXT, intent.getBooleanExtra(WalletServices.PLAINTEXT, false));
        edit.apply();
    }

    /** Shows the enrolment state and the credentials kept from the last refresh. */
    void show() {
        WalletCore.State state = WalletServices.state(WalletServices.preferences(this));
        status.setText(state == null ? getString(R.string.not_enrolled) : getString(R.string.enrolled_as, state.did()));
        credentials.clear();
        credentials.addAll(WalletServices.credentials(this));
        List<String> labels = new ArrayList<>();
        Locale locale = getResources().getConfiguration().getLocales().get(0);
        for (HeldCredential c : credentials) labels.add(c.label(locale));
        if (labels.isEmpty()) labels.add(getString(R.string.no_credentials));
        list.setAdapter(new ArrayAdapter<>(this, android.R.layout.simple_list_item_1, labels));
    }

    private void enrol() {
        Background.run(this, () -> WalletServices.core(this).startEnrolment(), this::showEnrolment, this::fail);
    }

    /** The registrar's desk scans this: the challenge id and the device key's signature over it. */
    void showEnrolment(Enrolment enrolment) {
        String text = "CIV1E:" + enrolment.challengeId() + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(enrolment.signature());
        enrolmentQr.setImageBitmap(QrBitmaps.of(text, 600));
        status.setText(getString(R.string.show_to_registrar));
    }

    private void confirm() {
        Background.run(this, () -> {
            WalletCore core = WalletServices.core(this);
            WalletCore.State state = core.confirmEnrolment();
            String token = WalletServices.preferences(this).getString(WalletServices.FCM_TOKEN, null);
            if (token != null) core.registerPushToken(token);
            return state;
        }, state -> {
            WalletServices.saveState(this, state);
            enrolmentQr.setImageBitmap(null);
            show();
        }, this::fail);
    }

    private void refresh() {
        Background.run(this, () -> WalletServices.core(this).fetchCredentials(), held -> {
            WalletServices.saveCredentials(this, held);
            show();
        }, this::fail);
    }

    private void fail(Exception e) { status.setText(getString(R.string.failed, String.valueOf(e.getMessage()))); }
}
