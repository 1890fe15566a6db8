package dev.transfusion.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Linux process and machine figures from {@code /proc}: the peak resident set ({@code VmHWM} of
 * {@code /proc/self/status}) and the 1/5/15-minute load averages ({@code /proc/loadavg}), so timings can be judged
 * against how busy the machine was. On other systems the values are NaN.
 */
final class ProcStats {
    private ProcStats() {
    }

    /** Peak resident memory of this process in MiB, or NaN when {@code /proc/self/status} has no VmHWM. */
    static double peakResidentMib() {
        return parseVmHwmKib(read(Path.of("/proc/self/status"))) / 1024.0;
    }

    /** The load averages over 1, 5 and 15 minutes, or NaNs when {@code /proc/loadavg} cannot be read. */
    static double[] loadAverage() {
        return parseLoadAverage(read(Path.of("/proc/loadavg")));
    }

    /** The {@code VmHWM:} value in KiB from the text of a {@code status} file, or NaN. */
    static double parseVmHwmKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                if (parts.length == 2 && parts[1].toLowerCase(Locale.ROOT).equals("kb")) {
                    return Double.parseDouble(parts[0]);
                }
            }
        }
        return Double.NaN;
    }

    /** The first three fields of a {@code loadavg} line, or NaNs. */
    static double[] parseLoadAverage(String loadavg) {
        String[] parts = loadavg.trim().split("\\s+");
        if (parts.length < 3) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
