package dev.transfusion.cli;

import dev.transfusion.core.checkpoint.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Minimal PNG charts drawn with headless AWT: line plots (loss curves) and grouped bars (ablations). */
final class Charts {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
    private static final int W = 800;
    private static final int H = 480;
    private static final int M = 60;

    private Charts() {
    }

    /** One line per series of (x, y) points; {@code logY} plots log10(y). */
    static void lines(String title, String xLabel, Map<String, List<double[]>> series, boolean logY, Path png) {
        System.setProperty("java.awt.headless", "true");
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                double y = logY ? Math.log10(Math.max(p[1], 1e-6)) : p[1];
                if (!Double.isFinite(y)) {
                    continue;
                }
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        if (maxY - minY < 1e-9) {
            maxY = minY + 1;
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(new BasicStroke(1.5f));
            int px = -1;
            int py = -1;
            for (double[] p : e.getValue()) {
                double y = logY ? Math.log10(Math.max(p[1], 1e-6)) : p[1];
                if (!Double.isFinite(y)) {
                    continue;
                }
                int x = M + (int) ((p[0] - minX) / Math.max(1e-9, maxX - minX) * (W - 2 * M));
                int yy = H - M - (int) ((y - minY) / (maxY - minY) * (H - 2 * M));
                if (px >= 0) {
                    g.drawLine(px, py, x, yy);
                }
                px = x;
                py = yy;
            }
            g.fillRect(W - M - 150, M + 18 * i, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), W - M - 132, M + 18 * i + 11);
            i++;
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format("%s: %.0f .. %.0f", xLabel, minX, maxX), M, H - M + 30);
        g.drawString(logY ? String.format("y: %.3g .. %.3g", Math.pow(10, minY), Math.pow(10, maxY))
                : String.format("y: %.3g .. %.3g", minY, maxY), M, H - M + 46);
        write(img, png);
    }

    /** Grouped bars: one group per run, one bar per metric, values in [0, max]. */
    static void bars(String title, List<String> groups, List<String> metrics, double[][] values, Path png) {
        System.setProperty("java.awt.headless", "true");
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title);
        int groupW = (W - 2 * M) / Math.max(1, groups.size());
        int barW = Math.max(4, (groupW - 20) / Math.max(1, metrics.size()));
        for (int gi = 0; gi < groups.size(); gi++) {
            for (int mi = 0; mi < metrics.size(); mi++) {
                double v = values[gi][mi];
                int h = (int) (v / max * (H - 2 * M));
                int x = M + gi * groupW + 10 + mi * barW;
                g.setColor(PALETTE[mi % PALETTE.length]);
                g.fillRect(x, H - M - h, barW - 2, h);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
                g.drawString(String.format("%.2f", v), x, H - M - h - 3);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawString(groups.get(gi), M + gi * groupW + 10, H - M + 14);
        }
        for (int mi = 0; mi < metrics.size(); mi++) {
            g.setColor(PALETTE[mi % PALETTE.length]);
            g.fillRect(W - M - 150, M + 18 * mi, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(metrics.get(mi), W - M - 132, M + 18 * mi + 11);
        }
        write(img, png);
    }

    private static Graphics2D frame(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.drawLine(M, H - M, W - M, H - M);
        g.drawLine(M, M, M, H - M);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, M, M - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }

    private static void write(BufferedImage img, Path png) {
        try {
            AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
