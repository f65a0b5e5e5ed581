package io.waymark.store;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class StoreConfiguration {

    @Bean
    DatabaseUrl databaseUrl(DatabaseProperties properties) {
        return DatabaseUrl.parse(properties.url());
    }
}
