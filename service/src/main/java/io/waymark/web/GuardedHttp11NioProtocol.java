package io.waymark.web;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 connector with two limits that keep slow and greedy clients from using up its
 * connections ({@code maxConnections}): a cap on the connections one client address holds open, and
 * a deadline for a whole request head. Tomcat's own {@code connectionTimeout} applies to each read,
 * so a client that sends one more header line now and then keeps its connection as long as it
 * likes; here the head must be complete within the deadline from its first byte. Public, with a
 * public constructor, because Tomcat creates its protocol from the class name.
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

    private final GuardedEndpoint guarded;
    private volatile long headTimeoutNanos = Long.MAX_VALUE;
    private volatile long sweepMillis = 500;
    private ScheduledFuture<?> sweep;

    public GuardedHttp11NioProtocol() {
        this(new GuardedEndpoint());
    }

    private GuardedHttp11NioProtocol(GuardedEndpoint endpoint) {
        super(endpoint);
        this.guarded = endpoint;
    }

    void guard(int perClient, Duration headTimeout, List<Predicate<String>> trustedProxies) {
        guarded.clients.limit(perClient, trustedProxies);
        headTimeoutNanos = headTimeout.toNanos();
        // Four looks per deadline keep its overshoot to a quarter of it, and at most half a second.
        sweepMillis = Math.clamp(headTimeout.toMillis() / 4, 50, 500);
    }

    int openBy(String client) {
        return guarded.clients.openBy(client);
    }

    @Override
    public void start() throws Exception {
        super.start();
        sweep =
                getUtilityExecutor()
                        .scheduleWithFixedDelay(
                                this::endLateHeads,
                                sweepMillis,
                                sweepMillis,
                                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        if (sweep != null) {
            sweep.cancel(false);
        }
        super.stop();
    }

    /**
     * A connection whose request head is still arriving has its processor parked on it between
     * reads, with the time of the head's first byte (Tomcat clears it when a request ends). Once
     * the head is complete the request runs, and its processor is no longer parked but in use; only
     * an asynchronous or upgraded request parks it again. The processor is left to the garbage
     * collector rather than returned to Tomcat's cache: a late head is rare.
     */
    private void endLateHeads() {
        long now = System.nanoTime();
        for (SocketWrapperBase<?> connection : guarded.getConnections()) {
            if (connection.getCurrentProcessor() instanceof AbstractProcessor processor) {
                Request request = processor.getRequest();
                long started = request.getStartTimeNanos();
                if (!processor.isAsync()
                        && !processor.isUpgrade()
                        && started > 0
                        && now - started > headTimeoutNanos) {
                    // Taken off the connection, the processor cannot be picked up by a worker
                    // reading the next bytes; if a worker has it already, the next look will do.
                    if (connection.takeCurrentProcessor() == processor) {
                        connection.close();
                    }
                }
            }
        }
    }

    /** Tomcat's NIO endpoint with its connection map counting per client. */
    static final class GuardedEndpoint extends NioEndpoint {

        final ClientConnections clients = new ClientConnections();

        GuardedEndpoint() {
            connections = clients;
        }

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            if (!clients.admit(socket)) {
                // The acceptor closes only what is in the map of connections; this one never was.
                destroySocket(socket);
                return false;
            }
            if (super.setSocketOptions(socket)) {
                return true;
            }
            clients.forget(socket);
            return false;
        }
    }
}
