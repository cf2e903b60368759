package org.civitas.sample.wallet.app;

import android.app.Activity;
import android.os.Bundle;
import android.widget.Button;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.ScrollView;
import android.widget.TextView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sample.android.Background;
import org.civitas.sample.android.QrBitmaps;
import org.civitas.sample.wallet.R;
import org.civitas.sample.wallet.core.HeldCredential;
import org.civitas.sdk.FormatException;
import org.civitas.sdk.jcs.IJson;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One credential: its type, issuer, validity and claims, and its one-way presentation QR on request. */
public final class CredentialActivity extends Activity {

    /** Extra: the held credential as the wallet stores it (JSON). */
    static final String CREDENTIAL = "credential";

    HeldCredential credential;
    TextView title;
    TextView details;
    ImageView qr;

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        try {
            credential = WalletServices.fromJson(IJson.parseObject("credential", getIntent().getStringExtra(CREDENTIAL)));
        } catch (FormatException | NullPointerException e) {
            finish();
            return;
        }
        Locale locale = getResources().getConfiguration().getLocales().get(0);
        LinearLayout layout = new LinearLayout(this);
        layout.setOrientation(LinearLayout.VERTICAL);
        title = new TextView(this);
        title.setTextSize(26);
        title.setText(credential.label(locale));
        layout.addView(title);
        details = new TextView(this);
        details.setText(describe(credential));
        layout.addView(details);
        Button oneWay = new Button(this);
        oneWay.setText(R.string.show_one_way);
        oneWay.setOnClickListener(v -> Background.run(this,
            () -> WalletServices.core(this).oneWay(List.of(credential)), this::showQr,
            e -> details.setText(getString(R.string.failed, String.valueOf(e.getMessage())))));
        layout.addView(oneWay);
        qr = new ImageView(this);
        layout.addView(qr);
        ScrollView scroll = new ScrollView(this);
        scroll.addView(layout);
        setContentView(scroll);
    }

    void showQr(String text) { qr.setImageBitmap(QrBitmaps.of(text, 800)); }

    private String describe(HeldCredential c) {
        StringBuilder text = new StringBuilder();
        text.append(getString(R.string.issuer, c.issuer())).append('\n');
        if (c.validUntil() != null) text.append(getString(R.string.valid_until, c.validUntil().toString())).append('\n');
        ObjectNode claims = c.claims();
        for (Map.Entry<String, JsonNode> claim : claims.properties()) {
            text.append(claim.getKey()).append(": ").append(claim.getValue().asText()).append('\n');
        }
        return text.toString();
    }
}
