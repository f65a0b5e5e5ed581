package io.waymark.infra.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The list prices and usage assumptions of {@code prices-us-east-1.properties}, with the date they
 * were reviewed.
 *
 * @param asOf review date of the table
 * @param region region the prices are for
 * @param properties every price and assumption by key
 */
public record PriceTable(String asOf, String region, Properties properties) {

    /** Loads the table bundled with the app. */
    public static PriceTable usEast1() {
        Properties properties = new Properties();
        try (InputStream in = PriceTable.class.getResourceAsStream("prices-us-east-1.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "prices-us-east-1.properties is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PriceTable(
                properties.getProperty("as-of"), properties.getProperty("region"), properties);
    }

    /** A price or assumption; a missing key is a bug in the table, not a zero. */
    public double get(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(
                    "no price '" + key + "' in the " + region + " price table (" + asOf + ")");
        }
        return Double.parseDouble(value);
    }

    public double hoursPerMonth() {
        return get("assume.hours-per-month");
    }
}
