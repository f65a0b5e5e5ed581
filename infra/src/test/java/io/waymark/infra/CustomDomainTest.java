package io.waymark.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.infra.config.DatabaseKind;
import io.waymark.infra.config.Ingress;
import io.waymark.infra.config.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/**
 * With {@code domain} + {@code certificateArn}: HTTPS on the domain, and the URL everything else
 * uses.
 */
class CustomDomainTest {

    private static final String CERTIFICATE =
            "arn:aws:acm:us-east-1:123456789012:certificate/1b2c3d4e-aaaa-bbbb-cccc-1234567890ab";

    private static Synthesized withDomain(Combination combination) {
        Map<String, Object> context = new HashMap<>(combination.context());
        context.put("domain", "api.example.com");
        context.put("certificateArn", CERTIFICATE);
        return Synthesized.of("domain-" + combination, context, combination.stackName());
    }

    private static Synthesized alb() {
        return withDomain(
                new Combination(Profile.STANDARD, Ingress.ALB, DatabaseKind.POSTGRES, "dev"));
    }

    private static Synthesized apiGateway() {
        return withDomain(
                new Combination(Profile.LEAN, Ingress.APIGATEWAY, DatabaseKind.SQLITE, "dev"));
    }

    @Test
    void albServesHttpsWithTheCertificateAndRedirectsHttp() {
        var template = alb().template();
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(
                        Map.of(
                                "Port",
                                443,
                                "Protocol",
                                "HTTPS",
                                "Certificates",
                                List.of(Map.of("CertificateArn", CERTIFICATE)))));
        template.hasResourceProperties(
                "AWS::ElasticLoadBalancingV2::Listener",
                Match.objectLike(
                        Map.of(
                                "Port",
                                80,
                                "DefaultActions",
                                List.of(
                                        Match.objectLike(
                                                Map.of(
                                                        "Type",
                                                        "redirect",
                                                        "RedirectConfig",
                                                        Match.objectLike(
                                                                Map.of(
                                                                        "Protocol",
                                                                        "HTTPS",
                                                                        "Port",
                                                                        "443"))))))));
        template.hasOutput(
                "ApiUrl",
                Map.of("Value", "https://api.example.com", "Description", Match.anyValue()));
        template.hasOutput("DnsTarget", Match.anyValue());
        assertThat(NagTest.describe(alb().nagErrors())).isEmpty();
    }

    @Test
    void apiGatewayMapsTheDomainDisablesTheDefaultEndpointAndTheAuthorizerTrustsTheDomain() {
        var template = apiGateway().template();
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::DomainName",
                Match.objectLike(Map.of("DomainName", "api.example.com")));
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Api",
                Match.objectLike(Map.of("DisableExecuteApiEndpoint", true)));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(
                        Map.of(
                                "Environment",
                                Map.of(
                                        "Variables",
                                        Match.objectLike(
                                                Map.of(
                                                        "JWKS_URL",
                                                                "https://api.example.com/.well-known/jwks.json",
                                                        "TOKEN_ISSUER",
                                                                "https://api.example.com"))))));
        assertThat(Containers.environment(Containers.named(apiGateway(), "serve")))
                .containsEntry("WAYMARK_ISSUER", "https://api.example.com")
                .containsEntry("WAYMARK_PUBLIC_URL", "https://api.example.com");
        assertThat(NagTest.describe(apiGateway().nagErrors())).isEmpty();
    }
}
