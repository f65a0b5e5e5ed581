package io.waymark.store;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean
    DatabaseUrl databaseUrl(DatabaseProperties properties) {
        return DatabaseUrl.parse(properties.url());
    }

    /**
     * Whether the store may be used yet. Only SQLite on a network file system waits, for its lock:
     * {@code migrate} and {@code create-admin} here, before anything else; {@code serve} once its
     * web server is up.
     */
    @Bean(destroyMethod = "close")
    StoreStartup storeStartup(DatabaseUrl url, ApplicationContext context) {
        if (!url.isSqliteOnNetworkFileSystem()) {
            return StoreStartup.immediate();
        }
        StoreStartup startup = StoreStartup.behindLock(Path.of(url.location() + ".lock"));
        if (!(context instanceof WebApplicationContext)) {
            startup.acquire();
        }
        return startup;
    }

    @Bean
    @ConditionalOnWebApplication
    ApplicationListener<ApplicationReadyEvent> takeTheStoreOnceServing(StoreStartup startup) {
        return event -> {
            if (startup.isReady()) {
                return;
            }
            Thread.ofPlatform()
                    .name("store-lock")
                    .daemon()
                    .start(
                            () -> {
                                try {
                                    startup.acquire();
                                } catch (RuntimeException e) {
                                    // Without its store the service can never answer: end the
                                    // process so it is replaced.
                                    log.error("Cannot take the database; stopping", e);
                                    System.exit(
                                            SpringApplication.exit(
                                                    event.getApplicationContext(), () -> 1));
                                }
                            });
        };
    }
}
