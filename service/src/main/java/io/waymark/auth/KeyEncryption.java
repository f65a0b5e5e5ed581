package io.waymark.auth;

import io.waymark.config.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Seals the private signing keys before they reach the store, with AES-256-GCM under the key the
 * deployment provides ({@code WAYMARK_KEY_ENCRYPTION_KEY}, 32 bytes in base64 or as 64 hex digits;
 * AWS generates the hex form in Secrets Manager): a copy of the database, a backup or a snapshot
 * then holds no usable key. The key id is the associated data, so a sealed key cannot be passed off
 * as another. A stored key without the prefix is a plain JWK from before: it is read as it is, and
 * {@link SigningKeys} seals it at start. Without the setting (a local run) keys stay plain, and
 * start-up says so once.
 */
@Component
@EnableConfigurationProperties(KeyEncryption.Settings.class)
class KeyEncryption {

    static final String VARIABLE = "WAYMARK_KEY_ENCRYPTION_KEY";
    private static final String PREFIX = "aes256gcm:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger log = LoggerFactory.getLogger(KeyEncryption.class);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    KeyEncryption(Settings settings) {
        this.key = settings.secretKey();
        if (key == null) {
            log.warn(
                    "{} is not set: the private signing keys are stored unencrypted"
                            + " (set it to 32 random bytes in base64: openssl rand -base64 32)",
                    VARIABLE);
        }
    }

    /** The JWK as it is to be stored: sealed when there is a key. */
    String seal(String kid, String jwk) {
        if (key == null) {
            return jwk;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, kid);
            byte[] sealed = cipher.doFinal(jwk.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a signing key", e);
        }
    }

    /** The JWK of a stored key, sealed or (from before encryption) plain. */
    String open(String kid, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        if (key == null) {
            throw new InvalidSettingException(
                    VARIABLE, "is not set, but the stored signing keys are encrypted");
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES), kid);
            return new String(
                    cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException wrongKey) {
            throw new InvalidSettingException(
                    VARIABLE,
                    "does not decrypt the stored signing keys: it is not the key they were"
                            + " encrypted with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt signing key " + kid, e);
        }
    }

    /** Whether a stored key is plain and there is a key to seal it with. */
    boolean shouldSeal(String stored) {
        return key != null && !isSealed(stored);
    }

    private static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    private Cipher cipher(int mode, byte[] iv, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** {@code WAYMARK_KEY_ENCRYPTION_KEY}: 32 bytes in base64 or hex, or unset. */
    @ConfigurationProperties("waymark")
    record Settings(String keyEncryptionKey) {

        private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

        Settings {
            secretKey(keyEncryptionKey);
        }

        SecretKey secretKey() {
            return secretKey(keyEncryptionKey);
        }

        private static SecretKey secretKey(String base64) {
            if (base64 == null || base64.isBlank()) {
                return null;
            }
            String value = base64.strip();
            byte[] bytes;
            try {
                // 64 hex digits is what AWS generates (Secrets Manager makes characters, not
                // bytes).
                bytes =
                        HEX.matcher(value).matches()
                                ? HexFormat.of().parseHex(value)
                                : Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException notBase64) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new InvalidSettingException(
                        VARIABLE,
                        "must be 32 bytes in base64 (openssl rand -base64 32) or 64 hex digits, got "
                                + bytes.length
                                + " bytes");
            }
            return new SecretKeySpec(bytes, "AES");
        }
    }
}
