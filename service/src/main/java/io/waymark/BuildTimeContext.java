package io.waymark;

import io.waymark.shared.Sha256;
import io.waymark.store.DatabaseUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamSource;

/**
 * The {@code serve} context as the build processed it (Spring AOT: configuration classes parsed,
 * conditions evaluated, bean definitions written as code), used when this run's settings would
 * choose the same beans. On a quarter of a CPU that parsing and evaluating is a quarter of the
 * start-up (docs/benchmarks.md).
 *
 * <p>A processed context keeps the conditions as the build found them. So the build records every
 * setting read while they were evaluated ({@link Recorder}, written into the jar by {@link
 * RecordInputs}), and a run uses the processed context only if each of those settings means here
 * what it meant at build time; otherwise it starts the ordinary way and logs the first setting that
 * differs: a MongoDB {@code DATABASE_URL} or an OTLP endpoint, for instance. {@code
 * -Dspring.aot.enabled=true|false} still decides when given.
 */
final class BuildTimeContext {

    static final String INPUTS = "META-INF/waymark/build-time-context.properties";
    static final String PROFILES = "(active profiles)";

    /**
     * Settings of which a condition sees less than the value: the store family of the URL, and
     * whether the actuator has a port of its own, not the numbers. Anything else must be equal.
     */
    private static final Map<String, Function<Environment, String>> SEEN_AS =
            Map.of(
                    "database.url", BuildTimeContext::storeFamily,
                    "server.port", BuildTimeContext::managementPortType,
                    "management.server.port", BuildTimeContext::managementPortType);

    private static final Logger log = LoggerFactory.getLogger(BuildTimeContext.class);

    private BuildTimeContext() {}

    /** Lets {@code application} start from the processed context when the settings allow it. */
    static void useWhenItMatches(SpringApplication application) {
        application.addListeners(new Decision());
    }

    private static final class Decision
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
                environment.getPropertySources().addFirst(new Recorder());
            } else if (SpringProperties.getProperty(AotDetector.AOT_ENABLED) == null) {
                decide(environment);
            }
        }
    }

    private static void decide(ConfigurableEnvironment environment) {
        Properties built = builtWith();
        if (built == null) {
            return; // a jar built without Spring AOT
        }
        for (String name : new TreeSet<>(built.stringPropertyNames())) {
            if (!built.getProperty(name).equals(fingerprint(seen(name, environment)))) {
                log.info(
                        "Starting without the build-time context: "
                                + name
                                + " differs from the build, so the conditions are evaluated now");
                return;
            }
        }
        // Read by SpringApplication when it creates the context, right after this event.
        SpringProperties.setFlag(AotDetector.AOT_ENABLED);
        log.info("Starting from the build-time context (Spring AOT)");
    }

    private static Properties builtWith() {
        try (InputStream in = BuildTimeContext.class.getClassLoader().getResourceAsStream(INPUTS)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seen(String name, Environment environment) {
        if (name.equals(PROFILES)) {
            return String.join(",", environment.getActiveProfiles());
        }
        return SEEN_AS.getOrDefault(name, e -> e.getProperty(name)).apply(environment);
    }

    /** A digest, not the value: the jar should not carry whatever the build environment held. */
    static String fingerprint(String value) {
        if (value == null) {
            return "";
        }
        return HexFormat.of().formatHex(Sha256.of(value), 0, 8);
    }

    private static String storeFamily(Environment environment) {
        try {
            return DatabaseUrl.parse(environment.getProperty("database.url")).family().name();
        } catch (RuntimeException e) {
            return "unreadable"; // the ordinary start reports it, naming DATABASE_URL
        }
    }

    private static String managementPortType(Environment environment) {
        return ManagementPortType.get(environment).name();
    }

    /**
     * Placed first while the build processes the context: notes each setting a condition looks up.
     * Not the lookups made to resolve a placeholder in another setting's value ({@code PORT} in
     * {@code server.port=${PORT:8080}}): that setting's resolved value is what is compared.
     */
    static final class Recorder extends PropertySource<Set<String>> {
        static final String NAME = "waymark-build-time-inputs";
        private static final StackWalker STACK = StackWalker.getInstance();
        // Spring Framework's internals, by name: SpringInternalsTest fails, naming the version,
        // when an upgrade renames them.
        static final String CONDITIONS =
                "org.springframework.context.annotation.ConditionEvaluator.shouldSkip";
        static final String PLACEHOLDER = "PropertyResolver.resolveNestedPlaceholders";

        Recorder() {
            super(NAME, new TreeSet<>());
        }

        @Override
        public Object getProperty(String name) {
            if (STACK.walk(Recorder::byConditionDirectly)) {
                getSource().add(name);
            }
            return null;
        }

        private static boolean byConditionDirectly(Stream<StackWalker.StackFrame> frames) {
            List<String> methods =
                    frames.map(frame -> frame.getClassName() + "." + frame.getMethodName())
                            .toList();
            return methods.contains(CONDITIONS)
                    && methods.stream().noneMatch(method -> method.endsWith(PLACEHOLDER));
        }
    }

    /**
     * Writes what the conditions saw of each recorded setting into the jar (registered in
     * META-INF/spring/aot.factories; runs only while the build processes the context). The
     * management context on its own port is processed inside the main one and shares its
     * environment: each writes the whole record so far, and the last one written has both.
     */
    static final class RecordInputs implements BeanFactoryInitializationAotProcessor {
        @Override
        public BeanFactoryInitializationAotContribution processAheadOfTime(
                ConfigurableListableBeanFactory beanFactory) {
            ConfigurableEnvironment environment =
                    beanFactory.getBean(ConfigurableEnvironment.class);
            if (!(environment.getPropertySources().get(Recorder.NAME)
                    instanceof Recorder recorder)) {
                return null;
            }
            return (generationContext, code) ->
                    generationContext
                            .getGeneratedFiles()
                            .handleFile(
                                    GeneratedFiles.Kind.RESOURCE,
                                    INPUTS,
                                    file -> file.override(record(recorder, environment)));
        }

        private static InputStreamSource record(Recorder recorder, Environment environment) {
            Properties inputs = new Properties();
            for (String name : new TreeSet<>(recorder.getSource())) {
                inputs.setProperty(name, fingerprint(seen(name, environment)));
            }
            inputs.setProperty(PROFILES, fingerprint(seen(PROFILES, environment)));
            StringWriter text = new StringWriter();
            try {
                inputs.store(text, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Without the date line that store() writes first: the same build, the same file.
            String entries =
                    text.toString()
                            .lines()
                            .filter(line -> !line.startsWith("#"))
                            .sorted()
                            .collect(Collectors.joining("\n", "", "\n"));
            return new ByteArrayResource(entries.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
