package io.waymark.infra.service;

import io.waymark.infra.nag.Nag;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The first admin of a deployment: a generated Secrets Manager secret {@code {"username": "admin",
 * "password": …}} handed to {@code serve} as {@code WAYMARK_ADMIN_USER} and {@code
 * WAYMARK_ADMIN_PASSWORD}. The service creates that admin at start only while no admin exists, so
 * restarts, scale-out and a changed password never reset anything; the stack outputs the secret's
 * ARN for {@code aws secretsmanager get-secret-value}.
 */
final class FirstAdmin {

    static final String USER_VARIABLE = "WAYMARK_ADMIN_USER";
    static final String PASSWORD_VARIABLE = "WAYMARK_ADMIN_PASSWORD";
    static final String USER_NAME = "admin";

    private FirstAdmin() {}

    static ISecret generate(Construct scope, ContainerDefinition serve) {
        var secret =
                software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(
                                scope, "FirstAdmin")
                        .description(
                                "Waymark's first admin ("
                                        + USER_VARIABLE
                                        + ", "
                                        + PASSWORD_VARIABLE
                                        + "); only its first value counts")
                        .generateSecretString(
                                SecretStringGenerator.builder()
                                        .secretStringTemplate(
                                                "{\"username\":\"" + USER_NAME + "\"}")
                                        .generateStringKey("password")
                                        // 32 letters and digits: about 190 bits, and nothing a
                                        // shell or a form would mangle when pasted.
                                        .passwordLength(32)
                                        .excludePunctuation(true)
                                        .includeSpace(false)
                                        .build())
                        .build();
        Nag.suppress(
                secret,
                Nag.rule(
                        "SMG4",
                        "Only the first value is ever used: the service creates the admin once,"
                                + " and the admin changes the password in Waymark, so a rotation"
                                + " would change nothing that signs in."));
        serve.addSecret(USER_VARIABLE, Secret.fromSecretsManager(secret, "username"));
        serve.addSecret(PASSWORD_VARIABLE, Secret.fromSecretsManager(secret, "password"));
        return secret;
    }
}
