package org.civitas.sample.counter.app;

import android.app.Activity;
import android.os.Bundle;
import android.widget.TextView;
import org.civitas.sample.counter.R;

public final class CounterActivity extends Activity {
    @Override
    protected void onCreate(Bundle state) {
        super.onCreate(state);
        TextView text = new TextView(this);
        text.setText(R.string.no_trust);
        setContentView(text);
    }
}
