package dev.gatehouse.server.pages;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as the geometry of one SVG path, drawn by the template with presentation attributes only
 * (the Content-Security-Policy allows no inline style): no image file, no script, nothing sent elsewhere.
 *
 * @param size the side in modules, the quiet zone included (the viewBox)
 * @param path one {@code M x y h1 v1 h-1 z} square per dark module
 */
public record QrSvg(int size, String path) {
    /** ISO/IEC 18004 asks for four light modules around the symbol. */
    static final int QUIET_ZONE = 4;

    /** The QR code of {@code text} with medium error correction (15 %), enough for a phone's camera on a screen. */
    public static QrSvg of(String text) {
        QrCode code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M')
                            .append(x + QUIET_ZONE)
                            .append(' ')
                            .append(y + QUIET_ZONE)
                            .append("h1v1h-1z");
                }
            }
        }
        return new QrSvg(code.size + 2 * QUIET_ZONE, path.toString());
    }
}
