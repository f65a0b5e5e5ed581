package io.waymark.infra;

import static io.waymark.infra.AcceptedFinding.guard;
import static io.waymark.infra.AcceptedFinding.guardInLean;
import static io.waymark.infra.AcceptedFinding.guardOutsideProd;
import static io.waymark.infra.AcceptedFinding.lint;

import java.util.List;

/**
 * Every cfn-lint and cfn-guard finding the templates keep, each with its reason
 * (docs/deploying-to-aws.md links here). Anything else fails {@link TemplateChecksTest}; an entry
 * that no longer matches anything fails it too. Everything the checks found and this list does not
 * name was fixed in the constructs.
 */
final class AcceptedFindings {

    // Logical IDs end in an 8-digit hash; the names below are the construct paths without it.
    private static final String HASH = "[0-9A-F]{8}";

    static final List<AcceptedFinding> ALL =
            List.of(
                    // --- The design of the lean profile: one AZ, no NAT gateway, a few dollars a
                    // month.
                    guardInLean(
                            "ecs_service_assign_public_ip_disabled_check",
                            "Service" + HASH,
                            "Lean has no NAT gateway ($33/month): the task reaches ECR and CloudWatch through its own public "
                                    + "IP, and its security group admits only the VPC link."),
                    guardInLean(
                            "ecs_container_insights_enabled_check",
                            "ServiceCluster" + HASH,
                            "Container Insights would cost about as much as the lean task; the free AWS/ECS metrics drive "
                                    + "the dashboard and alarms (the same reason as the cdk-nag ECS4 suppression)."),

                    // --- Public by the service contract.
                    guard(
                            "api_gw_v2_authorization_type_configured_check",
                            "EdgeApi(GET|POST).*" + HASH,
                            "The public routes of the service contract (health, docs, OpenAPI, JWKS, token, registration, "
                                    + "web page): a caller has no token yet; every other route has the CUSTOM authorizer."),
                    guard(
                            "lambda_function_public_access_prohibited_check",
                            "EdgeApi.*JwtAuthorizer.*Permission" + HASH,
                            "The permission has a SourceArn (this API's authorizer only); the rule accepts only a literal "
                                    + "or a Ref there, not the Fn::Join of partition, region, account and API ID CDK writes."),
                    guardOutsideProd(
                            "alb_http_to_https_redirection_check",
                            "EdgeLoadBalancerHttp" + HASH,
                            "Only with -c allowPlainHttp=true, the named opt-in for throw-away test environments; prod and "
                                    + "every ALB with a domain redirect HTTP to HTTPS."),

                    // --- Lambda functions outside the VPC by design.
                    guard(
                            "lambda_inside_vpc_check",
                            "(EdgeAuthorizerFunction|LogRetention[0-9a-f]{32}|"
                                    + "CustomS3AutoDeleteObjectsCustomResourceProviderHandler)"
                                    + HASH,
                            "The authorizer verifies JWTs against a cached JWKS and never needs the VPC (in the VPC it would "
                                    + "need a NAT or endpoints to fetch it); the other two are CDK's deploy-time helpers, which "
                                    + "call only AWS APIs."),

                    // --- Encryption with AWS-managed keys.
                    guard(
                            "cloudwatch_log_group_encrypted_check",
                            ".*Logs" + HASH,
                            "CloudWatch Logs encrypts every log group at rest with AWS-managed keys. A customer-managed KMS key "
                                    + "adds $1/month per stack and a key policy per log group for lines that carry request "
                                    + "metadata only (no passwords, tokens or bodies are logged)."),
                    guard(
                            "rds_storage_encrypted_kms_key_check",
                            "DataPostgresInstance" + HASH,
                            "Storage is encrypted with the AWS-managed RDS key; a customer key helps only to share snapshots "
                                    + "across accounts or to revoke access by key policy, which this single-account design has "
                                    + "no use for."),
                    guard(
                            "s3_bucket_default_encryption_kms_check",
                            "EdgeAccessLogs" + HASH,
                            "ALB access logs can be delivered only to buckets with SSE-S3 (AWS does not support SSE-KMS for them)."),

                    // --- Log and artifact buckets.
                    guard(
                            "s3_bucket_logging_enabled_check",
                            "(EdgeAccessLogs|PipelineArtifactsBucket)" + HASH,
                            "The ALB's access-log bucket would log into itself; the pipeline's artifact bucket is written and "
                                    + "read by the pipeline's roles only, and CloudTrail records API access to both."),
                    guard(
                            "s3_bucket_versioning_enabled_check",
                            "(EdgeAccessLogs|PipelineArtifactsBucket)" + HASH,
                            "Log objects are written once and expire after 90 days; artifacts are rebuilt from any commit. "
                                    + "Versions would only keep deleted objects longer."),
                    guard(
                            "s3_bucket_object_lock_enabled_check",
                            "(EdgeAccessLogs|PipelineArtifactsBucket)" + HASH,
                            "Object Lock would stop the lifecycle expiry and a non-prod cdk destroy from deleting the objects."),
                    guard(
                            "s3_event_notifications_enabled_check",
                            "(EdgeAccessLogs|PipelineArtifactsBucket)" + HASH,
                            "Nothing consumes events of these buckets."),
                    guard(
                            "s3_lifecycle_policy_check",
                            "PipelineArtifactsBucket" + HASH,
                            "CDK Pipelines owns this bucket; artifacts are small and each execution overwrites them."),

                    // --- The database.
                    guard(
                            "rds_instance_no_default_ports_check",
                            "DataPostgresInstance" + HASH,
                            "The security group admits only the service tasks; a custom port adds no protection (as the "
                                    + "cdk-nag RDS11 suppression says)."),
                    guard(
                            "rds_instance_enhanced_monitoring_enabled_check",
                            "DataPostgresInstance" + HASH,
                            "The one-minute RDS metrics feed the dashboard and alarms; Enhanced Monitoring's OS metrics cost "
                                    + "log ingestion and a role with an AWS-managed policy, for a db.t4g.micro."),
                    guardOutsideProd(
                            "rds_instance_deletion_protection_enabled_check",
                            "DataPostgresInstance" + HASH,
                            "Prod has deletion protection; other environments are removed by one cdk destroy."),
                    guardOutsideProd(
                            "efs_automatic_backups_enabled_check",
                            "DataSqliteFileSystem" + HASH,
                            "Prod backs the file system up daily; elsewhere AWS Backup's recovery points would outlive "
                                    + "cdk destroy and be billed for 35 days (issue 18, defect 7)."),
                    guardOutsideProd(
                            "elbv2_deletion_protection_enabled_check",
                            "EdgeLoadBalancer" + HASH,
                            "Prod has deletion protection; other environments are removed by one cdk destroy."),
                    guardOutsideProd(
                            "cloudwatch_log_group_retention_period_check",
                            ".*Logs" + HASH,
                            "Prod and the pipeline keep logs for a year; dev and test environments for a month, which their "
                                    + "debugging needs, at a twelfth of the storage."),

                    // --- The pipeline.
                    guard(
                            "codebuild_project_environment_privileged_check",
                            "PipelineDevImage.*" + HASH,
                            "The image step runs docker build, which needs the Docker daemon of a privileged build; it builds "
                                    + "only this repository's Dockerfile (as the cdk-nag CB3 suppression says)."),

                    // --- cfn-lint on what CDK generates.
                    lint(
                            "W3005",
                            ".*",
                            "CDK adds explicit DependsOn next to Ref/GetAtt (e.g. a function on its role's policy) so that the "
                                    + "policy exists before first use; redundant for CloudFormation, harmless, and not ours to edit."),
                    lint(
                            "E3703",
                            "Pipeline" + HASH,
                            "CDK Pipelines writes the role ARNs of its deploy actions as Fn::Join with an empty delimiter; "
                                    + "CloudFormation accepts it, cfn-lint would prefer Fn::Sub."));

    private AcceptedFindings() {}
}
