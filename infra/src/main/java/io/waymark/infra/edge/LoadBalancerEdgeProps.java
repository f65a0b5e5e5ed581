package io.waymark.infra.edge;

import io.waymark.infra.network.Network;
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
        Network network, Optional<String> domain, Optional<String> certificateArn, boolean prod) {}
