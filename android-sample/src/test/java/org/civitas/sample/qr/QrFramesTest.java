package org.civitas.sample.qr;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The camera path's decoder, fed synthesized NV21 preview frames. */
class QrFramesTest {

    @Test
    void readsTheQrTextFromAnNv21Frame() {
        String text = "CIV1C:challenge-and-domain";
        assertEquals(Optional.of(text), QrFrames.decode(nv21(text, 640, 480), 640, 480));
    }

    @Test
    void frameWithoutACodeGivesNothing() {
        byte[] grey = new byte[640 * 480 * 3 / 2];
        Arrays.fill(grey, (byte) 0x80);
        assertEquals(Optional.empty(), QrFrames.decode(grey, 640, 480));
    }

    /** A preview frame showing the QR code of the text in its middle: Y plane from the modules, chroma neutral. */
    private static byte[] nv21(String text, int width, int height) {
        BitMatrix code = QrFrames.encode(text, 300);
        byte[] frame = new byte[width * height * 3 / 2];
        Arrays.fill(frame, (byte) 0x80);
        int left = (width - code.getWidth()) / 2;
        int top = (height - code.getHeight()) / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int cx = x - left;
                int cy = y - top;
                boolean dark = cx >= 0 && cy >= 0 && cx < code.getWidth() && cy < code.getHeight() && code.get(cx, cy);
                frame[y * width + x] = (byte) (dark ? 16 : 235);
            }
        }
        return frame;
    }
}
