package io.waymark.ingest;

import io.waymark.location.DeviceFix;
import io.waymark.shared.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a protocol request held: the fixes read, and one line for each that could not be read at all
 * (dropped and counted like an invalid one). Also the JSON reading the protocols share.
 */
record Fixes(List<DeviceFix> read, List<String> unreadable) {

    /**
     * Numbers as exact decimals, so the coordinates a phone sent are rounded once, from its own
     * digits; and lenient where the apps are: they send what their documentation shows, not what a
     * strict schema would take.
     */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static Fixes none() {
        return new Fixes(new ArrayList<>(), new ArrayList<>());
    }

    /** Reads one fix, or notes why it could not be read. */
    Fixes add(int index, Supplier<DeviceFix> fix) {
        try {
            read.add(fix.get());
        } catch (Units.Unreadable e) {
            unreadable.add("[" + index + "] " + e.getMessage());
        }
        return this;
    }

    /** The body as JSON; a body that is not JSON is a 400, never a phone's valid message. */
    static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new Units.Unreadable("empty body");
            }
            return node;
        } catch (JacksonException | Units.Unreadable e) {
            throw InvalidRequestException.field("body", "must be a JSON document");
        }
    }

    /**
     * A number sent as a JSON number or as text (older OwnTracks apps wrote text); absent is null.
     */
    static Double number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isString()) {
            return Units.number(node.stringValue());
        }
        throw new Units.Unreadable("not a number: " + node);
    }

    static BigDecimal degrees(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Units.degrees(node.decimalValue());
        }
        if (node.isString()) {
            return Units.degrees(node.stringValue());
        }
        throw new Units.Unreadable("not a coordinate: " + node);
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
