package io.waymark.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * One spelling per ES256 signature. ECDSA is malleable: with (r, s) valid, (r, n − s) is valid too,
 * and a base64url decoder also takes padding and stray low bits in the last character. Each such
 * spelling of a token is another key of {@link VerifiedTokens}, so each would cost a full
 * verification and a cache entry; accepting only low-S (s ≤ n/2, as in Bitcoin's BIP 62) written as
 * exactly 86 unpadded base64url characters makes the signature, and so the token, unique. The
 * service signs that way, so its own tokens always pass.
 */
final class CanonicalSignature {

    private static final BigInteger ORDER = Curve.P_256.toECParameterSpec().getOrder();
    private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
    private static final int HALF = 32;

    /** 64 bytes (r then s, 32 each) in unpadded base64url. */
    private static final int ENCODED_LENGTH = 86;

    private CanonicalSignature() {}

    /** Whether the token's signature segment is the canonical spelling of an ES256 signature. */
    static boolean isCanonical(String token) {
        int dot = token.lastIndexOf('.');
        String segment = token.substring(dot + 1);
        if (dot < 0 || segment.length() != ENCODED_LENGTH) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(segment)) {
            return false;
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, HALF, 2 * HALF));
        return s.signum() > 0 && s.compareTo(HALF_ORDER) <= 0;
    }

    /** The compact JWT of these claims, signed ES256 with a low-S signature. */
    static String sign(JWSHeader header, JWTClaimsSet claims, ECKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        byte[] signature = jwt.getSignature().decode();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, HALF, 2 * HALF));
        if (s.compareTo(HALF_ORDER) > 0) {
            byte[] low = unsigned(ORDER.subtract(s));
            System.arraycopy(low, 0, signature, HALF, HALF);
        }
        String serialized = jwt.serialize();
        return serialized.substring(0, serialized.lastIndexOf('.') + 1)
                + Base64URL.encode(signature);
    }

    /** {@code value} as exactly 32 big-endian bytes. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[HALF];
        int length = Math.min(bytes.length, HALF);
        System.arraycopy(bytes, bytes.length - length, fixed, HALF - length, length);
        return fixed;
    }
}
