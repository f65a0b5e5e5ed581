package io.waymark.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat answer the requests it refuses by itself with problem+json ({@link
 * ProblemErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TomcatErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory ->
                factory.addContextCustomizers(
                        context -> {
                            if (context.getParent() instanceof StandardHost host) {
                                host.setErrorReportValveClass(
                                        ProblemErrorReportValve.class.getName());
                            }
                        });
    }
}
