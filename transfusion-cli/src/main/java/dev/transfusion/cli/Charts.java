package dev.transfusion.cli;

import dev.transfusion.core.checkpoint.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts drawn with JFreeChart: training curves (raw and smoothed) and grouped bars (ablations). */
final class Charts {
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
    private static final int W = 900;
    private static final int H = 540;
    /** TensorBoard's default smoothing: each point keeps 60% of the running average. */
    static final double SMOOTHING = 0.6;

    private Charts() {
    }

    /**
     * One faint raw line and one bold smoothed line per series of (x, y) points, with axis ticks and labels;
     * {@code logY} uses a logarithmic y axis (points with y <= 0 or non-finite are left out).
     */
    static void lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series, boolean logY,
                      Path png) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            XYSeries raw = new XYSeries(e.getKey() + " (raw)", false, true);
            XYSeries smooth = new XYSeries(e.getKey(), false, true);
            double avg = Double.NaN;
            for (double[] p : e.getValue()) {
                if (!Double.isFinite(p[1]) || (logY && p[1] <= 0)) {
                    continue;
                }
                avg = Double.isNaN(avg) ? p[1] : SMOOTHING * avg + (1 - SMOOTHING) * p[1];
                raw.add(p[0], p[1]);
                smooth.add(p[0], avg);
            }
            Color c = PALETTE[i % PALETTE.length];
            data.addSeries(raw);
            renderer.setSeriesPaint(2 * i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
            renderer.setSeriesStroke(2 * i, new BasicStroke(1f));
            renderer.setSeriesVisibleInLegend(2 * i, false);
            data.addSeries(smooth);
            renderer.setSeriesPaint(2 * i + 1, c);
            renderer.setSeriesStroke(2 * i + 1, new BasicStroke(2.2f));
            i++;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        style(chart);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis steps = (NumberAxis) plot.getDomainAxis();
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        steps.setNumberFormatOverride(new DecimalFormat("#,##0"));
        if (logY) {
            LogarithmicAxis axis = new LogarithmicAxis(yLabel + " (log scale)");
            axis.setStrictValuesFlag(false); // a stray non-positive value is skipped above, never an exception
            axis.setAutoRangeNextLogFlag(false);
            axis.setNumberFormatOverride(new DecimalFormat("0.###"));
            plot.setRangeAxis(axis);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        write(chart, png);
    }

    /** Grouped bars: one group per run, one bar per metric, each bar labelled with its value. */
    static void bars(String title, List<String> groups, List<String> metrics, double[][] values, Path png) {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int g = 0; g < groups.size(); g++) {
            for (int m = 0; m < metrics.size(); m++) {
                data.addValue(values[g][m], metrics.get(m), groups.get(g));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "run", "value", data, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int m = 0; m < metrics.size(); m++) {
            r.setSeriesPaint(m, PALETTE[m % PALETTE.length]);
        }
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        style(chart);
        write(chart, png);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    }

    private static void write(JFreeChart chart, Path png) {
        try {
            AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, W, H));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
