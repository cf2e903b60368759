package org.civitas.ops.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Mode;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * QR code images of CIV1 texts (credentials, presentations, counter challenges) as PNG files, with ZXing: error
 * correction level M (ISO/IEC 18004 §7.5.1, about 15 % of the symbol recoverable), the smallest version that holds
 * the text, and alphanumeric mode when every character is in that set, as CIV1 text always is. The SDK itself
 * renders nothing: phones draw QR codes with their own toolkit. Stateless and thread-safe.
 */
public final class QrImages {

    /** The error correction level of every symbol written here. */
    public static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    /** Pixels per module side in written images. */
    public static final int MODULE_PIXELS = 4;
    /** The quiet zone around the symbol, in modules (ISO/IEC 18004 §6.3.8 asks for 4). */
    public static final int QUIET_ZONE = 4;

    private QrImages() { }

    /** The symbol a text gives at level M: its version (1-40) and the mode of its single segment. */
    public record Symbol(int version, Mode mode, int modules) { }

    /**
     * The symbol {@link #writePng} would draw for {@code text}.
     *
     * @throws IllegalArgumentException the text does not fit a version 40 symbol at level M
     */
    public static Symbol symbol(String text) {
        QRCode code = encode(text);
        return new Symbol(code.getVersion().getVersionNumber(), code.getMode(), code.getMatrix().getWidth());
    }

    /**
     * Writes {@code text} as a QR code PNG: level M, the smallest version, {@link #MODULE_PIXELS} pixels a module,
     * a {@link #QUIET_ZONE}-module white border.
     *
     * @throws IllegalArgumentException the text does not fit a version 40 symbol at level M
     * @throws IOException              the file cannot be written
     */
    public static void writePng(String text, Path file) throws IOException {
        ByteMatrix modules = encode(text).getMatrix();
        int side = (modules.getWidth() + 2 * QUIET_ZONE) * MODULE_PIXELS;
        BitMatrix image = new BitMatrix(side, side);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y) == 1) {
                    image.setRegion((x + QUIET_ZONE) * MODULE_PIXELS, (y + QUIET_ZONE) * MODULE_PIXELS,
                        MODULE_PIXELS, MODULE_PIXELS);
                }
            }
        }
        MatrixToImageWriter.writeToPath(image, "PNG", file);
    }

    /**
     * Reads the text of the QR code in a PNG (or any image format the JDK reads).
     *
     * @throws IOException the file cannot be read, is not an image, or holds no readable QR code
     */
    public static String readPng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new IOException(file + " is not an image");
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (ReaderException located) {
            // ZXing's finder-pattern detector, made for photos, misses about 3 % of clean upright symbols such as the
            // ones written here (some data patterns pass for a finder pattern); read as a pure barcode those decode
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            } catch (ReaderException pure) {
                throw new IOException("no readable QR code in " + file + " (" + located.getClass().getSimpleName() + ")",
                    located);
            }
        }
    }

    private static QRCode encode(String text) {
        try {
            return Encoder.encode(text, LEVEL, Map.of(EncodeHintType.ERROR_CORRECTION, LEVEL));
        } catch (WriterException e) {
            throw new IllegalArgumentException("does not fit one QR code at level " + LEVEL + ": " + e.getMessage(), e);
        }
    }
}
