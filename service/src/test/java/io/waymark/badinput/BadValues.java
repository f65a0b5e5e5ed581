package io.waymark.badinput;

import java.util.List;
import java.util.Set;

/**
 * The bad values, by kind. Values for URLs and headers are exactly what goes on the wire: a {@code
 * %} is sent as is (so {@code "%"} is a broken percent-encoding), and a char up to U+00FF is one
 * raw byte ({@code "\u00ff"} is the byte 0xFF, never valid UTF-8). Values for JSON bodies are JSON
 * texts, valid or deliberately not.
 */
final class BadValues {

    private BadValues() {}

    /**
     * A named list of values: one probe per kind in the systematic pass, more at random afterwards.
     */
    record Kind(String name, List<String> values) {}

    // ---- URL parts (query values, path segments) ----

    static final List<Kind> URL_STRING =
            List.of(
                    new Kind("empty", List.of("")),
                    new Kind("whitespace", List.of("%20", "+", "%09", "%20%20%20")),
                    new Kind(
                            "oversized value (4 KB)",
                            List.of("x".repeat(4000), "%41".repeat(1300))),
                    new Kind(
                            "type confusion",
                            List.of("[]", "%7B%7D", "null", "-1", "1e309", "true", "0", "NaN")),
                    new Kind(
                            "broken percent-encoding",
                            List.of("%", "%2", "%zz", "%G1", "100%", "%%32", "a%")),
                    new Kind(
                            "invalid UTF-8 (percent-encoded)",
                            List.of(
                                    "%ff",
                                    "%C0%AF",
                                    "%ED%A0%80",
                                    "%F4%90%80%80",
                                    "%80",
                                    "%E2%82",
                                    "%FE%FF")),
                    new Kind(
                            "control characters (percent-encoded)",
                            List.of("%00", "%0A", "%0D%0A", "%1B", "%7F", "a%00b")),
                    new Kind(
                            "raw non-ASCII bytes",
                            List.of(
                                    "\u00ff",
                                    "\u00c3\u00a9",
                                    "\u0080",
                                    "a\u00ffb",
                                    "\u00ed\u00a0\u0080")),
                    new Kind(
                            "unicode (percent-encoded)",
                            List.of(
                                    "%F0%9F%98%80",
                                    "%E2%80%AE", "%EF%BB%BF", "%C3%A9", "%E4%B8%AD")),
                    new Kind(
                            "injection and wildcards",
                            List.of(
                                    "'%20OR%20'1'%3D'1",
                                    "%24where",
                                    "%7B%22%24gt%22%3A%22%22%7D",
                                    ".*",
                                    "(",
                                    "%5B",
                                    "%5C",
                                    "%25",
                                    "_",
                                    "*",
                                    "%3Cscript%3E")),
                    new Kind(
                            "time-like",
                            List.of(
                                    "2026-13-45T25:61:61Z",
                                    "%2B999999999-12-31T23:59:59Z",
                                    "-999999999-01-01T00:00:00Z",
                                    "9999-12-31T23:59:59.999999999Z",
                                    "0000-01-01T00:00:00Z",
                                    "2026-01-01T00:00:00%2B25:00",
                                    "2026-01-01",
                                    "1e20",
                                    "now",
                                    "1700000000",
                                    "2026-06-01T12:00:00.1234567891Z")),
                    new Kind(
                            "cursor-like",
                            List.of(
                                    "AAAA",
                                    "eyJ9",
                                    "%3D%3D%3D",
                                    "eyJ0IjoxfQ",
                                    "_-_-",
                                    "A".repeat(1000),
                                    "////",
                                    "eyJzIjoiJ2Ffb3IiLCJpIjoxfQ")));

    static final List<Kind> URL_INTEGER =
            List.of(
                    new Kind("empty", List.of("")),
                    new Kind(
                            "type confusion",
                            List.of(
                                    "abc",
                                    "1.5",
                                    "true",
                                    "0x10",
                                    "1e3",
                                    "%D9%A1%D9%A2",
                                    "%2B5",
                                    "%205",
                                    "5%20",
                                    "-0",
                                    "[]")),
                    new Kind(
                            "boundary",
                            List.of(
                                    "0",
                                    "-1",
                                    "1",
                                    "200",
                                    "201",
                                    "2147483647",
                                    "2147483648",
                                    "-2147483649",
                                    "99999999999999999999",
                                    "-9223372036854775809")),
                    new Kind("broken percent-encoding", List.of("%", "1%", "%3")),
                    new Kind(
                            "invalid UTF-8 (percent-encoded)", List.of("%ff", "%ED%A0%80", "1%C0")),
                    new Kind("raw non-ASCII bytes", List.of("\u00ff", "1\u00ff")));

