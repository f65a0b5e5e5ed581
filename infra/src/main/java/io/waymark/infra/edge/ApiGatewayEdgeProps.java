package io.waymark.infra.edge;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
public record ApiGatewayEdgeProps(
        Network network,
        Path authorizerJar,
        Optional<String> domain,
        Optional<String> certificateArn,
        RetentionDays logRetention) {

    public ApiGatewayEdgeProps {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(authorizerJar, "authorizerJar");
        Objects.requireNonNull(logRetention, "logRetention");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static ApiGatewayEdgePropsBuilder builder() {
        return ApiGatewayEdgePropsBuilder.builder();
    }
}
