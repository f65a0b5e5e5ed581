package io.waymark.infra.edge;

import io.waymark.infra.network.Network;
import java.nio.file.Path;
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
        RetentionDays logRetention) {}
