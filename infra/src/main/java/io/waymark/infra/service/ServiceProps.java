package io.waymark.infra.service;

import io.waymark.infra.config.Profile;
import io.waymark.infra.data.ServiceDatabase;
import io.waymark.infra.network.Network;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.servicediscovery.INamespace;

/**
 * Settings of the {@link Service}: size, image, store and discovery.
 *
 * @param profile          lean: one 0.25 vCPU task; standard: two or more 0.5 vCPU tasks, autoscaled
 * @param network          VPC and subnets
 * @param database         the store the tasks use
 * @param repository       ECR repository of the image
 * @param imageTag         immutable tag to run
 * @param environment      service settings that are not secrets (issuer, CORS origins)
 * @param cloudMapNamespace registers the tasks as SRV records (API Gateway ingress); empty with an ALB
 * @param maxTasks         autoscaling upper bound (standard)
 * @param logRetention     container log retention
 */
public record ServiceProps(
        Profile profile,
        Network network,
        ServiceDatabase database,
        IRepository repository,
        String imageTag,
        Map<String, String> environment,
        Optional<INamespace> cloudMapNamespace,
        int maxTasks,
        RetentionDays logRetention) {
}
