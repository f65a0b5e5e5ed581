package io.waymark.infra.service;

import io.waymark.infra.nag.Nag;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The key that encrypts the private signing keys in the database, generated in Secrets Manager so
 * that nobody ever sees it. Secrets Manager makes characters, not bytes: 64 of 0-9a-f are 256
 * random bits, which the service reads as hex.
 */
final class KeyEncryptionKey {

    static final String VARIABLE = "WAYMARK_KEY_ENCRYPTION_KEY";

    private KeyEncryptionKey() {}

    static ISecret generate(Construct scope) {
        Secret key =
                Secret.Builder.create(scope, "KeyEncryptionKey")
                        .description(
                                "Encrypts Waymark's private signing keys in its database ("
                                        + VARIABLE
                                        + ")")
                        .generateSecretString(
                                SecretStringGenerator.builder()
                                        .passwordLength(64)
                                        .excludeUppercase(true)
                                        .excludePunctuation(true)
                                        .excludeCharacters("ghijklmnopqrstuvwxyz")
                                        .includeSpace(false)
                                        .requireEachIncludedType(false)
                                        .build())
                        .build();
        Nag.suppress(
                key,
                Nag.rule(
                        "SMG4",
                        "A key-encryption key cannot rotate on its own: the signing keys it"
                                + " encrypted would need re-encrypting under the new one, and they"
                                + " are themselves replaced every 30 days."));
        return key;
    }
}
