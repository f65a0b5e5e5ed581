package io.waymark.infra.edge;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of the {@link Authorizer} Lambda.
 *
 * @param asset the authorizer jar (or, in tests, a stand-in directory)
 * @param jwksUrl the API's own {@code /.well-known/jwks.json}
 * @param issuer expected {@code iss} claim
 * @param logRetention retention of the function's logs
 */
@RecordBuilder
public record AuthorizerProps(
        Path asset, String jwksUrl, String issuer, RetentionDays logRetention) {

    public AuthorizerProps {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(logRetention, "logRetention");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static AuthorizerPropsBuilder builder() {
        return AuthorizerPropsBuilder.builder();
    }
}
