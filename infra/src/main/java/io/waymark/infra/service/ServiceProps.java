package io.waymark.infra.service;

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

    /** A builder: every field must be set but the optional ones, which default to empty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServiceProps} field by field, as CDK's own {@code …Props.builder()}. */
    public static final class Builder {
        private Profile profile;
        private Network network;
        private ServiceDatabase database;
        private IRepository repository;
        private String imageTag;
        private Map<String, String> environment = Map.of();
        private Optional<INamespace> cloudMapNamespace = Optional.empty();
        private Sizing sizing;
        private RetentionDays logRetention;
        private Tracing tracing;

        private Builder() {}

        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        public Builder database(ServiceDatabase database) {
            this.database = database;
            return this;
        }

        public Builder repository(IRepository repository) {
            this.repository = repository;
            return this;
        }

        public Builder imageTag(String imageTag) {
            this.imageTag = imageTag;
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder cloudMapNamespace(Optional<INamespace> cloudMapNamespace) {
            this.cloudMapNamespace = cloudMapNamespace;
            return this;
        }

        public Builder sizing(Sizing sizing) {
            this.sizing = sizing;
            return this;
        }

        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        public Builder tracing(Tracing tracing) {
            this.tracing = tracing;
            return this;
        }

        public ServiceProps build() {
            return new ServiceProps(
                    Objects.requireNonNull(profile, "profile"),
                    Objects.requireNonNull(network, "network"),
                    Objects.requireNonNull(database, "database"),
                    Objects.requireNonNull(repository, "repository"),
                    Objects.requireNonNull(imageTag, "imageTag"),
                    environment,
                    cloudMapNamespace,
                    Objects.requireNonNull(sizing, "sizing"),
                    Objects.requireNonNull(logRetention, "logRetention"),
                    Objects.requireNonNull(tracing, "tracing"));
        }
    }
}
