package io.waymark.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.repository.InlineSecrets;
import io.waymark.repository.RepositoryFiles;
import io.waymark.repository.Yamls;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local stack of compose.yaml; `scripts/compose-check` validates it with Compose itself. */
class ComposeFileTest {

    private final Map<Object, Object> compose =
            RepositoryFiles.parseYaml(RepositoryFiles.read("compose.yaml"));

    private Map<Object, Object> service(String name) {
        return Yamls.map(
                Yamls.map(compose.get("services"), "services").get(name), "service " + name);
    }

    private Map<Object, Object> dependency(String service, String on) {
        return Yamls.map(
                Yamls.map(service(service).get("depends_on"), service + " depends_on").get(on),
                service + " depends on " + on);
    }

    @Test
    void postgresKeepsItsDataInANamedVolumeAndHasAHealthCheck() {
        var postgres = service("postgres");
        assertThat(Yamls.list(postgres.get("volumes"), "volumes"))
                .contains("postgres-data:/var/lib/postgresql/data");
        assertThat(Yamls.map(compose.get("volumes"), "volumes")).containsKey("postgres-data");
        assertThat(Yamls.text(Yamls.map(postgres.get("healthcheck"), "healthcheck").get("test")))
                .contains("pg_isready");
    }

    @Test
    void migrateRunsOnceAfterPostgresIsHealthy() {
        assertThat(Yamls.list(service("migrate").get("command"), "command"))
                .containsExactly("migrate");
        assertThat(dependency("migrate", "postgres")).containsEntry("condition", "service_healthy");
    }

    @Test
    void threeReplicasStartOnlyAfterMigrateSucceeded() {
        var waymark = service("waymark");
        assertThat(Yamls.map(waymark.get("deploy"), "deploy")).containsEntry("replicas", 3);
        assertThat(dependency("waymark", "migrate"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat(waymark).doesNotContainKey("ports");
    }

    @Test
    void theLoadBalancerIsTheOnlyPublishedPortOnLocalhost8080() {
        var lb = service("lb");
        assertThat(Yamls.list(lb.get("ports"), "ports")).containsExactly("127.0.0.1:8080:8080");
        assertThat(Yamls.text(Yamls.list(lb.get("volumes"), "volumes").getFirst()))
                .startsWith("./deploy/local/haproxy.cfg:");
        assertThat(RepositoryFiles.root().resolve("deploy/local/haproxy.cfg")).isRegularFile();
    }

    @Test
    void prometheusIsAnOptInProfileOnLocalhostScrapingEveryReplicasManagementPort() {
        var prometheus = service("prometheus");
        assertThat(Yamls.list(prometheus.get("profiles"), "profiles")).containsExactly("metrics");
        assertThat(Yamls.list(prometheus.get("ports"), "ports"))
                .containsExactly("127.0.0.1:9091:9090");
        String scrape = RepositoryFiles.read("deploy/local/prometheus.yml");
        assertThat(scrape)
                .contains("metrics_path: /actuator/prometheus", "names: [waymark]", "port: 9090");
        assertThat(RepositoryFiles.read("deploy/local/haproxy.cfg")).doesNotContain("9090");
    }

    @Test
    void mongoIsAnOptInProfile() {
        assertThat(Yamls.list(service("mongo").get("profiles"), "profiles"))
                .containsExactly("mongo");
        assertThat(service("postgres")).doesNotContainKey("profiles");
    }

    @Test
    void noPasswordIsCommitted() {
        assertThat(InlineSecrets.inDocument(compose)).isEmpty();
        assertThat(RepositoryFiles.read(".env.example"))
                .containsPattern("(?m)^DATABASE_PASSWORD=$");
    }
}
