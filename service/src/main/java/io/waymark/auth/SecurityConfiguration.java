package io.waymark.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.waymark.contract.PublicEndpoints;
import io.waymark.contract.TokenClaims;
import io.waymark.shared.Endpoint;
import io.waymark.shared.ProblemType;
import io.waymark.shared.Role;
import io.waymark.shared.StoreUnavailableException;
import io.waymark.user.UserService;
import io.waymark.web.ClientAddresses;
import io.waymark.web.DeclaredEndpoints;
import io.waymark.web.ProblemWriter;
import io.waymark.web.Problems;
import io.waymark.web.PublicUrl;
import io.waymark.webpage.MapProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadataClaimNames;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless bearer-token security: each endpoint as its {@code @Endpoint} declares (public, signed
 * in, admin); anything else under {@code /api/} needs a valid ES256 token, and everything else
 * (health, docs, the web page, JWKS) is public. No sessions or cookies, hence no CSRF tokens.
 * Failures answer with problem+json and {@code WWW-Authenticate: Bearer}. The web beans are only
 * made for {@code serve}; {@code migrate} and {@code create-admin} run without a web server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    TokenProperties.class,
    CorsProperties.class,
    MapProperties.class,
    PublicUrl.class
})
class SecurityConfiguration implements WebMvcConfigurer {

