package io.waymark.webpage;

import com.sun.net.httpserver.HttpServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A map tile server on 127.0.0.1 for the tests (the browser reaches nothing else): answers {@code
 * /tiles/Z/X/Y.png} with a plain 256 x 256 tile that names itself, and remembers every request with
 * its Referer header, so a test sees which tiles the page asked for and what it told the server.
 */
final class TileServer implements AutoCloseable {

    private static final Pattern TILE = Pattern.compile("/tiles/(\\d+)/(\\d+)/(\\d+)\\.png");

    /** One tile request: the path and the Referer header (null when none was sent). */
    record Request(String path, String referer) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private TileServer(HttpServer server) {
        this.server = server;
    }

    static TileServer start() {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TileServer tiles = new TileServer(server);
            server.createContext(
                    "/tiles/",
                    exchange -> {
                        tiles.requests.add(
                                new Request(
                                        exchange.getRequestURI().getPath(),
                                        exchange.getRequestHeaders().getFirst("Referer")));
                        Matcher tile = TILE.matcher(exchange.getRequestURI().getPath());
                        byte[] body =
                                tile.matches()
                                        ? png(
                                                tile.group(1)
                                                        + "/"
                                                        + tile.group(2)
                                                        + "/"
                                                        + tile.group(3))
                                        : new byte[0];
                        exchange.getResponseHeaders().set("Content-Type", "image/png");
                        exchange.sendResponseHeaders(
                                tile.matches() ? 200 : 404, body.length == 0 ? -1 : body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return tiles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tile URL template to configure the service with. */
    String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/tiles/{z}/{x}/{y}.png";
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A light tile with its border and its z/x/y, so a screenshot shows honestly what the map was
     * given.
     */
    private static byte[] png(String name) {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0xEE, 0xF1, 0xEA));
            g.fillRect(0, 0, 256, 256);
            g.setColor(new Color(0xD5, 0xDC, 0xCF));
            g.setStroke(new BasicStroke(1));
            g.drawRect(0, 0, 255, 255);
            g.setColor(new Color(0x9A, 0xA5, 0x94));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("test tile " + name, 8, 18);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
