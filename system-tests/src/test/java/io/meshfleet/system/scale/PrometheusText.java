package io.meshfleet.system.scale;

import java.util.OptionalDouble;

/** Reads single figures out of a Prometheus text exposition ({@code /q/metrics}). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code area="heap"}), or empty
     * when there is none; {@code NaN} samples are skipped.
     */
    public static OptionalDouble sum(String exposition, String metric, String label) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric) || line.startsWith("#")) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int end = rest.indexOf('}');
                if (end < 0) {
                    continue;
                }
                labels = rest.substring(1, end);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            if (label != null && !labels.contains(label)) {
                continue;
            }
            String[] parts = rest.strip().split("\\s+");
            try {
                double value = Double.parseDouble(parts[0]);
                if (!Double.isNaN(value)) {
                    sum += value;
                    found = true;
                }
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
