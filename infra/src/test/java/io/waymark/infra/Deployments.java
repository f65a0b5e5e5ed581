package io.waymark.infra;

import io.waymark.infra.config.Ingress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every app the tests synthesize, for the checks that must see all of them (cfn-lint, cfn-guard):
 * the service stacks of each combination with and without a domain, the GitHub delivery stack, and
 * the CodePipeline of each combination with and without a domain, with its dev and prod stage
 * stacks.
 */
final class Deployments {

    static final String REPOSITORY = "waymark-team/waymark";
    static final String CONNECTION =
            "arn:aws:codeconnections:us-east-1:123456789012:connection/0c8a4e7b-1f2d-4c3b-9a6e-5d4c3b2a1f0e";
    static final String DEV_DOMAIN = "dev.api.example.com";

    private Deployments() {}

    static Synthesized githubDelivery() {
        return Synthesized.of(
                "delivery-github",
                Map.of("githubRepository", REPOSITORY, "region", "us-east-1"),
                "WaymarkDelivery");
    }

    /** The dev combinations a pipeline is built from; prod is its second stage. */
    static Stream<Combination> pipelineCombinations() {
        return Combination.WITH_AND_WITHOUT_DOMAIN.stream().filter(c -> !c.prod());
    }

    /**
     * {@code pipeline=codepipeline} from {@code combination}: with a domain, prod gets it and dev
     * gets {@link #DEV_DOMAIN}; without, both stages use their default endpoints, except that an
     * ALB's prod must serve HTTPS, so there only dev runs on plain HTTP (the test-environment
     * opt-in).
     */
    static Synthesized pipeline(Combination combination) {
        Map<String, Object> context =
                new HashMap<>(
                        combination
                                .withDomain(
                                        combination.domain()
                                                || combination.ingress() == Ingress.ALB)
                                .context());
        context.put("pipeline", "codepipeline");
        context.put("githubRepository", REPOSITORY);
        context.put("connectionArn", CONNECTION);
        if (combination.domain()) {
            context.put("devDomain", DEV_DOMAIN);
            context.put("devCertificateArn", Combination.CERTIFICATE);
        } else if (combination.ingress() == Ingress.ALB) {
            context.put("allowPlainHttp", "true");
        }
        return Synthesized.of("pipeline-" + combination, context, "WaymarkPipeline");
    }

    /** Every synthesized app, each listed once by its top-level stack. */
    static List<Synthesized> all() {
        List<Synthesized> all = new ArrayList<>();
        Combination.WITH_AND_WITHOUT_DOMAIN.forEach(
                combination -> all.add(Synthesized.of(combination)));
        all.add(githubDelivery());
        pipelineCombinations().forEach(combination -> all.add(pipeline(combination)));
        return all;
    }
}
