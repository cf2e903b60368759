package org.civitas.sample.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * QR codes without Android: finds the QR text in a camera preview frame (NV21, the format every Android camera
 * delivers: the luminance plane comes first) and draws QR texts as module matrices for the screen.
 */
public final class QrFrames {

    private QrFrames() { }

    /** The text of the QR code in the frame, if one is readable. */
    public static Optional<String> decode(byte[] nv21, int width, int height) {
        PlanarYUVLuminanceSource source = new PlanarYUVLuminanceSource(nv21, width, height, 0, 0, width, height, false);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        try {
            return Optional.of(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText());
        } catch (NotFoundException notThere) {
            return Optional.empty();
        } catch (ReaderException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The QR code of a text: {@code true} for a dark module. Level M, the error correction presentation QRs use.
     *
     * @param size the matrix's width and height in pixels, quiet zone included
     */
    public static BitMatrix encode(String text, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 2);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text does not fit in a QR code (" + text.length() + " characters)", e);
        }
    }
}
