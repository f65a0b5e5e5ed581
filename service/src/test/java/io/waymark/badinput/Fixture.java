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
import io.waymark.shared.Endpoint;
import io.waymark.testing.Accounts;
import io.waymark.testing.Api;
import io.waymark.testing.RunningService;
import io.waymark.testing.Signatures;
import io.waymark.web.DeclaredEndpoints;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;

/**
 * Who the generated requests come from and whose data they must not touch:
 *
 * <ul>
 *   <li>the <b>bystander</b>, a user with the data every signed-in {@code POST}'s declared examples
 *       make (to-dos, pings, ...), made before the run: nothing the run sends may change it (its
 *       ids are used as targets, so the run tries);
 *   <li>the <b>attacker</b>, an ordinary user whose token signs most requests, with members of its
 *       own in each collection a user owns, so that requests on {@code /todos/{id}} and the like
 *       get past the lookup to the checks behind it;
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

    /**
     * Credentials that must be refused, by what is wrong with them: the value of the Authorization
     * header.
     */
    final Map<String, String> invalidCredentials = new LinkedHashMap<>();

    private final Api api;
    private final List<DeclaredEndpoints.Declared> endpoints;

    /**
     * The collections whose members a signed-in user makes and owns ({@code /api/v1/todos}): a
     * signed-in {@code POST} to a path that has a member path ({@code /api/v1/todos/{id}}). The
     * other collection with member paths is the accounts', whose members are the fixture's users.
     */
    private final Set<String> owned = new TreeSet<>();

    private final Map<String, List<String>> bystanderMade = new HashMap<>();
    private final Map<String, List<String>> attackerMade = new HashMap<>();
    private int sent;

    private Fixture(RunningService service) {
        this.api = service.api();
        this.endpoints = service.bean(DeclaredEndpoints.class).all();
        Accounts accounts = new Accounts(service);
        bystander = accounts.user();
        attacker = accounts.user();
        self = accounts.user();
        admin = accounts.admin();
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            boolean hasMembers =
                    endpoints.stream().anyMatch(e -> e.path().startsWith(endpoint.path() + "/{"));
            if (isMadeBySignedIn(endpoint) && hasMembers) {
                owned.add(endpoint.path());
            }
        }
        // The bystander's data: what each signed-in POST's examples make, so that every kind of
        // data the service keeps is there to be harmed, and must not be.
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            if (isMadeBySignedIn(endpoint)) {
                for (Endpoint.Example example : endpoint.declaration().examples()) {
                    if (example.status() == HttpStatus.CREATED.value()) {
                        make(endpoint, example, bystander, bystanderMade);
                    }
                }
            }
        }
        // The attacker's own members of each owned collection, so that requests on a member get
        // past the lookup to the checks behind it.
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            if (owned.contains(endpoint.path()) && endpoint.method().equals("POST")) {
                Endpoint.Example example = firstCreating(endpoint);
                for (int i = 0; i < 5; i++) {
                    make(endpoint, example, attacker, attackerMade);
                }
            }
        }
        forgeCredentials(service.bean(SigningKeys.class).signingKey());
    }

    static Fixture create(RunningService service) {
        return new Fixture(service);
    }

    /** Whether members of this collection belong to the user who made them. */
    boolean isOwned(String collection) {
        return owned.contains(collection);
    }

    /** The attacker's members of an owned collection. */
    List<String> attackerMembers(String collection) {
        return attackerMade.get(collection);
    }

    /** The bystander's members of an owned collection. */
    List<String> bystanderMembers(String collection) {
        return bystanderMade.get(collection);
    }

    /**
     * The bystander's data as they see it: every answer (status, ETag, body) of every read the
     * service declares, on the bystander's own members and account, that must not change.
     */
    Map<String, String> bystanderData() {
        Map<String, String> data = new LinkedHashMap<>();
        for (DeclaredEndpoints.Declared endpoint : endpoints) {
            // The bystander's own reads, by token: not an admin's (refused them) nor a phone's
            // (by device key, so refused too), and a refusal carries its request's trace id.
            if (endpoint.method().equals("GET")
                    && endpoint.isApi()
                    && endpoint.declaration().access() == Endpoint.Access.SIGNED_IN) {
                for (String path : bystanderPaths(endpoint.path())) {
                    Api.Response response = api.get(path, bystander.token());
                    data.put(
                            path,
                            response.status()
                                    + " "
                                    + response.header("ETag")
                                    + " "
                                    + response.body());
                }
            }
        }
        return data;
    }

    /** The template with each variable filled every way the bystander can fill it. */
    private List<String> bystanderPaths(String template) {
        int at = template.indexOf("/{");
        if (at < 0) {
            return List.of(template);
        }
        int end = template.indexOf('}', at) + 1;
        String collection = template.substring(0, at);
        List<String> values =
                owned.contains(collection)
                        ? bystanderMade.getOrDefault(collection, List.of())
                        : List.of(bystander.id());
        List<String> paths = new ArrayList<>();
        for (String value : values) {
            for (String rest : bystanderPaths(template.substring(end))) {
                paths.add(collection + "/" + value + rest);
            }
        }
        return paths;
    }

    private static boolean isMadeBySignedIn(DeclaredEndpoints.Declared endpoint) {
        return endpoint.isApi()
                && endpoint.method().equals("POST")
                && !endpoint.isPublic()
                && firstCreating(endpoint) != null;
    }

    private static Endpoint.Example firstCreating(DeclaredEndpoints.Declared endpoint) {
        for (Endpoint.Example example : endpoint.declaration().examples()) {
            if (example.status() == HttpStatus.CREATED.value()) {
                return example;
            }
        }
        return null;
    }

    /** Sends a creating example as this account; its id, if it answers one, is kept. */
    private void make(
            DeclaredEndpoints.Declared endpoint,
            Endpoint.Example example,
            Accounts.Account account,
            Map<String, List<String>> made) {
        String round = "fixture-" + (++sent);
        Api.Call call =
                api.call("POST", endpoint.path())
                        .token(account.token())
                        .body(
                                example.contentType().isEmpty()
                                        ? "application/json"
                                        : example.contentType(),
                                example.body().replace("{round}", round));
        for (String header : example.headers()) {
            int colon = header.indexOf(':');
            call.header(
                    header.substring(0, colon).trim(),
                    header.substring(colon + 1).trim().replace("{round}", round));
        }
        Api.Response response = call.send();
        if (response.status() != HttpStatus.CREATED.value()) {
            throw new IllegalStateException("Fixture write failed: " + response);
        }
        if (response.json().has("id")) {
            made.computeIfAbsent(endpoint.path(), c -> new ArrayList<>())
                    .add(response.json().get("id").asString());
        }
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
