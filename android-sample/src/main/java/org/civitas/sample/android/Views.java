package org.civitas.sample.android;

import android.app.Activity;
import android.widget.Button;

/** The few widgets the screens build in code (no layout files: the screens are small). */
public final class Views {

    private Views() { }

    public static Button button(Activity activity, int text, Runnable action) {
        Button button = new Button(activity);
        button.setText(text);
        button.setOnClickListener(v -> action.run());
        return button;
    }
}