    /**
     * Scripts only from this origin: the web page and Swagger UI ship their scripts as files, never
     * inline. Images also from the map's tile server, and from exactly its origin, so the map gets
     * its tiles and nothing else does.
     */
    static String contentSecurityPolicy(String tileOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                + tileOrigin
                + "; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                + "form-action 'self'";
    }

    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            VerifiedTokens tokens,
            ProblemWriter problems,
            CorsProperties cors,
            MapProperties map,
            ClientAddresses clients,
            PublicUrl publicUrl,
            DeclaredEndpoints endpoints)
            throws Exception {
        // Spring builds resource_metadata from the request's Host; ours names the configured URL.
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        bearer.setResourceMetadataParameterResolver(
                request -> publicUrl.of(PublicUrl.PROTECTED_RESOURCE_METADATA));
        AuthenticationEntryPoint unauthorized =
                (request, response, e) -> {
                    if (e instanceof StoreUnavailableAuthenticationException) {
                        problems.write(response, new StoreUnavailableException());
                        return;
                    }
                    bearer.commence(request, response, e);
                    problems.write(
                            response,
                            Problems.of(
                                    ProblemType.UNAUTHORIZED,
                                    "A valid bearer access token is required"));
                };
        AccessDeniedHandler forbidden =
                (request, response, e) -> {
                    new BearerTokenAccessDeniedHandler().handle(request, response, e);
                    problems.write(
                            response,
                            Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this"));
                };
        BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(tokens);
        HeaderBearerTokenResolver bearerTokens = new HeaderBearerTokenResolver();
        // Where the Authorization header holds a device key, which its handler checks.
        List<RequestMatcher> deviceKeyEndpoints =
                endpoints.all().stream()
                        .filter(e -> e.declaration().access() == Endpoint.Access.DEVICE_KEY)
                        .map(
                                e ->
                                        (RequestMatcher)
                                                PathPatternRequestMatcher.withDefaults()
                                                        .matcher(
                                                                HttpMethod.valueOf(e.method()),
                                                                e.path()))
                        .toList();
        RequestMatcher deviceKeys =
                request -> deviceKeyEndpoints.stream().anyMatch(m -> m.matches(request));
        // Stateless, bearer tokens only: the filters for sessions, anonymous principals, the
        // servlet API's login methods and saved requests would run on every request for nothing
        // (profiled: each filter costs).
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(
                        context ->
                                context.securityContextRepository(
                                        new RequestAttributeSecurityContextRepository()))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(
                        requests -> {
                            // What each endpoint declares where it is written (@Endpoint); the
                            // contract's list of public endpoints, which API Gateway reads, is tied
                            // to the declarations by a test.
                            for (DeclaredEndpoints.Declared endpoint : endpoints.all()) {
                                var matcher =
                                        requests.requestMatchers(
                                                HttpMethod.valueOf(endpoint.method()),
                                                endpoint.path());
                                switch (endpoint.declaration().access()) {
                                    case PUBLIC, DEVICE_KEY -> matcher.permitAll();
                                    case ADMIN -> matcher.hasRole(Role.ADMIN.name());
                                    case SIGNED_IN -> matcher.authenticated();
                                }
                            }
                            requests.requestMatchers(PublicEndpoints.API_PREFIX + "**")
                                    .authenticated()
                                    .anyRequest()
                                    .permitAll();
                        })
                .oauth2ResourceServer(
                        resource ->
                                resource.bearerTokenResolver(
                                                request ->
                                                        deviceKeys.matches(request)
                                                                ? null
                                                                : bearerTokens.resolve(request))
                                        .authenticationManagerResolver(request -> authenticator)
                                        .authenticationEntryPoint(unauthorized)
                                        .accessDeniedHandler(forbidden)
                                        .protectedResourceMetadata(
                                                metadata ->
                                                        metadata
                                                                .protectedResourceMetadataCustomizer(
                                                                        builder ->
                                                                                describe(
                                                                                        builder,
                                                                                        publicUrl))))
                .exceptionHandling(
                        exceptions ->
                                exceptions
                                        .authenticationEntryPoint(unauthorized)
                                        .accessDeniedHandler(forbidden))
                .headers(
                        headers ->
                                headers.contentSecurityPolicy(
                                                csp ->
                                                        csp.policyDirectives(
                                                                contentSecurityPolicy(
                                                                        map.tileOrigin())))
                                        // Spring sends HSTS only when the socket is TLS; here TLS
                                        // ends at the load balancer.
                                        .httpStrictTransportSecurity(
                                                hsts ->
                                                        hsts.requestMatcher(clients::overHttps)
                                                                .maxAgeInSeconds(31_536_000))
                                        .referrerPolicy(
                                                referrer ->
                                                        referrer.policy(
                                                                ReferrerPolicyHeaderWriter
                                                                        .ReferrerPolicy
                                                                        .NO_REFERRER)));
        if (!cors.origins().isEmpty()) {
            http.cors(Customizer.withDefaults());
        }
        return http.build();
    }

    /**
     * RFC 9728 metadata, documented in {@code /openapi.json}: the resource is the configured URL,
     * not the request's Host, and nothing is claimed that is not so. Spring claims
     * certificate-bound tokens by default; ours are plain bearer tokens, so that claim is dropped.
     */
    private static void describe(OAuth2ProtectedResourceMetadata.Builder resource, PublicUrl url) {
        resource.resource(url.url())
                .resourceName("Waymark API")
                .claims(
                        claims ->
                                claims.remove(
                                        OAuth2ProtectedResourceMetadataClaimNames
                                                .TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS));
    }

    @Bean
    @ConditionalOnWebApplication
    WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(Firewall.strict());
    }

    /**
     * Verifies tokens against the shared signing keys: ES256 only (so {@code alg: none} fails), an
     * expiry that is required and not past (no clock skew: every instance issues and checks with
     * the same synchronized clock, and a verified token is cached until exactly then), the issuer,
     * our audience, and a lifetime no longer than the configured one: a token the key signed for a
     * century would otherwise outlive every password change made before its version caught up.
     */
    @Bean
    JwtDecoder jwtDecoder(
            JWKSource<SecurityContext> keys, TokenProperties properties, Clock clock) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSource(keys)
                        .jwsAlgorithm(SignatureAlgorithm.from(JWSAlgorithm.ES256.getName()))
                        .build();
        JwtTimestampValidator notExpired = new JwtTimestampValidator(Duration.ZERO);
        notExpired.setClock(clock);
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(
                        new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                        notExpired,
                        new JwtIssuerValidator(properties.issuer()),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD,
                                audience ->
                                        audience != null
                                                && audience.contains(TokenClaims.AUDIENCE)),
                        lifetimeAtMost(properties.ttl(), clock)));
        return decoder;
    }

    /**
     * {@code exp} at most {@code ttl} after {@code iat}, and never more than {@code ttl} from now
     * whatever {@code iat} claims (Spring sets a missing {@code iat} to one second before {@code
     * exp}, so the second check is the one that bounds such a token).
     */
    private static OAuth2TokenValidator<Jwt> lifetimeAtMost(Duration ttl, Clock clock) {
        OAuth2Error tooLong =
                new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_TOKEN,
                        "The token lives longer than this service issues tokens for",
                        null);
        return jwt -> {
            Instant issued = jwt.getIssuedAt();
            Instant expires = jwt.getExpiresAt();
            boolean fits =
                    expires != null
                            && (issued == null || !expires.isAfter(issued.plus(ttl)))
                            && !expires.isAfter(clock.instant().plus(ttl));
            return fits
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(tooLong);
        };
    }

    @Bean
    VerifiedTokens verifiedTokens(JwtDecoder decoder, UserService users, Clock clock) {
        return new VerifiedTokens(decoder, users::tokenVersion, clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt (cost 10) behind {id} prefixes, so a stronger hash can be introduced later without
        // a migration.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnWebApplication
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.origins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.origins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(
                    List.of(
                            "Authorization",
                            "Content-Type",
                            "If-Match",
                            "Idempotency-Key",
                            "X-Request-Id"));
            cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-Request-Id"));
            source.registerCorsConfiguration("/api/**", cors);
        }
        return source;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
