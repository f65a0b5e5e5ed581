package io.waymark.device;

import io.nayuki.qrcodegen.QrCode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What to type into each app for a new device, made once with its key: the settings
 * docs/phone-apps.md walks through, from the service's configured URL. For OwnTracks also its
 * configuration link ({@code owntracks:///config?inline=<base64 of a _type configuration message>},
 * https://owntracks.org/booklet/features/remoteconfig/) and that link as a QR code the app scans;
 * for Overland its setup link (aaronpk/Overland-iOS README, "Configuration by Custom URL").
 */
record DeviceSetup(
        @Schema(description = "this service's URL (WAYMARK_PUBLIC_URL)") String serverUrl,
        OwnTracksSetup owntracks,
        TraccarSetup traccarClient,
        @Schema(description = "GPSLogger: Log to custom URL, method GET, this URL")
                String gpsloggerUrl,
        OverlandSetup overland) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** OwnTracks: Mode HTTP, these URL and credentials, or the link / QR code that sets them. */
    record OwnTracksSetup(
            String url,
            String userName,
            String password,
            String configLink,
            @Schema(description = "the configuration link as a QR code, an SVG image")
                    String qrSvg) {}

    /** Traccar Client: server URL and device identifier. */
    record TraccarSetup(String serverUrl, String deviceIdentifier) {}

    /** Overland: receiver endpoint and access token, or the setup link that sets both. */
    record OverlandSetup(String receiverEndpoint, String accessToken, String setupLink) {}

    static DeviceSetup of(String serverUrl, String userName, String key, String deviceName) {
        String base =
                serverUrl.endsWith("/")
                        ? serverUrl.substring(0, serverUrl.length() - 1)
                        : serverUrl;
        String ownTracksUrl = base + "/api/v1/ingest/owntracks";
        String osmAnd = base + "/api/v1/ingest/osmand";
        String overland = base + "/api/v1/ingest/overland";
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("_type", "configuration");
        configuration.put("mode", 3);
        configuration.put("url", ownTracksUrl);
        configuration.put("auth", true);
        configuration.put("username", userName);
        configuration.put("password", key);
        configuration.put("deviceId", deviceId(deviceName));
        String inline =
                Base64.getEncoder()
                        .encodeToString(
                                JSON.writeValueAsString(configuration)
                                        .getBytes(StandardCharsets.UTF_8));
        String configLink = "owntracks:///config?inline=" + encode(inline);
        return new DeviceSetup(
                base,
                new OwnTracksSetup(ownTracksUrl, userName, key, configLink, svg(configLink)),
                new TraccarSetup(osmAnd, key),
                osmAnd
                        + "?id="
                        + encode(key)
                        + "&lat=%LAT&lon=%LON&timestamp=%TIMESTAMP&accuracy=%ACC&altitude=%ALT"
                        + "&speed_mps=%SPD&bearing=%DIR&batt=%BATT",
                new OverlandSetup(
                        overland,
                        key,
                        "overland://setup?url=" + encode(overland) + "&token=" + encode(key)));
    }

    /** OwnTracks puts the device id in its topic: letters, digits and dashes only. */
    private static String deviceId(String name) {
        String id =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return id.isEmpty() ? "phone" : id;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The QR code as an SVG: one path of unit squares, a quiet zone of 4 modules as the standard
     * asks, crisp at any size.
     */
    static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
                + size
                + " "
                + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\""
                + path
                + "\"/></svg>";
    }
}