    static final Kind PATH_TRICKS =
            new Kind(
                    "path tricks",
                    List.of(
                            "..",
                            "%2e%2e",
                            "%2F",
                            "a%2Fb",
                            ".",
                            "a;b=c",
                            "%3B",
                            "x/y",
                            "",
                            "%5C",
                            "%2e",
                            "..%2F..%2F"));

    // ---- header values ----

    static final List<Kind> HEADER_VALUE =
            List.of(
                    new Kind("empty", List.of("")),
                    new Kind(
                            "garbage",
                            List.of(
                                    "abc",
                                    "\"",
                                    "W/",
                                    "\"1\", \"2\"",
                                    "\"-1\"",
                                    "\"99999999999999999999\"",
                                    "W/\"0\"",
                                    "*, \"1\"",
                                    "\"\"",
                                    "{}",
                                    "null")),
                    new Kind(
                            "long",
                            List.of(
                                    "k".repeat(256),
                                    "k".repeat(1000),
                                    "\"" + "9".repeat(1000) + "\"")),
                    new Kind(
                            "raw non-ASCII bytes",
                            List.of("\u00ff\u00fe", "\u00c3\u00a9t\u00c3\u00a9", "\u0080")),
                    new Kind("whitespace and tabs", List.of("a\tb", " ", "\t")));

    // ---- JSON body members (JSON texts) ----

    static final Kind JSON_NULL = new Kind("null", List.of("null"));
    static final Kind JSON_NOT_STRING =
            new Kind(
                    "wrong type (not a string)",
                    List.of("123", "true", "[]", "{}", "[\"a\"]", "1.5", "{\"$gt\":\"\"}"));
    static final Kind JSON_NOT_NUMBER =
            new Kind(
                    "wrong type (not a number)",
                    List.of("\"12\"", "true", "[]", "{}", "\"abc\"", "[1]"));
    static final Kind JSON_NOT_JSON_NUMBER =
            new Kind(
                    "not a JSON number",
                    List.of(
                            "NaN",
                            "Infinity",
                            "-Infinity",
                            "0x10",
                            ".5",
                            "01",
                            "+1",
                            "1.",
                            "1e",
                            "--1"));
    static final Kind JSON_HUGE_NUMBER =
            new Kind(
                    "extreme number",
                    List.of(
                            "1e309",
                            "-1e309",
                            "1e-400",
                            "123456789012345678901234567890",
                            "1E+2147483647",
                            "0.0000000000000000000000000001",
                            "-0",
                            "-0.0",
                            "9223372036854775808",
                            "2147483648",
                            "-2147483649",
                            "1" + "0".repeat(1200)));
    static final Kind JSON_EMPTY_STRING =
            new Kind("empty or blank", List.of("\"\"", "\"   \"", "\"\\t\\n\""));
    static final Kind JSON_OVERSIZED_STRING =
            new Kind(
                    "oversized string (100 KB)",
                    List.of(
                            "\"" + "x".repeat(100_000) + "\"",
                            "\"" + "\\u00e9".repeat(20_000) + "\""));
    static final Kind JSON_CONTROL =
            new Kind(
                    "control characters",
                    List.of(
                            "\"a\\u0000b\"",
                            "\"\\n\\r\\t\"",
                            "\"\\u001b[31m\"",
                            "\"\\u0000\"",
                            "\"a\u0001b\""));
    static final Kind JSON_LONE_SURROGATE =
            new Kind(
                    "lone surrogate",
                    List.of("\"\\ud800\"", "\"\\udfff\"", "\"a\\ud83d\"", "\"\\udc00\\ud800\""));
    static final Kind JSON_UNICODE =
            new Kind(
                    "unicode",
                    List.of(
                            "\"😀\"",
                            "\"\\u202e\"",
                            "\"\\ufeff\"",
                            "\"é\"",
                            "\"中文\"",
                            "\"\\uffff\""));
    static final Kind JSON_INJECTION =
            new Kind(
                    "injection and wildcards",
                    List.of(
                            "\"' OR '1'='1\"",
                            "\"%\"",
                            "\"_\"",
                            "\".*\"",
                            "\"\\\\\"",
                            "\"$where\"",
                            "\"<script>alert(1)</script>\"",
                            "\"${jndi:ldap://127.0.0.1/x}\"",
                            "\"'; DROP TABLE todos; --\""));
    static final Kind JSON_TIME_LIKE =
            new Kind(
                    "time-like",
                    List.of(
                            "\"2026-13-45T25:61:61Z\"",
                            "\"+999999999-12-31T23:59:59Z\"",
                            "\"-999999999-01-01T00:00:00Z\"",
                            "\"9999-12-31T23:59:59.999999999Z\"",
                            "\"0000-01-01T00:00:00Z\"",
                            "\"2026-01-01T00:00:00+25:00\"",
                            "\"2026-01-01\"",
                            "\"now\"",
                            "\"1700000000\"",
                            "1700000000",
                            "\"2026-06-01T12:00:00.1234567891Z\"",
                            "\"1970-01-01T00:00:00Z\""));
    static final Kind JSON_ENUM_CASE =
            new Kind(
                    "enum confusion",
                    List.of(
                            "\"UNKNOWN\"",
                            "\"\"",
                            "\"Pending\"",
                            "\"USER\"",
                            "\"ADMIN\"",
                            "\" admin\"",
                            "\"in-progress\"",
                            "\"0\"",
                            "0"));
    static final Kind JSON_PATTERN =
            new Kind(
                    "pattern violation",
                    List.of(
                            "\"ab\"",
                            "\"a b\"",
                            "\"" + "x".repeat(65) + "\"",
                            "\"ädmin\"",
                            "\"admin\\u0000\"",
                            "\"../x\"",
                            "\"<script>\"",
                            "\"admin\\n\""));
    static final Kind JSON_ENUM_BY_POSITION = new Kind("enum by position", List.of("0", "1", "2"));
    static final Kind JSON_FRACTION =
            new Kind("fraction for an integer", List.of("999.99", "1.5", "0.5"));
    static final Kind JSON_NUMBER_IN_STRING =
            new Kind("number in a string", List.of("\"1\"", "\"51.5\"", "\"-0.12\""));
    static final Kind JSON_NOT_BOOLEAN =
            new Kind(
                    "wrong type (not a boolean)", List.of("\"true\"", "\"false\"", "1", "0", "[]"));

