package dev.transfusion.eval;

import dev.transfusion.core.checkpoint.AtomicFiles;
import dev.transfusion.data.Images;
import dev.transfusion.tensor.HostTensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Image grids a person can read: every tile is upscaled (nearest neighbour, so pixels stay sharp) to at least
 * {@link #MIN_TILE} pixels and the prompt or caption is printed under it; a judged tile gets a green (pass) or red
 * (fail) frame and its verdict as a last line.
 */
public final class ImageGrid {
    /** The smallest displayed tile side, in pixels. */
    public static final int MIN_TILE = 128;
    /** White space between and around tiles, in pixels. */
    static final int PAD = 6;
    private static final int LABEL_LINES = 3;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color PASS = new Color(30, 150, 60);
    private static final Color FAIL = new Color(200, 40, 40);

    private ImageGrid() {
    }

    /** One tile: pixels {@code (C, H, W)} in [0, 1], the text under it, and an optional verdict (null: unjudged). */
    public record Tile(HostTensor image, String label, Verdict verdict) {
        /** Checks the image; a null label prints nothing. */
        public Tile {
            Objects.requireNonNull(image, "image");
            label = label == null ? "" : label;
        }

        /** An unjudged tile. */
        public static Tile of(HostTensor image, String label) {
            return new Tile(image, label, null);
        }
    }

    /** A judge's verdict on a tile: pass or fail, and a short text (e.g. {@code "wrong: colour, size"}). */
    public record Verdict(boolean pass, String text) {
    }

    /** The grid as an RGB image, {@code columns} tiles per row. */
    public static BufferedImage render(List<Tile> tiles, int columns) {
        Objects.requireNonNull(tiles, "tiles");
        if (tiles.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a grid needs tiles and columns >= 1; got " + tiles.size() + " tiles, "
                    + columns + " columns");
        }
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> images = new ArrayList<>();
        int side = 0;
        for (Tile t : tiles) {
            BufferedImage img = Images.toBufferedImage(t.image());
            images.add(img);
            side = Math.max(side, Math.max(img.getWidth(), img.getHeight()));
        }
        int scale = Math.max(1, (MIN_TILE + side - 1) / side);
        int cell = side * scale;
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        FontMetrics fm = metrics();
        boolean judged = tiles.stream().anyMatch(t -> t.verdict() != null);
        int labelH = fm.getHeight() * (LABEL_LINES + (judged ? 1 : 0)) + 4;
        int cellH = cell + labelH;
        BufferedImage out = new BufferedImage(PAD + cols * (cell + PAD), PAD + rows * (cellH + PAD),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(LABEL);
        for (int i = 0; i < tiles.size(); i++) {
            int x = PAD + (i % cols) * (cell + PAD);
            int y = PAD + (i / cols) * (cellH + PAD);
            BufferedImage img = images.get(i);
            g.drawImage(img, x, y, img.getWidth() * scale, img.getHeight() * scale, null);
            Verdict v = tiles.get(i).verdict();
            int ty = y + cell + fm.getAscent() + 2;
            g.setColor(Color.DARK_GRAY);
            for (String line : wrap(tiles.get(i).label(), fm, cell, LABEL_LINES)) {
                g.drawString(line, x, ty);
                ty += fm.getHeight();
            }
            if (v != null) {
                g.setColor(v.pass() ? PASS : FAIL);
                g.setStroke(new BasicStroke(3f));
                g.drawRect(x - 2, y - 2, cell + 3, cell + 3);
                g.drawString(fit((v.pass() ? "\u2713 " : "\u2717 ") + v.text(), fm, cell),
                        x, y + cell + fm.getAscent() + 2 + LABEL_LINES * fm.getHeight());
            }
        }
        g.dispose();
        return out;
    }

    /** Renders the grid and writes it as a PNG, atomically. */
    public static void writePng(List<Tile> tiles, int columns, Path png) throws IOException {
        BufferedImage img = render(tiles, columns);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available for " + png);
            }
        });
    }

    /** Words of {@code text} in at most {@code maxLines} lines of {@code width} pixels; an ellipsis marks a cut. */
    static List<String> wrap(String text, FontMetrics fm, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] words = text.strip().split("\\s+");
        for (int w = 0; w < words.length; w++) {
            String candidate = line.length() == 0 ? words[w] : line + " " + words[w];
            if (fm.stringWidth(candidate) <= width || line.length() == 0) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            lines.add(line.toString());
            line.setLength(0);
            line.append(words[w]);
            if (lines.size() == maxLines) {
                String last = lines.remove(maxLines - 1);
                lines.add(fit(last + " " + String.join(" ", List.of(words).subList(w, words.length)), fm, width));
                return lines;
            }
        }
        if (line.length() > 0) {
            lines.add(fit(line.toString(), fm, width));
        }
        return lines;
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String cut = s;
        while (!cut.isEmpty() && fm.stringWidth(cut + "\u2026") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    private static FontMetrics metrics() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(LABEL);
        } finally {
            g.dispose();
        }
    }
}
