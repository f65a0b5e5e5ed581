package io.waymark.infra.config;

/** How requests reach the service: API Gateway HTTP API (with the Lambda authorizer) or an ALB. */
public enum Ingress {
    APIGATEWAY,
    ALB
}
