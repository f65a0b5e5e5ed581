package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.waymark.contract.DeployedSetting;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition.ConfigurationPhase;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * The rule {@link BuildTimeContext} rests on (docs/architecture.md): no condition may read a
 * setting that every deployment sets ({@link DeployedSetting}, which infra holds equal to its task
 * definitions), unless BuildTimeContext compares only what the condition sees of it (the store
 * family of {@code DATABASE_URL}, whether the actuator has a port of its own). Otherwise the
 * processed context would differ from every deployment and never be used.
 *
 * <p>Checked two ways, neither starting a process: every condition the build evaluated (Spring
 * Boot's and ours, as the jar records them) sees under the deployed settings what it saw at build
 * time; and every condition declared in {@code io.waymark}, also those the build never reached
 * (behind another condition that did not match), is evaluated by Spring's own condition evaluator
 * against the deployed settings, and sees of each setting it reads the same with and without them.
 */
class ConditionInputsTest {

    @Test
    void everyConditionTheBuildEvaluatedSeesTheDeployedSettingsAsTheBuildDid() throws IOException {
        Properties built = new Properties();
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(BuildTimeContext.INPUTS)) {
            assertThat(in).as("process-aot ran before the tests").isNotNull();
            built.load(in);
        }
        ConfigurableEnvironment deployed = environment(true);
        Map<String, String> differing = new LinkedHashMap<>();
        for (String name : new TreeSet<>(built.stringPropertyNames())) {
            String seen = BuildTimeContext.seen(name, deployed);
            if (!BuildTimeContext.fingerprint(seen).equals(built.getProperty(name))) {
                differing.put(name, seen);
            }
        }
        assertThat(differing)
                .as(
                        "settings a condition read at build time that every deployment changes (so"
                                + " serve would never start from the build-time context)")
                .isEmpty();
    }

    @Test
    void everyConditionOfTheServiceSeesTheSameWithAndWithoutTheDeployedSettings() throws Exception {
        List<AnnotatedTypeMetadata> conditional = conditionalElements();
        assertThat(conditional)
                .as("classes and @Bean methods of io.waymark with a condition")
                .extracting(ConditionInputsTest::describe)
                .contains(
                        "io.waymark.user.JdbcUserStore",
                        "io.waymark.store.MongoStoreConfiguration",
                        "io.waymark.web.TomcatErrorConfiguration");

        // Once per store family: a condition behind another one on the same element is reached only
        // when the first one matches.
        Set<String> read = new TreeSet<>();
        for (String databaseUrl : STORE_URLS) {
            ConfigurableEnvironment environment = environment(true);
            environment
                    .getPropertySources()
                    .addFirst(
                            new SystemEnvironmentPropertySource(
                                    "store", Map.of("DATABASE_URL", databaseUrl)));
            read.addAll(readByConditions(conditional, environment));
        }
        assertThat(read).as("settings the conditions of io.waymark read").contains("database.url");

        ConfigurableEnvironment without = environment(false);
        ConfigurableEnvironment with = environment(true);
        Map<String, String> differing = new LinkedHashMap<>();
        for (String name : read) {
            String seen = BuildTimeContext.seen(name, with);
            if (!String.valueOf(seen)
                    .equals(String.valueOf(BuildTimeContext.seen(name, without)))) {
                differing.put(name, seen);
            }
        }
        assertThat(differing)
                .as(
                        "settings conditions of io.waymark read that every deployment sets: make the"
                                + " bean unconditional (as the CloudWatch publisher) or have"
                                + " BuildTimeContext compare only what the condition sees of it")
                .isEmpty();
    }

    private static final List<String> STORE_URLS =
            List.of(
                    DeployedSetting.DATABASE_URL.example(),
                    "postgresql://db.internal:5432/waymark",
                    "mongodb://db.internal:27017/waymark");

    /**
     * Each element's conditions evaluated by Spring's own ConditionEvaluator, in both phases, with
     * {@link BuildTimeContext.Recorder} listening as in the build; each element on its own, so a
     * condition on a {@code @Bean} method is reached even when its class's condition would not
     * match.
     */
    private static Set<String> readByConditions(
            List<AnnotatedTypeMetadata> elements, ConfigurableEnvironment environment)
            throws ReflectiveOperationException {
        var recorder = new BuildTimeContext.Recorder();
        environment.getPropertySources().addFirst(recorder);
        Class<?> evaluatorType =
                Class.forName("org.springframework.context.annotation.ConditionEvaluator");
        Constructor<?> constructor =
                evaluatorType.getDeclaredConstructor(
                        BeanDefinitionRegistry.class, Environment.class, ResourceLoader.class);
        constructor.setAccessible(true);
        Object evaluator =
                constructor.newInstance(
                        new DefaultListableBeanFactory(), environment, new DefaultResourceLoader());
        Method shouldSkip =
                evaluatorType.getDeclaredMethod(
                        "shouldSkip", AnnotatedTypeMetadata.class, ConfigurationPhase.class);
        shouldSkip.setAccessible(true);
        for (AnnotatedTypeMetadata element : elements) {
            for (ConfigurationPhase phase : ConfigurationPhase.values()) {
                shouldSkip.invoke(evaluator, element, phase);
            }
        }
        return recorder.getSource();
    }

    private static List<AnnotatedTypeMetadata> conditionalElements() {
        List<AnnotatedTypeMetadata> elements = new ArrayList<>();
        for (Class<?> type : conditionalClasses()) {
            AnnotationMetadata metadata = AnnotationMetadata.introspect(type);
            if (metadata.isAnnotated(Conditional.class.getName())) {
                elements.add(metadata);
            }
            elements.addAll(metadata.getAnnotatedMethods(Conditional.class.getName()));
        }
        return elements;
    }

    private static String describe(AnnotatedTypeMetadata element) {
        return element instanceof MethodMetadata method
                ? method.getDeclaringClassName() + "." + method.getMethodName()
                : ((AnnotationMetadata) element).getClassName();
    }

    private static List<Class<?>> conditionalClasses() {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.waymark")
                        .stream()
                        // Not the classes Spring AOT generated from them.
                        .filter(javaClass -> !javaClass.getName().contains("__"))
                        .map(JavaClass::reflect)
                        // Not an annotation that carries a condition (ConditionalOnStore): its
                        // users do.
                        .filter(type -> !type.isAnnotation())
                        .filter(ConditionInputsTest::hasCondition)
                        .sorted((a, b) -> a.getName().compareTo(b.getName()))
                        .toList();
    }

    private static boolean hasCondition(Class<?> type) {
        return Stream.concat(Stream.of(type), Arrays.stream(type.getDeclaredMethods()))
                .anyMatch(ConditionInputsTest::conditional);
    }

    private static boolean conditional(AnnotatedElement element) {
        return AnnotatedElementUtils.hasAnnotation(element, Conditional.class);
    }

    /**
     * The service's settings as application.yaml gives them, with the deployed settings as
     * environment variables or without; nothing of this machine's own environment.
     */
    private static ConfigurableEnvironment environment(boolean deployed) {
        // A servlet environment, as serve's: @ConditionalOnWebApplication matches.
        var environment =
                new StandardServletEnvironment() {
                    @Override
                    protected void customizePropertySources(MutablePropertySources sources) {}
                };
        try {
            for (PropertySource<?> source :
                    new YamlPropertySourceLoader()
                            .load("application.yaml", new ClassPathResource("application.yaml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (deployed) {
            Map<String, Object> settings = new LinkedHashMap<>();
            for (DeployedSetting setting : DeployedSetting.values()) {
                settings.put(setting.name(), setting.example());
            }
            environment
                    .getPropertySources()
                    .addFirst(new SystemEnvironmentPropertySource("deployed", settings));
        }
        return environment;
    }
}
