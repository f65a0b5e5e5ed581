package io.waymark.infra.edge;

import io.waymark.infra.network.Network;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@link LoadBalancerEdge}.
 *
 * @param network VPC whose public subnets host the ALB
 * @param domain optional custom domain (HTTPS on 443, HTTP redirected)
 * @param certificateArn ACM certificate of the domain
 * @param prod prod keeps the access logs on destroy
 */
public record LoadBalancerEdgeProps(
        Network network, Optional<String> domain, Optional<String> certificateArn, boolean prod) {

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link LoadBalancerEdgeProps} field by field, as CDK's own {@code …Props.builder()}.
     */
    public static final class Builder {
        private Network network;
        private Optional<String> domain = Optional.empty();
        private Optional<String> certificateArn = Optional.empty();
        private boolean prod;

        private Builder() {}

        public Builder network(Network network) {
            this.network = network;
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

        public Builder prod(boolean prod) {
            this.prod = prod;
            return this;
        }

        public LoadBalancerEdgeProps build() {
            return new LoadBalancerEdgeProps(
                    Objects.requireNonNull(network, "network"), domain, certificateArn, prod);
        }
    }
}
