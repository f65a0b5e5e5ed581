package io.waymark.badinput;

import io.waymark.testing.ApiContract;
import io.waymark.testing.LoggedFailures;
import io.waymark.testing.OpenApiDocument;
import io.waymark.testing.RawHttp;
import io.waymark.testing.RunningService;
import io.waymark.testing.Seeds;
import io.waymark.testing.TestStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated bad input for every operation in the service's own {@code /openapi.json} (see {@link
 * BadRequestGenerator}), sent byte for byte over a socket. The rules: no bad input is a 5xx; every
 * 4xx is {@code application/problem+json} with type, title and status; a credential that is not
 * valid is refused with 401; every answer to a documented operation fits {@code /openapi.json}
 * (status, Content-Type, headers, body); afterwards the service is still ready and the data of a
 * user who took no part is exactly as before.
 *
 * <p>Seeded: the seed is printed, and {@code -Dwaymark.badinput.seed=N} replays a run ({@code
 * =random} for a new one); {@code -Dwaymark.badinput.requests=N} raises the number of requests per
 * store. Each store gets a service of its own, because failed sign-ins throttle the client address
 * for every test sharing a service.
 */
class BadInputTest {

    /** Fixed by default so the build is repeatable; a random seed explores further. */
    private static final long DEFAULT_SEED = 20_261_201L;

    private static final int MIN_REQUESTS = Integer.getInteger("waymark.badinput.requests", 1_000);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestStore.class)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void badInputIsAlwaysAProblem4xxAndHarmsNobody(TestStore store) {
        long seed = Seeds.seed("waymark.badinput.seed", DEFAULT_SEED);
        RunningService service = RunningService.start(store.newDatabase(), Map.of());
        try (LoggedFailures logged = LoggedFailures.capture()) {
            Fixture fixture = Fixture.create(service);
            Map<String, String> before = fixture.bystanderData();
            RawHttp http = RawHttp.to(service.api());
            List<Probe> probes =
                    new BadRequestGenerator(
                                    OpenApiDocument.fetch(service.api()), fixture, http, seed)
                            .generate(MIN_REQUESTS);

            Findings findings =
                    new Findings(logged, secrets(fixture), ApiContract.of(service.api()));
            long start = System.nanoTime();
            for (Probe probe : probes) {
                findings.check(probe, http.send(probe.render(http).bytes()));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int ready = service.api().get("/health/ready", null).status();
            Map<String, String> after = fixture.bystanderData();

            String report =
                    findings.report(
                            "Bad input on "
                                    + store
                                    + " (seed "
                                    + seed
                                    + ", rerun with -Dwaymark.badinput.seed="
                                    + seed
                                    + ", "
                                    + took.toSeconds()
                                    + " s)");
            System.out.println(report);
            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(findings.passed()).as(report).isTrue();
            softly.assertThat(ready).as("GET /health/ready after the run").isEqualTo(200);
            softly.assertThat(after).as("the bystander's data after the run").isEqualTo(before);
            softly.assertAll();
        } finally {
            service.stop();
        }
    }

    private static Map<String, String> secrets(Fixture fixture) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(fixture.attacker.token(), "$ATTACKER_TOKEN");
        secrets.put(fixture.self.token(), "$SELF_TOKEN");
        secrets.put(fixture.admin.token(), "$ADMIN_TOKEN");
        secrets.put(fixture.bystander.token(), "$BYSTANDER_TOKEN");
        secrets.put(fixture.attacker.id(), "$ATTACKER_ID");
        secrets.put(fixture.self.id(), "$SELF_ID");
        secrets.put(fixture.bystander.id(), "$BYSTANDER_ID");
        return secrets;
    }
}
