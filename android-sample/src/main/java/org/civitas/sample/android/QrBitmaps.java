package org.civitas.sample.android;

import android.graphics.Bitmap;
import android.graphics.Color;
import com.google.zxing.common.BitMatrix;
import org.civitas.sample.qr.QrFrames;

/** QR texts drawn for the screen. */
public final class QrBitmaps {

    private QrBitmaps() { }

    /** A square black-on-white bitmap of the text's QR code. */
    public static Bitmap of(String text, int size) {
        BitMatrix matrix = QrFrames.encode(text, size);
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) pixels[y * width + x] = matrix.get(x, y) ? Color.BLACK : Color.WHITE;
        }
        return Bitmap.createBitmap(pixels, width, height, Bitmap.Config.ARGB_8888);
    }
}