    /**
     * Kinds of which no value is valid for a member of a scalar type, yet a lenient reader turns
     * each into one the client did not send (the third status, an integer cut short, a number
     * parsed from text): the only right answer is a 400 naming the member.
     */
    static final Set<Kind> NEVER_COERCED =
            Set.of(
                    JSON_NOT_STRING,
                    JSON_NOT_NUMBER,
                    JSON_NOT_BOOLEAN,
                    JSON_ENUM_CASE,
                    JSON_ENUM_BY_POSITION,
                    JSON_FRACTION,
                    JSON_NUMBER_IN_STRING);

    static final Kind JSON_EMPTY_ARRAY = new Kind("empty array", List.of("[]"));
    static final Kind JSON_ITEMS_WRONG =
            new Kind(
                    "items of the wrong type",
                    List.of("[1]", "[\"a\"]", "[null]", "[[]]", "[{}]", "[true, {}]"));

    // ---- whole JSON bodies ----

    static final List<Kind> JSON_DOCUMENT =
            List.of(
                    new Kind("empty object", List.of("{}")),
                    new Kind(
                            "not an object",
                            List.of("null", "[]", "\"text\"", "1", "true", "[{}]")),
                    new Kind(
                            "truncated JSON",
                            List.of("{", "{\"", "{\"title\":", "{\"title\":\"x\"", "[")),
                    new Kind("trailing garbage", List.of("{}x", "{}}", "{} {}", "{}\u0000")),
                    new Kind(
                            "comments and single quotes",
                            List.of("/* c */{}", "{'title':'x'}", "{title:\"x\"}", "// c\n{}")),
                    new Kind(
                            "deeply nested JSON",
                            List.of(
                                    "[".repeat(10_000) + "]".repeat(10_000),
                                    "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                                    "{\"title\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}")),
                    new Kind("whitespace only", List.of("", " ", "\n\n")));
}
