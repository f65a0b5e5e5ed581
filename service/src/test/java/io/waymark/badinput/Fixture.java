package io.waymark.badinput;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.waymark.auth.SigningKeys;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.Signatures;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Who the generated requests come from and whose data they must not touch:
 *
 * <ul>
 *   <li>the <b>bystander</b>, a user with to-dos and pings made before the run: nothing the run
 *       sends may change them (their ids are used as targets, so the run tries);
 *   <li>the <b>attacker</b>, an ordinary user whose token signs most requests, with to-dos of its
 *       own so that requests on {@code /todos/{id}} get past the lookup to the checks behind it;
 *   <li>the <b>self</b> account, the target of requests on {@code /users/{id}} with its own id
 *       (they may rename, re-password or delete it: nobody else depends on it);
 *   <li>an <b>admin</b>, for read-only requests only.
 * </ul>
 *
 * Forged tokens are signed with the service's real key where the point is a claim (no {@code exp},
 * expired, a user that does not exist), so only the claim is wrong.
 */
final class Fixture {

    final Accounts.Account bystander;
    final Accounts.Account attacker;
    final Accounts.Account self;
    final Accounts.Account admin;
    final List<String> bystanderTodos = new ArrayList<>();
    final List<String> attackerTodos = new ArrayList<>();

    /**
     * Credentials that must be refused, by what is wrong with them: the value of the Authorization
     * header.
     */
    final Map<String, String> invalidCredentials = new LinkedHashMap<>();

    private final Api api;

    private Fixture(RunningService service) {
        this.api = service.api();
        Accounts accounts = new Accounts(service);
        bystander = accounts.user();
        attacker = accounts.user();
        self = accounts.user();
        admin = accounts.admin();
        for (int i = 0; i < 3; i++) {
            bystanderTodos.add(
                    created(
                            api.post(
                                    "/api/v1/todos",
                                    bystander.token(),
                                    Map.of(
                                            "title",
                                            "bystander " + i,
                                            "description",
                                            "keep me",
                                            "deadline",
                                            "2027-01-0" + (i + 1) + "T09:00:00Z",
                                            "priority",
                                            i))));
        }
        created(
                api.post(
                        "/api/v1/locations",
                        bystander.token(),
                        Map.of(
                                "pings",
                                List.of(
                                        Map.of(
                                                "lat",
                                                51.5,
                                                "lng",
                                                -0.12,
                                                "accuracy_m",
                                                5.0,
                                                "recorded_at",
                                                "2026-05-01T12:00:00Z"),
                                        Map.of(
                                                "lat",
                                                -33.865143,
                                                "lng",
                                                151.2099,
                                                "recorded_at",
                                                "2026-05-01T12:05:00Z")))));
        for (int i = 0; i < 5; i++) {
            attackerTodos.add(
                    created(
                            api.post(
                                    "/api/v1/todos",
                                    attacker.token(),
                                    Map.of("title", "attacker " + i))));
        }
        forgeCredentials(service.bean(SigningKeys.class).signingKey());
    }

    static Fixture create(RunningService service) {
        return new Fixture(service);
    }

    /**
     * The bystander's data as they see it: every answer (status, ETag, body) that must not change.
     */
    Map<String, String> bystanderData() {
        Map<String, String> data = new LinkedHashMap<>();
        List<String> paths =
                new ArrayList<>(
                        List.of(
                                "/api/v1/auth/me",
                                "/api/v1/users/" + bystander.id(),
                                "/api/v1/todos?limit=200",
                                "/api/v1/users/" + bystander.id() + "/locations?limit=200",
                                "/api/v1/locations/latest"));
        bystanderTodos.forEach(id -> paths.add("/api/v1/todos/" + id));
        for (String path : paths) {
            Api.Response response = api.get(path, bystander.token());
            data.put(
                    path,
                    response.status() + " " + response.header("ETag") + " " + response.body());
        }
        return data;
    }

