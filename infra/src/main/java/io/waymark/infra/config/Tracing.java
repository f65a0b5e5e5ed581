package io.waymark.infra.config;

/**
 * Where traces go: nowhere (the default; the service still propagates trace ids), or to AWS X-Ray
 * through ADOT.
 */
public enum Tracing {
    NONE,
    XRAY
}
