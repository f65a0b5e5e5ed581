package io.waymark.infra;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.config.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One deployment the tests synthesize: a profile × ingress × database combination in an environment. */
record Combination(Profile profile, Ingress ingress, DatabaseKind database, String env) {

    /** Every combination DeploymentConfig allows, in dev; plus prod for the two profiles' defaults. */
    static final List<Combination> ALLOWED = List.of(
            new Combination(Profile.LEAN, Ingress.APIGATEWAY, DatabaseKind.SQLITE, "dev"),
            new Combination(Profile.STANDARD, Ingress.APIGATEWAY, DatabaseKind.POSTGRES, "dev"),
            new Combination(Profile.STANDARD, Ingress.APIGATEWAY, DatabaseKind.MONGODB, "dev"),
            new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.POSTGRES, "dev"),
            new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.MONGODB, "dev"),
            new Combination(Profile.LEAN, Ingress.APIGATEWAY, DatabaseKind.SQLITE, "prod"),
            new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.POSTGRES, "prod"));

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
        return lower(profile) + "/" + lower(ingress) + "/" + lower(database) + "/" + env;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase();
    }
}
