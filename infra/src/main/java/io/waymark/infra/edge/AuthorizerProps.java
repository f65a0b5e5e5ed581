package io.waymark.infra.edge;

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
public record AuthorizerProps(
        Path asset, String jwksUrl, String issuer, RetentionDays logRetention) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AuthorizerProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private Path asset;
        private String jwksUrl;
        private String issuer;
        private RetentionDays logRetention;

        private Builder() {}

        public Builder asset(Path asset) {
            this.asset = asset;
            return this;
        }

        public Builder jwksUrl(String jwksUrl) {
            this.jwksUrl = jwksUrl;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public AuthorizerProps build() {
            return new AuthorizerProps(
                    Objects.requireNonNull(asset, "asset"),
                    Objects.requireNonNull(jwksUrl, "jwksUrl"),
                    Objects.requireNonNull(issuer, "issuer"),
                    Objects.requireNonNull(logRetention, "logRetention"));
        }
    }
}