    private static String created(Api.Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("Fixture write failed: " + response);
        }
        return response.json().has("id") ? response.json().get("id").asString() : "";
    }

    private void forgeCredentials(ECKey realKey) {
        String token = attacker.token();
        invalidCredentials.put("no Authorization header", null);
        invalidCredentials.put("scheme only", "Bearer");
        invalidCredentials.put("empty token", "Bearer ");
        invalidCredentials.put("garbage token", "Bearer not-a-token");
        invalidCredentials.put("three empty parts", "Bearer ..");
        invalidCredentials.put("base64 garbage parts", "Bearer eyJ.eyJ.eyJ");
        invalidCredentials.put("non-token characters", "Bearer a b\"c");
        invalidCredentials.put(
                "wrong scheme (Basic)", "Basic dXNlcjpjb3JyZWN0LWhvcnNlLWJhdHRlcnk=");
        invalidCredentials.put("wrong scheme (Token) with a valid token", "Token " + token);
        invalidCredentials.put("valid token without scheme", token);
        invalidCredentials.put("oversized token (4 KB)", "Bearer " + token + "A".repeat(4000));
        invalidCredentials.put(
                "tampered signature",
                "Bearer "
                        + token.substring(0, token.length() - 4)
                        + (token.endsWith("AAAA") ? "BBBB" : "AAAA"));
        invalidCredentials.put(
                "tampered payload (role admin), original signature",
                "Bearer " + tamperedPayload(token));
        invalidCredentials.put("unsigned (alg none)", "Bearer " + unsigned(token));
        invalidCredentials.put("HS256 instead of ES256", "Bearer " + hs256(token));
        invalidCredentials.put(
                "signed by an unknown key", "Bearer " + resign(token, generatedKey(), c -> c));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        invalidCredentials.put(
                "expired (signed)",
                "Bearer "
                        + resign(
                                token,
                                realKey,
                                c ->
                                        c.issueTime(Date.from(now.minusSeconds(7200)))
                                                .expirationTime(
                                                        Date.from(now.minusSeconds(3600)))));
        invalidCredentials.put(
                "without exp (signed)",
                "Bearer " + resign(token, realKey, c -> c.expirationTime(null)));
        invalidCredentials.put(
                "not yet valid: nbf in an hour (signed)",
                "Bearer "
                        + resign(
                                token,
                                realKey,
                                c -> c.notBeforeTime(Date.from(now.plusSeconds(3600)))));
        invalidCredentials.put(
                "wrong issuer (signed)", "Bearer " + resign(token, realKey, c -> c.issuer("evil")));
        invalidCredentials.put(
                "without sub (signed)", "Bearer " + resign(token, realKey, c -> c.subject(null)));
        invalidCredentials.put(
                "another service's audience (signed)",
                "Bearer " + resign(token, realKey, c -> c.audience("another-service")));
        invalidCredentials.put(
                "exp a century ahead (signed)",
                "Bearer "
                        + resign(
                                token,
                                realKey,
                                c ->
                                        c.expirationTime(
                                                Date.from(now.plus(36_500, ChronoUnit.DAYS)))));
        invalidCredentials.put(
                "ver as a string (signed)",
                "Bearer " + resign(token, realKey, c -> c.claim("ver", "5")));
        invalidCredentials.put("high-S signature", "Bearer " + Signatures.highS(token));
        invalidCredentials.put("padded signature", "Bearer " + token + "==");
        invalidCredentials.put(
                "user that does not exist, e.g. deleted (signed)",
                "Bearer " + resign(token, realKey, c -> c.subject(UUID.randomUUID().toString())));
    }

    private static String tamperedPayload(String token) {
        String[] parts = token.split("\\.");
        String payload =
                new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                        .replace("\"role\":\"user\"", "\"role\":\"admin\"");
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }

    private static String unsigned(String token) {
        String[] parts = token.split("\\.");
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    private static String hs256(String token) {
        try {
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader(JWSAlgorithm.HS256),
                            SignedJWT.parse(token).getJWTClaimsSet());
            jwt.sign(
                    new MACSigner(
                            "a shared secret that nobody should accept here!"
                                    .getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resign(
            String token, ECKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            JWTClaimsSet claims =
                    change.apply(new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet()))
                            .build();
            SignedJWT jwt =
                    new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.ES256)
                                    .keyID(key.getKeyID())
                                    .type(JOSEObjectType.JWT)
                                    .build(),
                            claims);
            jwt.sign(new ECDSASigner(key));
            // Low-S, so that the claim is the only thing wrong.
            return Signatures.lowS(jwt.serialize());
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generatedKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
