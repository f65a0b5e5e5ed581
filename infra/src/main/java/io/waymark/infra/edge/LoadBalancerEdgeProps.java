package io.waymark.infra.edge;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
public record LoadBalancerEdgeProps(
        Network network, Optional<String> domain, Optional<String> certificateArn, boolean prod) {

    public LoadBalancerEdgeProps {
        Objects.requireNonNull(network, "network");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static LoadBalancerEdgePropsBuilder builder() {
        return LoadBalancerEdgePropsBuilder.builder();
    }
}
