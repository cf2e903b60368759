package org.civitas.sample.android;

import android.Manifest;
import android.app.Activity;
import android.content.pm.PackageManager;
import android.graphics.SurfaceTexture;
import android.hardware.Camera;
import android.os.Handler;
import android.os.Looper;
import org.civitas.sample.qr.QrFrames;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Reads QR codes with the plain camera API: preview frames (NV21) go to ZXing off the UI thread until one holds a
 * QR text, which is handed to the UI thread once. The framework camera keeps the apps free of AndroidX.
 */
@SuppressWarnings("deprecation") // android.hardware.Camera: available on every API level the apps support
public final class CameraScanner {

    private ExecutorService decoder;
    private final Handler ui = new Handler(Looper.getMainLooper());
    private Camera camera;
    private volatile boolean busy;
    private volatile boolean done;

    private static final int CAMERA_REQUEST = 1;

    /**
     * Scans for the activity once it holds the CAMERA permission; without it, asks for it (the activity scans again
     * when the person has answered and it resumes or is tapped).
     */
    public void startIn(Activity activity, Consumer<String> onText, Consumer<Exception> onFailure) {
        if (activity.checkSelfPermission(Manifest.permission.CAMERA) != PackageManager.PERMISSION_GRANTED) {
            activity.requestPermissions(new String[] {Manifest.permission.CAMERA}, CAMERA_REQUEST);
            return;
        }
        try {
            start(onText);
        } catch (IOException | RuntimeException e) {
            stop();
            onFailure.accept(e);
        }
    }

    /** Opens the back camera and scans until a QR text is found; the caller holds the CAMERA permission. */
    private void start(Consumer<String> onText) throws IOException {
        done = false;
        decoder = Executors.newSingleThreadExecutor();
        camera = Camera.open();
        Camera.Size size = camera.getParameters().getPreviewSize();
        camera.setPreviewTexture(new SurfaceTexture(0));
        camera.setPreviewCallback((frame, cam) -> {
            if (busy || done) return;
            busy = true;
            decoder.execute(() -> {
                QrFrames.decode(frame, size.width, size.height).ifPresent(text -> {
                    if (done) return;
                    done = true;
                    ui.post(() -> onText.accept(text));
                });
                busy = false;
            });
        });
        camera.startPreview();
    }

    public void stop() {
        done = true;
        if (camera != null) {
            camera.setPreviewCallback(null);
            camera.stopPreview();
            camera.release();
            camera = null;
        }
        if (decoder != null) decoder.shutdownNow();
    }
}
