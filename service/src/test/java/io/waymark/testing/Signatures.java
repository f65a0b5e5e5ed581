package io.waymark.testing;

import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * The other spellings of an ES256 token's signature that verify all the same: (r, n − s) for (r,
 * s), and the same bytes in a base64url text that is not the canonical one.
 */
public final class Signatures {

    private static final BigInteger ORDER = Curve.P_256.toECParameterSpec().getOrder();

    private Signatures() {}

    /** The token with s ≤ n/2. */
    public static String lowS(String token) {
        return withS(token, false);
    }

    /** The token with s > n/2. */
    public static String highS(String token) {
        return withS(token, true);
    }

    /**
     * The same signature with non-zero bits in the unused low bits of its last character, which a
     * lenient decoder drops.
     */
    public static String withStrayBits(String token) {
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // 64 bytes are 86 characters: the last carries 2 bits of data and 4 unused ones.
        char stray = alphabet.charAt(alphabet.indexOf(last) | 1);
        return token.substring(0, token.length() - 1) + stray;
    }

    private static String withS(String token, boolean high) {
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        boolean isHigh = s.compareTo(ORDER.shiftRight(1)) > 0;
        if (isHigh != high) {
            byte[] other = ORDER.subtract(s).toByteArray();
            byte[] fixed = new byte[32];
            int length = Math.min(other.length, 32);
            System.arraycopy(other, other.length - length, fixed, 32 - length, length);
            System.arraycopy(fixed, 0, signature, 32, 32);
        }
        return token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
