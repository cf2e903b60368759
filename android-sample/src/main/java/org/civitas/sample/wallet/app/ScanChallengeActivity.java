package org.civitas.sample.wallet.app;

import android.app.Activity;
import android.os.Bundle;
import android.widget.ImageView;
import android.widget.LinearLayout;
import android.widget.TextView;
import org.civitas.sample.android.Background;
import org.civitas.sample.android.CameraScanner;
import org.civitas.sample.android.QrBitmaps;
import org.civitas.sample.wallet.R;

/**
 * Scans a counter's challenge QR and shows the answer: a presentation QR of the held credentials, signed by the
 * device key for that counter's challenge and domain.
 */
public final class ScanChallengeActivity extends Activity {

    TextView status;
    ImageView qr;
    private final CameraScanner scanner = new CameraScanner();

    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        LinearLayout layout = new LinearLayout(this);
        layout.setOrientation(LinearLayout.VERTICAL);
        status = new TextView(this);
        status.setTextSize(20);
        status.setText(R.string.point_at_challenge);
        layout.addView(status);
        qr = new ImageView(this);
        layout.addView(qr);
        setContentView(layout);
    }

    @Override
    protected void onResume() {
        super.onResume();
        scanner.startIn(this, this::onScanned,
            e -> status.setText(getString(R.string.failed, String.valueOf(e.getMessage()))));
    }

    @Override
    protected void onPause() {
        scanner.stop();
        super.onPause();
    }

    /** A challenge QR text was read: answer it with every held credential. */
    void onScanned(String challengeText) {
        Background.run(this,
            () -> WalletServices.core(this).answerChallenge(challengeText, WalletServices.credentials(this)),
            answer -> {
                status.setText(R.string.show_to_counter);
                qr.setImageBitmap(QrBitmaps.of(answer, 800));
            },
            e -> status.setText(getString(R.string.failed, String.valueOf(e.getMessage()))));
    }
}
