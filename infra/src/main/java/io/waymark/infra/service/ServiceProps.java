package io.waymark.infra.service;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.waymark.infra.config.Profile;
import io.waymark.infra.config.Sizing;
import io.waymark.infra.config.Tracing;
import io.waymark.infra.data.ServiceDatabase;
import io.waymark.infra.network.Network;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.servicediscovery.INamespace;

/**
 * Settings of the {@link Service}: size, image, store and discovery.
 *
 * @param profile lean: one task, never scaled; standard: two or more tasks, autoscaled
 * @param network VPC and subnets
 * @param database the store the tasks use
 * @param repository ECR repository of the image
 * @param imageTag immutable tag to run
 * @param environment service settings that are not secrets (issuer, CORS origins)
 * @param cloudMapNamespace registers the tasks as SRV records (API Gateway ingress); empty with an
 *     ALB
 * @param sizing task size, task count bounds and the CPU target (standard)
 * @param logRetention container log retention
 * @param tracing {@code XRAY}: an ADOT collector sidecar sends the service's spans to X-Ray
 */
@RecordBuilder
@RecordBuilder.Options(useImmutableCollections = true)
public record ServiceProps(
        Profile profile,
        Network network,
        ServiceDatabase database,
        IRepository repository,
        String imageTag,
        Map<String, String> environment,
        Optional<INamespace> cloudMapNamespace,
        Sizing sizing,
        RetentionDays logRetention,
        Tracing tracing) {

    public ServiceProps {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(imageTag, "imageTag");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(tracing, "tracing");
    }

    /**
     * A builder, as CDK's own {@code …Props.builder()}: every field must be set but the optional
     * ones, which default to empty.
     */
    public static ServicePropsBuilder builder() {
        return ServicePropsBuilder.builder();
    }
}
