package io.waymark.badinput;

import io.waymark.badinput.BadValues.Kind;
import io.waymark.testing.OpenApiDocument.Operation;
import io.waymark.testing.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * What can be wrong with a request before any parameter is read: the method, the path's spelling,
 * the request line, headers and body framing. Most of these are rejected by Tomcat itself, outside
 * Spring MVC.
 */
final class Malformations {

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private Malformations() {}

    /**
     * A method the path does not declare, and variants of the path that routing might read
     * differently.
     */
    static List<Family> methodAndPath(Operation op, Set<String> declared) {
        List<String> undeclared =
                METHODS.stream()
                        .filter(m -> !declared.contains(m + " " + op.path()))
                        .sorted()
                        .toList();
        List<Family> families = new ArrayList<>();
        if (!undeclared.isEmpty()) {
            families.add(
                    new Family(
                            "method",
                            new Kind("undeclared method", undeclared),
                            (p, v) -> p.rawEdits.add(r -> r.method(v))));
        }
        families.add(
                new Family(
                        "path",
                        new Kind(
                                "path variant",
                                List.of(
                                        "trailing slash",
                                        "double slash",
                                        "upper case",
                                        "dot segment",
                                        "encoded dot segment",
                                        "matrix parameter",
                                        "encoded slash",
                                        "extra segment",
                                        "fragment")),
                        (p, v) -> p.rawEdits.add(r -> r.target(pathVariant(r.target(), v)))));
        return families;
    }

    private static String pathVariant(String target, String variant) {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String rest = query < 0 ? "" : target.substring(query);
        String changed =
                switch (variant) {
                    case "trailing slash" -> path + "/";
                    case "double slash" -> "/" + path;
                    case "upper case" -> path.toUpperCase(Locale.ROOT);
                    case "dot segment" -> "/./" + path.substring(1);
                    case "encoded dot segment" -> "/%2e/" + path.substring(1);
                    case "matrix parameter" -> path + ";jsessionid=x";
                    case "encoded slash" -> path.replaceFirst("/", "%2F");
                    case "extra segment" -> path + "/extra";
                    case "fragment" -> path + "#frag";
                    default -> throw new IllegalArgumentException(variant);
                };
        return changed + rest;
    }

    /**
     * Malformations of the request itself, the same for every operation; {@code authority} is the
     * Host.
     */
    static List<Family> requestLevel(String authority) {
        List<Family> families = new ArrayList<>();
        families.add(
                raw(
                        "oversized request line (70 KB query string)",
                        r ->
                                r.target(
                                        r.target()
                                                + (r.target().contains("?") ? "&" : "?")
                                                + "q="
                                                + "x".repeat(70_000))));
        families.add(
                raw(
                        "oversized request line (70 KB path)",
                        r -> r.target(r.target() + "/" + "x".repeat(70_000))));
        families.add(
                raw("oversized header (70 KB)", r -> r.header("X-Filler", "x".repeat(70_000))));
        families.add(
                raw(
                        "too many headers (150)",
                        r -> IntStream.range(0, 150).forEach(i -> r.header("X-H" + i, "v"))));
        families.add(raw("header line without colon", r -> r.rawHeaderLine("NoColonHere")));
        families.add(raw("header name with a space", r -> r.rawHeaderLine("Bad Name: x")));
        families.add(
                raw(
                        "obs-fold continuation line",
                        r -> r.header("X-A", "a").rawHeaderLine(" folded")));
        families.add(raw("NUL in a header value", r -> r.header("X-A", "a\u0000b")));
        families.add(raw("CR in a header value", r -> r.header("X-A", "a\rb")));
        families.add(raw("unknown method", r -> r.method("FOO")));
        families.add(raw("lower-case method", r -> r.method(r.method().toLowerCase(Locale.ROOT))));
        families.add(raw("HTTP/1.0 without Host", r -> r.version("HTTP/1.0").withoutHost()));
        families.add(raw("HTTP/1.1 without Host", RawHttp.Request::withoutHost));
        families.add(
                raw(
                        "two Host headers",
                        r -> r.header("Host", authority).header("Host", "other.invalid")));
        families.add(raw("bad HTTP version (HTTP/9.9)", r -> r.version("HTTP/9.9")));
        families.add(raw("bad HTTP version (HTTP/1.1x)", r -> r.version("HTTP/1.1x")));
        families.add(raw("bad HTTP version (http/1.1)", r -> r.version("http/1.1")));
        families.add(
                raw("absolute-form target", r -> r.target("http://" + authority + r.target())));
        families.add(raw("target without leading slash", r -> r.target(r.target().substring(1))));
        families.add(raw("asterisk target", r -> r.target("*")));
        families.add(
                raw(
                        "raw space in the query",
                        r ->
                                r.target(
                                        r.target()
                                                + (r.target().contains("?") ? "&" : "?")
                                                + "q=a b")));
        families.add(
                raw(
                        "tab in the request line",
                        r -> r.requestLine(r.method() + "\t" + r.target() + " HTTP/1.1")));
        families.add(raw("raw control byte in the path", r -> r.target(r.target() + "\u0001")));
        families.add(
                raw(
                        "chunked body with a bad chunk size",
                        r ->
                                r.removeHeader("Content-Length")
                                        .header("Transfer-Encoding", "chunked")
                                        .withoutContentLength()
                                        .body("zz\r\n{}\r\n0\r\n\r\n")));
        families.add(
                raw(
                        "Content-Length and Transfer-Encoding",
                        r ->
                                r.header("Transfer-Encoding", "chunked")
                                        .header("Content-Length", "5")
                                        .body("2\r\n{}\r\n0\r\n\r\n")));
        families.add(
                raw(
                        "unknown Transfer-Encoding",
                        r ->
                                r.header("Transfer-Encoding", "foo")
                                        .withoutContentLength()
                                        .body("{}")));
        families.add(
                raw(
                        "negative Content-Length",
                        r -> r.header("Content-Length", "-1").withoutContentLength().body("{}")));
        families.add(
                raw(
                        "non-numeric Content-Length",
                        r -> r.header("Content-Length", "abc").withoutContentLength().body("{}")));
        families.add(
                raw(
                        "two different Content-Lengths",
                        r ->
                                r.header("Content-Length", "2")
                                        .header("Content-Length", "3")
                                        .withoutContentLength()
                                        .body("{}")));
        families.add(
                raw(
                        "Content-Length larger than the body",
                        r -> r.header("Content-Length", "100").withoutContentLength().body("{}")));
        families.add(raw("unsupported Expect", r -> r.header("Expect", "something-else")));
        return families;
    }

    private static Family raw(String kind, Consumer<RawHttp.Request> edit) {
        return new Family("request", new Kind(kind, List.of("")), (p, v) -> p.rawEdits.add(edit));
    }
}
