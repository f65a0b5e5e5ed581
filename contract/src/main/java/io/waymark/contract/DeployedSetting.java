package io.waymark.contract;

/**
 * The settings the CDK app gives {@code serve} in every AWS deployment, whatever the profile,
 * ingress, database and tracing: infra's {@code DeployedSettingsTest} holds this list equal to what
 * every synthesized task definition sets (environment and secrets), and the service's {@code
 * BuildTimeContextTest} and {@code ConditionInputsTest} start from it, because no condition may
 * read a setting every deployment sets (docs/architecture.md): the processed context would then
 * never be used in AWS.
 *
 * <p>The examples stand in for what CloudFormation fills in at deploy time (the API's URL, the
 * VPC's range, a generated secret); each has the form the real value has.
 */
public enum DeployedSetting {
    PORT("8080"),
    LOG_FORMAT("json"),
    /** Its store family is what a condition may see; the value differs per store. */
    DATABASE_URL("sqlite:/data/waymark.db?journal_mode=delete"),
    WAYMARK_ISSUER("https://abc123.execute-api.us-east-1.amazonaws.com"),
    WAYMARK_PUBLIC_URL("https://abc123.execute-api.us-east-1.amazonaws.com"),
    WAYMARK_CORS_ORIGINS("https://abc123.execute-api.us-east-1.amazonaws.com"),
    WAYMARK_TRUSTED_PROXIES("10.0.0.0/16"),
    WAYMARK_FORWARDED_HEADER("forwarded"),
    WAYMARK_CLOUDWATCH_NAMESPACE("Waymark/dev"),
    /** An ECS secret from Secrets Manager: 64 hex digits. */
    WAYMARK_KEY_ENCRYPTION_KEY("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
    /** The first admin, from the stack's generated secret (its JSON key username). */
    WAYMARK_ADMIN_USER("admin"),
    /** The first admin's generated password (the secret's JSON key password). */
    WAYMARK_ADMIN_PASSWORD("generated-32-character-password1");

    private final String example;

    DeployedSetting(String example) {
        this.example = example;
    }

    /** A value of the form the deployment gives (never a real secret). */
    public String example() {
        return example;
    }
}
