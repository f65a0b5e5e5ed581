package io.waymark.infra.edge;

import io.waymark.infra.service.Service;
import java.util.Optional;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The public entry of the API. Made before the service (the service's issuer is the edge URL), then
 * {@link #route(Service)} connects it to the tasks.
 */
public interface Edge {

    /** Base URL clients use, without a trailing slash. */
    String url();

    /** With a custom domain: the name the domain's DNS record must point at. */
    Optional<String> dnsTarget();

    /**
     * The header that carries the client's address to the service ({@code
     * WAYMARK_FORWARDED_HEADER}): the ALB appends to {@code X-Forwarded-For}; API Gateway HTTP APIs
     * send RFC 7239 {@code Forwarded} to private integrations.
     */
    String forwardedHeader();

    /** Connects the entry to the service and opens the service port to the entry only. */
    void route(Service service);

    /** Requests per period (Sum). */
    Metric requests();

    /** Client errors per period (Sum). */
    IMetric clientErrors();

    /** Server errors per period (Sum). */
    IMetric serverErrors();

    /** Latency in milliseconds at the given percentile statistic ({@code p50}, {@code p99}). */
    IMetric latency(String percentile);

    /**
     * Targets failing the health check; empty when the ingress has no target health (Cloud Map).
     */
    Optional<Metric> unhealthyTargets();
}
