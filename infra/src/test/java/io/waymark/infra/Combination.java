package io.waymark.infra;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.config.Profile;
import io.waymark.infra.config.Tracing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One deployment the tests synthesize: a profile × ingress × database combination in an
 * environment, with or without a custom domain. An ALB without a domain is the named
 * test-environment opt-in (allowPlainHttp).
 */
record Combination(
        Profile profile,
        Ingress ingress,
        DatabaseKind database,
        String env,
        boolean domain,
        Tracing tracing) {

    static final String DOMAIN = "api.example.com";
    static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-aaaa-bbbb-cccc-1234567890ab";

    /**
     * The documented way to run each: an ALB always with HTTPS on a domain, API Gateway on its own
     * endpoint.
     */
    Combination(Profile profile, Ingress ingress, DatabaseKind database, String env) {
        this(profile, ingress, database, env, ingress == Ingress.ALB, Tracing.NONE);
    }

    Combination(
            Profile profile, Ingress ingress, DatabaseKind database, String env, boolean domain) {
        this(profile, ingress, database, env, domain, Tracing.NONE);
    }

    /**
     * Every combination DeploymentConfig allows, in dev; plus prod for the two profiles' defaults.
     */
    static final List<Combination> ALLOWED =
            List.of(
                    new Combination(Profile.LEAN, Ingress.APIGATEWAY, DatabaseKind.SQLITE, "dev"),
                    new Combination(
                            Profile.STANDARD, Ingress.APIGATEWAY, DatabaseKind.POSTGRES, "dev"),
                    new Combination(
                            Profile.STANDARD, Ingress.APIGATEWAY, DatabaseKind.MONGODB, "dev"),
                    new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.POSTGRES, "dev"),
                    new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.MONGODB, "dev"),
                    new Combination(Profile.LEAN, Ingress.APIGATEWAY, DatabaseKind.SQLITE, "prod"),
                    new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.POSTGRES, "prod"),
                    // The opt-in X-Ray sidecar, in both network designs: public subnet, and
                    // isolated with endpoints.
                    new Combination(
                            Profile.LEAN,
                            Ingress.APIGATEWAY,
                            DatabaseKind.SQLITE,
                            "dev",
                            false,
                            Tracing.XRAY),
                    new Combination(
                            Profile.STANDARD,
                            Ingress.ALB,
                            DatabaseKind.POSTGRES,
                            "dev",
                            true,
                            Tracing.XRAY));

    /**
     * ALLOWED, each also with the domain switch flipped (dev only: prod never serves plain HTTP).
     */
    static final List<Combination> WITH_AND_WITHOUT_DOMAIN =
            ALLOWED.stream()
                    .flatMap(c -> c.prod() ? Stream.of(c) : Stream.of(c, c.withDomain(!c.domain())))
                    .toList();

    Combination withDomain(boolean withDomain) {
        return new Combination(profile, ingress, database, env, withDomain, tracing);
    }

    static final String IMAGE_TAG = "3f2a9c1e";

    Map<String, Object> context() {
        Map<String, Object> context = new HashMap<>();
        context.put("profile", lower(profile));
        context.put("ingress", lower(ingress));
        context.put("database", lower(database));
        context.put("env", env);
        context.put("imageTag", IMAGE_TAG);
        context.put("alarmEmail", "ops@example.com");
        context.put("region", "us-east-1");
        context.put("authorizerJar", TestAssets.authorizerStandIn().toString());
        if (tracing != Tracing.NONE) {
            context.put("tracing", lower(tracing));
        }
        if (domain) {
            context.put("domain", DOMAIN);
            context.put("certificateArn", CERTIFICATE);
        } else if (ingress == Ingress.ALB) {
            context.put("allowPlainHttp", "true");
        }
        return context;
    }

    String stackName() {
        return "Waymark-" + env;
    }

    boolean lean() {
        return profile == Profile.LEAN;
    }

    boolean prod() {
        return "prod".equals(env);
    }

    @Override
    public String toString() {
        return lower(profile)
                + "/"
                + lower(ingress)
                + "/"
                + lower(database)
                + "/"
                + env
                + (domain == (ingress == Ingress.ALB) ? "" : domain ? "/domain" : "/plain-http")
                + (tracing == Tracing.NONE ? "" : "/" + lower(tracing));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase();
    }
}
