package io.waymark.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.testing.Api;
import java.util.List;

/**
 * A scrape of {@code /actuator/prometheus} in the text format, searched by metric name and labels.
 */
record Prometheus(List<String> lines) {

    static Prometheus scrape(Api management) {
        Api.Response answer = management.get("/actuator/prometheus", null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/plain");
        return new Prometheus(answer.body().lines().filter(line -> !line.startsWith("#")).toList());
    }

    /** Every series of this metric, as {@code name{labels}}. */
    List<String> series(String name) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .map(line -> line.substring(0, line.lastIndexOf(' ')))
                .toList();
    }

    boolean has(String name, String... labels) {
        return lines.stream().anyMatch(line -> matches(line, name, labels));
    }

    /**
     * The sum over the series of this metric with these labels (name, value, name, value...); 0
     * when none.
     */
    double value(String name, String... labels) {
        return lines.stream()
                .filter(line -> matches(line, name, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean matches(String line, String name, String... labels) {
        if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
            return false;
        }
        for (int i = 0; i < labels.length; i += 2) {
            if (!line.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
