package io.waymark.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.testing.Accounts;
import io.waymark.testing.RunningService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The private signing keys in the store are encrypted with the key the deployment provides ({@code
 * WAYMARK_KEY_ENCRYPTION_KEY}); keys stored before are read and encrypted at start.
 */
class SecretsAtRestTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    @Test
    void theStoredPrivateKeyIsNotThePlainJwk() throws IOException {
        Path file = Files.createTempDirectory("waymark-enc").resolve("waymark.db");
        RunningService service = start(file, Map.of("waymark.key-encryption-key", KEY));
        try {
            new Accounts(service).user();

            var stored = service.bean(SigningKeyStore.class).findAll();
            assertThat(stored).isNotEmpty();
            assertThat(stored)
                    .allSatisfy(key -> assertThat(key.privateJwk()).doesNotContain("\"d\""));
        } finally {
            service.stop();
        }
    }

    @Test
    void keysStoredBeforeEncryptionAreReadAndEncryptedAndAWrongKeyStopsStartUp()
            throws IOException {
        Path file = Files.createTempDirectory("waymark-migrate").resolve("waymark.db");
        RunningService plain = start(file, Map.of());
        String token;
        try {
            token = new Accounts(plain).user().token();
            assertThat(plain.bean(SigningKeyStore.class).findAll().getFirst().privateJwk())
                    .contains("\"d\"");
        } finally {
            plain.stop();
        }

        RunningService encrypted = start(file, Map.of("waymark.key-encryption-key", KEY));
        try {
            assertThat(encrypted.api().get("/api/v1/auth/me", token).status())
                    .as("a token signed before encryption still verifies")
                    .isEqualTo(200);
            assertThat(encrypted.bean(SigningKeyStore.class).findAll())
                    .allSatisfy(key -> assertThat(key.privateJwk()).doesNotContain("\"d\""));
            assertThat(new Accounts(encrypted).user().token()).isNotBlank();
        } finally {
            encrypted.stop();
        }

        assertThatThrownBy(() -> start(file, Map.of("waymark.key-encryption-key", OTHER_KEY)))
                .hasStackTraceContaining("WAYMARK_KEY_ENCRYPTION_KEY");
        assertThatThrownBy(() -> start(file, Map.of("waymark.key-encryption-key", "c2hvcnQ=")))
                .hasStackTraceContaining("WAYMARK_KEY_ENCRYPTION_KEY");
    }

    @Test
    void theKeyIsReadAsBase64OrAsTheSixtyFourHexDigitsAwsGenerates() {
        assertThat(new KeyEncryption.Settings(KEY).secretKey().getEncoded()).hasSize(32);
        assertThat(
                        new KeyEncryption.Settings("0123456789abcdef".repeat(4))
                                .secretKey()
                                .getEncoded())
                .hasSize(32);
        assertThat(new KeyEncryption.Settings(null).secretKey()).isNull();
    }

    private static RunningService start(Path file, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("database.url", "sqlite:" + file);
        return RunningService.start(Map.of(), all);
    }
}
