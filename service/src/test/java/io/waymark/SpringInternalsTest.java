package io.waymark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;
import org.springframework.core.SpringVersion;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * What {@link BuildTimeContext} takes from Spring beyond its API: the stack frames by which its
 * Recorder knows a condition's lookup from a placeholder's, and SpringApplication reading the AOT
 * flag after the environment is prepared. An upgrade that changes either fails here, naming the
 * versions, instead of silently starting every deployment the slow way (or the build recording
 * nothing).
 */
class SpringInternalsTest {

    private static final String VERSIONS =
            "Spring Framework "
                    + SpringVersion.getVersion()
                    + " / Spring Boot "
                    + SpringBootVersion.getVersion();

    @Test
    void theMethodsTheRecorderRecognisesInTheStackStillExist() {
        assertMethodExists(BuildTimeContext.Recorder.CONDITIONS);
        // The placeholder frame is matched by its end: AbstractPropertyResolver's, whichever
        // resolver subclasses it.
        assertMethodExists(
                "org.springframework.core.env.Abstract" + BuildTimeContext.Recorder.PLACEHOLDER);
    }

    @Test
    void theRecorderNotesWhatConditionsReadButNotThePlaceholdersInItNorOtherLookups() {
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addLast(
                        new MapPropertySource(
                                "settings",
                                Map.of(
                                        "probe.read", "${probe.nested:x}",
                                        "probe.boot", "on")));
        var recorder = new BuildTimeContext.Recorder();
        environment.getPropertySources().addFirst(recorder);
        try (var context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(environment);
            context.register(Probed.class);
            context.refresh();
            assertThat(context.getBean("bootConditional")).isEqualTo("made");
        }
        assertThat(recorder.getSource())
                .as(
                        "BuildTimeContext.Recorder finds conditions by the frames %s and %s; %s no"
                                + " longer has them as it did",
                        BuildTimeContext.Recorder.CONDITIONS,
                        BuildTimeContext.Recorder.PLACEHOLDER,
                        VERSIONS)
                .contains("probe.read", "probe.boot")
                .doesNotContain("probe.nested", "probe.bean");
    }

    /**
     * BuildTimeContext sets the flag while the environment-prepared event runs; SpringApplication
     * must read it afterwards, when it creates the context. Here no processed context exists for
     * the probe, so reading the flag shows as the missing initializer.
     */
    @Test
    void aFlagSetWhileTheEnvironmentIsPreparedDecidesHowTheContextIsMade() {
        var application = new SpringApplication(Probed.class);
        application.setMainApplicationClass(Probed.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(
                (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
                        event -> SpringProperties.setFlag(AotDetector.AOT_ENABLED));
        try {
            assertThatThrownBy(application::run)
                    .as(
                            "SpringApplication in %s no longer reads %s after the environment is prepared",
                            VERSIONS, AotDetector.AOT_ENABLED)
                    .hasStackTraceContaining(
                            Probed.class.getName() + "__ApplicationContextInitializer");
        } finally {
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
        }
    }

    private static void assertMethodExists(String qualifiedMethod) {
        String className = qualifiedMethod.substring(0, qualifiedMethod.lastIndexOf('.'));
        String methodName = qualifiedMethod.substring(qualifiedMethod.lastIndexOf('.') + 1);
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(
                    "BuildTimeContext.Recorder looks for "
                            + qualifiedMethod
                            + " in the stack, but "
                            + VERSIONS
                            + " has no class "
                            + className,
                    e);
        }
        assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                .as(
                        "BuildTimeContext.Recorder looks for %s in the stack, but %s's %s has no"
                                + " such method",
                        qualifiedMethod, VERSIONS, className)
                .contains(methodName);
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(ReadsProbe.class)
    static class Probed {
        @Bean
        String probeBean(Environment environment) {
            return environment.getProperty("probe.bean", "none");
        }

        @Bean
        @ConditionalOnProperty("probe.boot")
        String bootConditional() {
            return "made";
        }
    }

    static class ReadsProbe implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("probe.read") != null;
        }
    }
}
