package org.civitas.sample.android;

import android.app.Activity;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Network and keystore work off the UI thread, with the answer (or the failure) back on it. */
public final class Background {

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor();

    private Background() { }

    public static <T> void run(Activity activity, Callable<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
        WORKER.execute(() -> {
            try {
                T result = work.call();
                activity.runOnUiThread(() -> onResult.accept(result));
            } catch (Exception e) {
                activity.runOnUiThread(() -> onFailure.accept(e));
            }
        });
    }
}
