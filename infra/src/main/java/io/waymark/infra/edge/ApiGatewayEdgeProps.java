package io.waymark.infra.edge;

import io.waymark.infra.network.Network;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Settings of the {@link ApiGatewayEdge}.
 *
 * @param network VPC whose service subnets host the VPC link
 * @param authorizerJar asset of the Lambda authorizer
 * @param domain optional custom domain
 * @param certificateArn ACM certificate of the custom domain
 * @param logRetention access and authorizer log retention
 */
public record ApiGatewayEdgeProps(
        Network network,
        Path authorizerJar,
        Optional<String> domain,
        Optional<String> certificateArn,
        RetentionDays logRetention) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ApiGatewayEdgeProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private Network network;
        private Path authorizerJar;
        private Optional<String> domain = Optional.empty();
        private Optional<String> certificateArn = Optional.empty();
        private RetentionDays logRetention;

        private Builder() {}

        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        public Builder authorizerJar(Path authorizerJar) {
            this.authorizerJar = authorizerJar;
            return this;
        }

        public Builder domain(Optional<String> domain) {
            this.domain = domain;
            return this;
        }

        public Builder certificateArn(Optional<String> certificateArn) {
            this.certificateArn = certificateArn;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public ApiGatewayEdgeProps build() {
            return new ApiGatewayEdgeProps(
                    Objects.requireNonNull(network, "network"),
                    Objects.requireNonNull(authorizerJar, "authorizerJar"),
                    domain,
                    certificateArn,
                    Objects.requireNonNull(logRetention, "logRetention"));
        }
    }
}
