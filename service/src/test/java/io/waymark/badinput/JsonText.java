package io.waymark.badinput;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

/**
 * Builds request bodies as text and bytes, valid or deliberately not: no JSON library would write
 * the bad ones.
 */
final class JsonText {

    private JsonText() {}

    /** Member name to JSON text, or to a list of member maps (an array of objects). */
    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> members) {
        return members.entrySet().stream()
                .map(
                        e ->
                                quote(e.getKey())
                                        + ":"
                                        + (e.getValue() instanceof List<?> items
                                                ? items.stream()
                                                        .map(
                                                                item ->
                                                                        render(
                                                                                (Map<
                                                                                                String,
                                                                                                Object>)
                                                                                        item))
                                                        .collect(Collectors.joining(",", "[", "]"))
                                                : e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String withMember(String object, String member) {
        return object.equals("{}")
                ? "{" + member + "}"
                : object.substring(0, object.length() - 1) + "," + member + "}";
    }

    /** The JSON text with these bytes spliced into its first string value. */
    static byte[] withRawBytes(String json, byte[] bytes) {
        int quote = json.indexOf(":\"");
        if (quote < 0) {
            json = withMember(json, "\"zz\":\"x\"");
            quote = json.indexOf(":\"");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(json.substring(0, quote + 2)));
        out.writeBytes(bytes);
        out.writeBytes(utf8(json.substring(quote + 2)));
        return out.toByteArray();
    }

    static byte[] encoded(String json, String how) {
        return switch (how) {
            case "bom" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(hex("efbbbf"));
                out.writeBytes(utf8(json));
                yield out.toByteArray();
            }
            case "utf-16" -> json.getBytes(StandardCharsets.UTF_16);
            case "utf-16le" -> json.getBytes(StandardCharsets.UTF_16LE);
            case "utf-32" -> json.getBytes(Charset.forName("UTF-32"));
            default -> throw new IllegalArgumentException(how);
        };
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default ->
                        out.append(
                                c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String quoteReplacement(String text) {
        return Matcher.quoteReplacement(text);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Chars up to U+00FF as single bytes: how form values carry raw bytes. */
    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
