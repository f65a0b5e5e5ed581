package io.waymark.authorizer;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on the loopback interface publishing a JWK set the test can change, like the
 * service does.
 */
final class JwksServer implements AutoCloseable {

    private static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String body = new JWKSet().toString();
    private volatile int status = 200;

    JwksServer() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                PATH,
                exchange -> {
                    requests.incrementAndGet();
                    byte[] bytes = body.getBytes(UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
    }

    /** Publishes the public halves of these keys, as the service's JWKS endpoint does. */
    JwksServer publish(JWK... keys) {
        body = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
        status = 200;
        return this;
    }

    JwksServer answer(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    int requests() {
        return requests.get();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
