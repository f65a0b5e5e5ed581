package io.waymark.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint ({@code POST /v1/traces}, protobuf), in the
 * test: it keeps every span it receives and answers 200 as a collector does. The protobuf is read
 * by field number (the OTLP schema's {@code ExportTraceServiceRequest}), so no generated classes
 * are needed for the few fields read.
 */
public final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span: ids in lower-case hex, its name, its attributes and its resource's
     * service.name.
     */
    public record Span(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Map<String, String> attributes,
            String serviceName) {}

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext(
                    "/v1/traces",
                    exchange -> {
                        try (exchange) {
                            receiver.contentTypes.add(
                                    String.valueOf(
                                            exchange.getRequestHeaders().getFirst("Content-Type")));
                            InputStream body = exchange.getRequestBody();
                            if ("gzip"
                                    .equalsIgnoreCase(
                                            exchange.getRequestHeaders()
                                                    .getFirst("Content-Encoding"))) {
                                body = new GZIPInputStream(body);
                            }
                            receiver.spans.addAll(parse(body.readAllBytes()));
                            exchange.getResponseHeaders()
                                    .add("Content-Type", "application/x-protobuf");
                            exchange.sendResponseHeaders(200, 0);
                        }
                    });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to: the base URL, without {@code /v1/traces}.
     */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** The first span matching, waiting up to {@code timeout} for the exporter's next batch. */
    public Optional<Span> await(Predicate<Span> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<Span> found = spans.stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest: 1 resource_spans. ResourceSpans: 1 resource, 2 scope_spans.
    // Resource: 1 attributes.
    // ScopeSpans: 2 spans. Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes.
    // KeyValue: 1 key, 2 value. AnyValue: 1 string_value.
    static List<Span> parse(byte[] request) {
        List<Span> parsed = new ArrayList<>();
        for (byte[] resourceSpans : Protobuf.fields(request).getOrDefault(1, List.of())) {
            Map<Integer, List<byte[]>> fields = Protobuf.fields(resourceSpans);
            Map<String, String> resource = new LinkedHashMap<>();
            for (byte[] r : fields.getOrDefault(1, List.of())) {
                resource.putAll(attributes(Protobuf.fields(r).getOrDefault(1, List.of())));
            }
            for (byte[] scopeSpans : fields.getOrDefault(2, List.of())) {
                for (byte[] span : Protobuf.fields(scopeSpans).getOrDefault(2, List.of())) {
                    Map<Integer, List<byte[]>> s = Protobuf.fields(span);
                    parsed.add(
                            new Span(
                                    hex(s, 1),
                                    hex(s, 2),
                                    hex(s, 4),
                                    text(s, 5),
                                    attributes(s.getOrDefault(9, List.of())),
                                    resource.get("service.name")));
                }
            }
        }
        return parsed;
    }

    private static Map<String, String> attributes(List<byte[]> keyValues) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (byte[] keyValue : keyValues) {
            Map<Integer, List<byte[]>> kv = Protobuf.fields(keyValue);
            String key = text(kv, 1);
            List<byte[]> value = kv.getOrDefault(2, List.of());
            if (key != null && !value.isEmpty()) {
                attributes.put(key, text(Protobuf.fields(value.getFirst()), 1));
            }
        }
        return attributes;
    }

    private static String hex(Map<Integer, List<byte[]>> fields, int number) {
        List<byte[]> value = fields.getOrDefault(number, List.of());
        return value.isEmpty() ? "" : HexFormat.of().formatHex(value.getFirst());
    }

    private static String text(Map<Integer, List<byte[]>> fields, int number) {
        List<byte[]> value = fields.getOrDefault(number, List.of());
        return value.isEmpty() ? null : new String(value.getFirst(), StandardCharsets.UTF_8);
    }

    /**
     * The protobuf wire format's length-delimited fields by number; other wire types are skipped.
     */
    static final class Protobuf {

        private Protobuf() {}

        static Map<Integer, List<byte[]>> fields(byte[] message) {
            Map<Integer, List<byte[]>> fields = new LinkedHashMap<>();
            int[] at = {0};
            while (at[0] < message.length) {
                long tag = varint(message, at);
                int number = (int) (tag >>> 3);
                switch ((int) (tag & 7)) {
                    case 0 -> varint(message, at);
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        int length = (int) varint(message, at);
                        ByteArrayOutputStream value = new ByteArrayOutputStream();
                        value.write(message, at[0], length);
                        at[0] += length;
                        fields.computeIfAbsent(number, n -> new ArrayList<>())
                                .add(value.toByteArray());
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "wire type " + (tag & 7) + " is not protobuf 3");
                }
            }
            return fields;
        }

        private static long varint(byte[] message, int[] at) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = message[at[0]++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }
    }
}
