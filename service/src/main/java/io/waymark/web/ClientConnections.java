package io.waymark.web;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's map of open connections, counting them per client address as Tomcat adds and removes
 * them: the one place every connection passes through on open and on close, whoever closes it. A
 * client is an IPv4 address or an IPv6 /64, the block one subscriber gets. Trusted proxies (the
 * load balancer, API Gateway's VPC link) carry everyone's connections and are not counted.
 */
final class ClientConnections
        extends ConcurrentHashMap<SocketChannel, SocketWrapperBase<NioChannel>> {

    private static final Logger log = LoggerFactory.getLogger(ClientConnections.class);
    private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

    private final transient ConcurrentHashMap<String, Integer> perClient =
            new ConcurrentHashMap<>();
    private final transient ConcurrentHashMap<SocketChannel, String> clientOf =
            new ConcurrentHashMap<>();
    private final transient AtomicLong refused = new AtomicLong();
    private final transient AtomicLong lastReport =
            new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS - 1);
    private transient volatile int limit = Integer.MAX_VALUE;
    private transient volatile Predicate<String> exempt = address -> false;

    void limit(int perClient, List<Predicate<String>> trustedProxies) {
        this.limit = perClient;
        this.exempt = address -> trustedProxies.stream().anyMatch(p -> p.test(address));
    }

    /** Counts a new connection, or says no when its client already holds its share. */
    boolean admit(SocketChannel channel) {
        InetAddress address;
        try {
            address = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | ClassCastException | NullPointerException gone) {
            return false;
        }
        if (exempt.test(address.getHostAddress())) {
            return true;
        }
        String client = client(address);
        boolean[] admitted = {false};
        perClient.compute(
                client,
                (key, open) -> {
                    int count = open == null ? 0 : open;
                    if (count >= limit) {
                        return open;
                    }
                    admitted[0] = true;
                    return count + 1;
                });
        if (admitted[0]) {
            clientOf.put(channel, client);
        } else {
            report(client);
        }
        return admitted[0];
    }

    /** Uncounts a connection; safe to call twice. */
    void forget(Object channel) {
        String client = clientOf.remove(channel);
        if (client != null) {
            perClient.computeIfPresent(client, (key, open) -> open <= 1 ? null : open - 1);
        }
    }

    int openBy(String client) {
        return perClient.getOrDefault(client, 0);
    }

    @Override
    public SocketWrapperBase<NioChannel> remove(Object channel) {
        SocketWrapperBase<NioChannel> removed = super.remove(channel);
        forget(channel);
        return removed;
    }

    static String client(InetAddress address) {
        if (address instanceof Inet6Address) {
            return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    /** One line a minute at most: a flood of refusals must not become a flood of log lines. */
    private void report(String client) {
        long count = refused.incrementAndGet();
        long last = lastReport.get();
        long now = System.nanoTime();
        if (now - last > REPORT_EVERY_NANOS && lastReport.compareAndSet(last, now)) {
            refused.addAndGet(-count);
            log.warn(
                    "Refused {} connection(s) from clients at their limit of {} open connections,"
                            + " the last from {}",
                    count,
                    limit,
                    client);
        }
    }
}
