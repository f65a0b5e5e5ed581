package io.waymark.infra.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The docs' cost figures come from this report, so every profile it names must synthesize and be
 * priced.
 */
class CostReportTest {

    @Test
    void everyProfileOfTheReportSynthesizesAndHasATotal() {
        var out = new ByteArrayOutputStream();

        CostReport.print(
                new PrintStream(out, true, StandardCharsets.UTF_8), PriceTable.usEast1(), 10);

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(CostReport.PROFILES.keySet())
                .allSatisfy(label -> assertThat(report).contains(label));
        assertThat(report.lines().filter(line -> line.strip().startsWith("TOTAL")))
                .hasSize(CostReport.PROFILES.size());
    }
}
