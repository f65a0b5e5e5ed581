package io.waymark;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Waymark: users, to-dos and GPS pings over REST. {@link Commands} decides what the jar does
 * ({@code serve}, {@code migrate}, {@code create-admin}).
 */
@SpringBootApplication
public class WaymarkApplication {

    public static void main(String[] args) {
        int exitCode = Commands.run(args);
        if (exitCode != Commands.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
