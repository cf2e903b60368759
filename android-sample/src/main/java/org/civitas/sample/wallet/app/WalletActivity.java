package org.civitas.sample.wallet.app;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;
import org.civitas.sample.wallet.R;

public final class WalletActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TextView text = new TextView(this);
        text.setText(R.string.not_enrolled);
        setContentView(text);
    }
}
