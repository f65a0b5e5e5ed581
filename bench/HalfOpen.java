import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Slow clients against a service on this machine: opens CONNECTIONS half-open connections (a
 * request line and one header, never finished) from ADDRESSES loopback addresses 127.0.50.x, sends
 * one more header line on each every TRICKLE seconds, and once a second for SECONDS seconds times
 * {@code GET /health} from 127.0.0.1, a client that has done nothing wrong. Prints one line a
 * second: how many of the connections the server still holds, and the health answer's time (or
 * "no answer" after 5 s).
 *
 * <pre>java bench/HalfOpen.java PORT [CONNECTIONS=9000] [ADDRESSES=8] [TRICKLE=9] [SECONDS=40]</pre>
 *
 * Bounded on purpose: the loopback only, at most 10,000 connections and 120 seconds.
 */
public class HalfOpen {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(
                    "usage: java bench/HalfOpen.java PORT [CONNECTIONS] [ADDRESSES] [TRICKLE]"
                            + " [SECONDS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int connections = Math.min(arg(args, 1, 9_000), 10_000);
        int addresses = Math.clamp(arg(args, 2, 8), 1, 250);
        int trickle = Math.max(arg(args, 3, 9), 1);
        int seconds = Math.min(arg(args, 4, 40), 120);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        var held = new ConcurrentLinkedQueue<SocketChannel>();
        byte[] head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);
        long opening = System.nanoTime();
        // A few hundred connects in flight at most: a burst of thousands overflows the accept queue,
        // and the connections refused that way say nothing about the server.
        var inFlight = new Semaphore(256);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                String from = "127.0.50." + (1 + i % addresses);
                executor.submit(
                        () -> {
                            inFlight.acquireUninterruptibly();
                            try {
                                SocketChannel channel = SocketChannel.open();
                                channel.bind(new InetSocketAddress(from, 0));
                                channel.socket().connect(target, 2_000);
                                channel.write(ByteBuffer.wrap(head));
                                channel.configureBlocking(false);
                                held.add(channel);
                            } catch (IOException refusedOrTimedOut) {
                                // a server at its limit may refuse: that is what is measured
                            } finally {
                                inFlight.release();
                            }
                        });
            }
        }
        System.out.printf(
                "opened %d of %d half-open connections from %d addresses in %.1f s%n",
                held.size(), connections, addresses, (System.nanoTime() - opening) / 1e9);

        long start = System.nanoTime();
        for (int second = 1; second <= seconds; second++) {
            if (second % trickle == 0) {
                byte[] line = ("X-Trickle-" + second + ": 1\r\n").getBytes(StandardCharsets.US_ASCII);
                held.forEach(channel -> write(channel, line));
            }
            long open = held.stream().filter(HalfOpen::open).count();
            System.out.printf(
                    "t=%3ds held by the server: %5d   GET /health: %s%n",
                    second, open, health(target));
            long next = start + second * 1_000_000_000L;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
        }
        held.forEach(HalfOpen::close);
    }

    private static String health(InetSocketAddress target) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            socket.connect(target, 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(
                            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] status = in.readNBytes(12);
            String line = new String(status, StandardCharsets.US_ASCII);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return line.endsWith("200") ? millis + " ms" : "answered '" + line + "'";
        } catch (IOException e) {
            return String.format(
                    "no answer (%s after %d ms)",
                    e.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean open(SocketChannel channel) {
        try {
            return channel.isOpen() && channel.read(ByteBuffer.allocate(1)) == 0;
        } catch (IOException reset) {
            return false;
        }
    }

    private static void write(SocketChannel channel, byte[] line) {
        try {
            channel.write(ByteBuffer.wrap(line));
        } catch (IOException closed) {
            close(channel);
        }
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
