package io.waymark.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * MongoDB and Amazon DocumentDB through the plain driver: the stores need documents and indexes,
 * not mapping.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStore(StoreFamily.MONGO)
// Each feature's collections, also for migrate, whose context has no features: only classes
// implementing MongoCollections are registered from this scan.
@ComponentScan(
        basePackages = "io.waymark",
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.ASSIGNABLE_TYPE,
                        classes = MongoCollections.class))
class MongoStoreConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(DatabaseUrl url, DatabaseProperties credentials) {
        ConnectionString connection = new ConnectionString(url.location());
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder()
                        .applyConnectionString(connection)
                        .applyToClusterSettings(
                                cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
        if (credentials.hasCredentials()) {
            String authDatabase =
                    connection.getCredential() != null
                            ? connection.getCredential().getSource()
                            : "admin";
            settings.credential(
                    MongoCredential.createCredential(
                            credentials.user(),
                            authDatabase,
                            credentials.password().toCharArray()));
        }
        return MongoClients.create(settings.build());
    }

    // Primary whatever the URL says: a caller reads its own writes (register then sign in, create
    // then get), which a lagging secondary breaks. A read that tolerates lag asks for secondaries
    // on its own collection.
    @Bean
    MongoDatabase mongoDatabase(MongoClient client, DatabaseUrl url) {
        return client.getDatabase(new ConnectionString(url.location()).getDatabase())
                .withReadPreference(ReadPreference.primary());
    }

    @Bean
    MongoMigrations mongoMigrations(MongoDatabase database, List<MongoCollections> features) {
        return new MongoMigrations(database, features);
    }

    @Bean
    StoreTransactions mongoTransactions() {
        return new StoreTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }

    @Bean
    StoreProbe mongoStoreProbe(MongoDatabase database) {
        return () -> database.runCommand(new Document("ping", 1));
    }
}
