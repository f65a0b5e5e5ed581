package io.waymark.web;

import io.waymark.config.InvalidSettingException;
import io.waymark.shared.ApiException;
import io.waymark.shared.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most so many API requests in progress at once; one more waits a moment for a place, then is
 * answered 503 with Retry-After. Requests run on virtual threads, which Tomcat does not count, so
 * without this bound an overloaded instance takes every request that arrives: measured with {@code
 * bench/run --devices --lean}, 2,000 phones arriving at a cold lean task (0.25 CPU, 128 MB heap)
 * piled up ~800 requests in progress and the JVM ended on OutOfMemoryError, and ECS would restart
 * it into the same load. Health and the page's files stay outside the bound, so a busy instance
 * still answers its health check.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
@EnableConfigurationProperties(InFlightRequests.Settings.class)
class InFlightRequests extends OncePerRequestFilter {

    private final Semaphore places;
    private final Duration wait;
    private final ProblemWriter problems;

    InFlightRequests(Settings settings, ProblemWriter problems) {
        if (settings.requests() < 1) {
            throw new InvalidSettingException(
                    "WAYMARK_LIMITS_IN_FLIGHT_REQUESTS", "must be at least 1");
        }
        if (settings.maxWait().isNegative()) {
            throw new InvalidSettingException(
                    "WAYMARK_LIMITS_IN_FLIGHT_MAX_WAIT", "must not be negative");
        }
        this.places = new Semaphore(settings.requests());
        this.wait = settings.maxWait();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = places.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            problems.write(response, new OverloadedException());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }

    /**
     * {@code WAYMARK_LIMITS_IN_FLIGHT_REQUESTS} (64) and {@code WAYMARK_LIMITS_IN_FLIGHT_MAX_WAIT}
     * (2s).
     */
    @ConfigurationProperties("waymark.limits.in-flight")
    record Settings(int requests, Duration maxWait) {}

    static class OverloadedException extends ApiException {

        OverloadedException() {
            super(
                    ProblemType.OVERLOADED,
                    "The service has as many requests in progress as it takes; retry after the delay in Retry-After");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(1));
        }
    }
}
