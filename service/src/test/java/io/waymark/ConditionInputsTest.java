package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.waymark.contract.DeployedSetting;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

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
 * (inside a configuration another condition skipped), is evaluated by Spring's own parser against
 * the deployed settings, and sees of each setting it reads the same with and without them.
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
    void everyConditionOfTheServiceSeesTheSameWithAndWithoutTheDeployedSettings() {
        List<Class<?>> conditional = conditionalClasses();
        assertThat(conditional)
                .as("classes of io.waymark with a condition on them or on a @Bean method")
                .extracting(Class::getSimpleName)
                .contains("JdbcUserStore", "MongoStoreConfiguration", "SecurityConfiguration");

        Set<String> read = new TreeSet<>();
        for (Class<?> type : conditional) {
            read.addAll(readByConditionsOf(type));
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

    /**
     * Spring's configuration parser evaluates the conditions of the class, its @Bean methods and
     * its nested configurations with {@link BuildTimeContext.Recorder} listening, as in the build.
     */
    private static Set<String> readByConditionsOf(Class<?> type) {
        ConfigurableEnvironment environment = environment(true);
        var recorder = new BuildTimeContext.Recorder();
        environment.getPropertySources().addFirst(recorder);
        var registry = new DefaultListableBeanFactory();
        registry.registerBeanDefinition("probe", new AnnotatedGenericBeanDefinition(type));
        var parser = new ConfigurationClassPostProcessor();
        parser.setEnvironment(environment);
        parser.setResourceLoader(new DefaultResourceLoader());
        parser.setBeanClassLoader(ConditionInputsTest.class.getClassLoader());
        parser.postProcessBeanDefinitionRegistry(registry);
        return recorder.getSource();
    }

    private static List<Class<?>> conditionalClasses() {
        return new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.waymark")
                        .stream()
                        // Not the classes Spring AOT generated from them.
                        .filter(javaClass -> !javaClass.getName().contains("__"))
                        .map(JavaClass::reflect)
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
        var environment =
                new StandardEnvironment() {
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
