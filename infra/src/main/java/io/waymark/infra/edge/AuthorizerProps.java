package io.waymark.infra.edge;

import java.nio.file.Path;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of the {@link Authorizer} Lambda.
 *
 * @param asset the authorizer jar (or, in tests, a stand-in directory)
 * @param jwksUrl the API's own {@code /.well-known/jwks.json}
 * @param issuer expected {@code iss} claim
 * @param logRetention retention of the function's logs
 */
public record AuthorizerProps(
        Path asset, String jwksUrl, String issuer, RetentionDays logRetention) {}
