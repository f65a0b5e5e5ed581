package io.waymark;

import io.waymark.shared.ApiException;
import io.waymark.user.AdminAccounts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * The commands of the one jar. Every start-up failure ends the process with a non-zero exit code.
 */
final class Commands {

    static final int KEEP_RUNNING = -1;
    private static final String USAGE =
            "usage: waymark [serve | migrate | create-admin USER_NAME | train]";

    private Commands() {}

    static int run(String[] args) {
        String command = args.length == 0 || args[0].startsWith("--") ? "serve" : args[0];
        String[] rest =
                args.length == 0 || args[0].startsWith("--")
                        ? args
                        : Arrays.copyOfRange(args, 1, args.length);
        return switch (command) {
            case "serve" -> serve(rest);
            case "migrate" -> migrate(rest);
            case "create-admin" -> createAdmin(rest);
            case "train" -> train(rest);
            default -> {
                System.err.println("waymark: unknown command '" + command + "'; " + USAGE);
                yield 2;
            }
        };
    }

    /**
     * Serves HTTP until stopped. ECS (and docker stop) send SIGTERM: the context closes with
     * graceful shutdown, so in-flight requests finish, and the process exits 0 rather than the
     * JVM's default 143.
     */
    private static int serve(String[] args) {
        try {
            SpringApplication application = new SpringApplication(WaymarkApplication.class);
            BuildTimeContext.useWhenItMatches(application);
            application.run(args);
        } catch (SpringApplication.AbandonedRunException e) {
            throw e; // the build's Spring AOT processing stops the run here on purpose
        } catch (RuntimeException e) {
            return 1; // Spring Boot has already reported the cause
        }
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        return KEEP_RUNNING;
    }

    /**
     * The AOT cache's training run ({@link Training}); the image build runs it, nobody else needs
     * to.
     */
    private static int train(String[] args) {
        try {
            return Training.run(args);
        } catch (Exception e) {
            System.err.println("waymark: train failed: " + rootMessage(e));
            return 1;
        }
    }

    /**
     * Applies migrations (Flyway, or MongoDB collections and indexes) as the context starts, then
     * exits.
     */
    private static int migrate(String[] args) {
        try (ConfigurableApplicationContext context = offline(MigrationConfiguration.class, args)) {
            System.out.println("waymark: migrations applied");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("waymark: migrate failed: " + rootMessage(e));
            return 1;
        }
    }

    /**
     * Creates an admin. The password comes from WAYMARK_ADMIN_PASSWORD or stdin, never argv (ps
     * would show it).
     */
    private static int createAdmin(String[] args) {
        if (args.length != 1 || args[0].startsWith("--")) {
            System.err.println("waymark: " + USAGE);
            return 2;
        }
        String password = System.getenv("WAYMARK_ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            password = readPassword();
        }
        if (password == null || password.isEmpty()) {
            System.err.println(
                    "waymark: create-admin needs a password in WAYMARK_ADMIN_PASSWORD or on stdin");
            return 2;
        }
        try (ConfigurableApplicationContext context =
                offline(WaymarkApplication.class, new String[0])) {
            context.getBean(AdminAccounts.class).createAdmin(args[0], password);
            System.out.println("waymark: admin '" + args[0] + "' created");
            return 0;
        } catch (ApiException e) {
            System.err.println("waymark: create-admin failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("waymark: create-admin failed: " + rootMessage(e));
            return 1;
        }
    }

    static ConfigurableApplicationContext offline(Class<?> application, String[] args) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    private static String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for the new admin: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
