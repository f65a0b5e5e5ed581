package io.waymark.infra.config;

/**
 * What delivers new images: GitHub Actions through an OIDC role, or a self-mutating CodePipeline.
 */
public enum PipelineKind {
    GITHUB,
    CODEPIPELINE
}
