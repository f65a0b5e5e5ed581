package io.waymark.config;

import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks where the actuator listens ({@code WAYMARK_MANAGEMENT_PORT}, {@code
 * WAYMARK_MANAGEMENT_ADDRESS}) before anything binds. The one rule Spring Boot would not enforce is
 * the important one: on the application's own port the actuator would be served to everyone API
 * Gateway or the load balancer lets through, so the two must differ.
 */
class ManagementServerEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PORT = "WAYMARK_MANAGEMENT_PORT";
    static final String ADDRESS = "WAYMARK_MANAGEMENT_ADDRESS";
    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty(PORT);
        if (port != null && !isPort(port.strip())) {
            throw new InvalidSettingException(
                    PORT,
                    "must be a port number from 1 to 65535 (0 picks a free one), got '"
                            + port
                            + "'");
        }
        String address = environment.getProperty(ADDRESS);
        // An address literal, never a host name: a name would be looked up in DNS at start, and
        // could change.
        if (address != null
                && !IPV4.matcher(address.strip()).matches()
                && !IPV6.matcher(address.strip()).matches()) {
            throw new InvalidSettingException(
                    ADDRESS,
                    "must be an IP address such as 127.0.0.1 or 0.0.0.0, got '" + address + "'");
        }
        String managementPort = environment.getProperty("management.server.port");
        String serverPort = environment.getProperty("server.port", "8080");
        if (managementPort != null
                && !"0".equals(managementPort.strip())
                && Objects.equals(managementPort.strip(), serverPort.strip())) {
            throw new InvalidSettingException(
                    PORT,
                    "must differ from PORT ("
                            + serverPort.strip()
                            + "): on the application's port the actuator would be public");
        }
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value);
            return port >= 0 && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
