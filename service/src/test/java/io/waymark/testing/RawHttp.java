package io.waymark.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: no client library in between that would
 * re-encode a path, refuse a header or fix up a Content-Type. For what only a hostile or broken
 * client sends: invalid percent-encodings, raw non-ASCII bytes, malformed headers, oversized
 * request lines. One connection per request ({@code Connection: close}), so an answer ends where
 * the server closes.
 */
public final class RawHttp {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** For the service behind an {@link Api}: its base URL names the host and port. */
    public static RawHttp to(Api api) {
        URI uri = URI.create(api.baseUrl());
        return new RawHttp(uri.getHost(), uri.getPort());
    }

    /** {@code host:port}, as a Host header wants it. */
    public String authority() {
        return host + ":" + port;
    }

    /** Starts a well-formed request; every part can then be replaced by arbitrary bytes. */
    public Request request(String method, String target) {
        return new Request(method, target);
    }

    /**
     * Sends these exact bytes and reads the answer. A server that closes without answering (or
     * resets the connection before a status line arrived) gives status -1 with the reason as the
     * body.
     */
    public Answer send(byte[] bytes) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            IOException writeFailure = null;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may have answered and closed before reading everything (an oversized
                // header): read on.
                writeFailure = e;
            }
            return read(socket.getInputStream(), bytes, writeFailure);
        } catch (IOException e) {
            return Answer.none("no answer: " + e);
        }
    }

    private static Answer read(InputStream in, byte[] request, IOException writeFailure)
            throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0 && all.size() < MAX_ANSWER_BYTES; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (all.size() == 0) {
                return Answer.none(
                        "no answer: "
                                + e
                                + (writeFailure != null
                                        ? " (after write failure: " + writeFailure + ")"
                                        : ""));
            }
        }
        return Answer.parse(all.toByteArray(), startsWithHead(request));
    }

    private static boolean startsWithHead(byte[] request) {
        return request.length >= 5
                && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
    }

    /**
     * A request under construction. Texts are sent as ISO-8859-1, so a char up to U+00FF is exactly
     * one byte: {@code "\u00ff"} puts the raw byte 0xFF on the wire. Host, Content-Length and
     * Connection are added unless set (or suppressed) explicitly.
     */
    public final class Request {
        private String method;
        private String target;
        private String version = "HTTP/1.1";
        private final List<String[]> headers = new ArrayList<>();
        private byte[] body;
        private boolean automaticHost = true;
        private boolean automaticLength = true;
        private String rawRequestLine;

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Request method(String value) {
            this.method = value;
            return this;
        }

        public Request target(String value) {
            this.target = value;
            return this;
        }

        public Request version(String value) {
            this.version = value;
            return this;
        }

        /** Replaces the whole request line with these bytes. */
        public Request requestLine(String line) {
            this.rawRequestLine = line;
            return this;
        }

        public Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        /** A header line sent exactly as given, colon or not. */
        public Request rawHeaderLine(String line) {
            headers.add(new String[] {line, null});
            return this;
        }

        public Request removeHeader(String name) {
            headers.removeIf(h -> h[1] != null && h[0].equalsIgnoreCase(name));
            return this;
        }

        public Request replaceHeader(String name, String value) {
            return removeHeader(name).header(name, value);
        }

        public Request body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        public Request body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        public Request withoutHost() {
            automaticHost = false;
            return this;
        }

        /** No Content-Length added: for requests that state the body's framing themselves. */
        public Request withoutContentLength() {
            automaticLength = false;
            return this;
        }

        public String method() {
            return method;
        }

        /**
         * Whether the whole request line is given as bytes, instead of method, target and version.
         */
        public boolean replacesRequestLine() {
            return rawRequestLine != null;
        }

        public String target() {
            return target;
        }

        public byte[] bodyBytes() {
            return body;
        }

        public String header(String name) {
            return headers.stream()
                    .filter(h -> h[1] != null && h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .findFirst()
                    .orElse(null);
        }

        public byte[] bytes() {
            StringBuilder head = new StringBuilder();
            head.append(
                            rawRequestLine != null
                                    ? rawRequestLine
                                    : method + " " + target + " " + version)
                    .append("\r\n");
            if (automaticHost && header("Host") == null) {
                head.append("Host: ").append(authority()).append("\r\n");
            }
            for (String[] h : headers) {
                head.append(h[1] == null ? h[0] : h[0] + ": " + h[1]).append("\r\n");
            }
            if (automaticLength
                    && body != null
                    && header("Content-Length") == null
                    && header("Transfer-Encoding") == null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (header("Connection") == null) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (body == null) {
                return start;
            }
            byte[] all = new byte[start.length + body.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(body, 0, all, start.length, body.length);
            return all;
        }

        public Answer send() {
            return RawHttp.this.send(bytes());
        }
    }

    /** An answer: status (-1 for none), headers by lower-cased name, and the body (de-chunked). */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        static Answer none(String reason) {
            return new Answer(-1, Map.of(), reason.getBytes(StandardCharsets.UTF_8));
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Answer parse(byte[] raw, boolean head) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                return none(
                        "no complete status line and headers in "
                                + raw.length
                                + " bytes: "
                                + new String(
                                        raw,
                                        0,
                                        Math.min(raw.length, 120),
                                        StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/")) {
                return none("not an HTTP answer: " + lines[0]);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(
                                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
            List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
            byte[] body =
                    head
                            ? new byte[0]
                            : encoding.stream().anyMatch(e -> e.equalsIgnoreCase("chunked"))
                                    ? dechunk(rest)
                                    : rest;
            return new Answer(Integer.parseInt(status[1].trim()), headers, body);
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < chunked.length) {
                int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
                if (lineEnd < 0) {
                    break;
                }
                String sizeText =
                        new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                                .split(";")[0].trim();
                int size;
                try {
                    size = Integer.parseInt(sizeText, 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size == 0) {
                    break;
                }
                int start = lineEnd + 2;
                out.write(chunked, start, Math.min(size, chunked.length - start));
                at = start + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] data, byte[] pattern) {
            return indexOf(data, pattern, 0);
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
