package io.waymark.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.waymark.web.Problems;
import io.waymark.webpage.MapProperties;
import io.waymark.web.ProblemWriter;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless bearer-token security: every {@code /api/**} endpoint needs a valid ES256 token except sign-in and
 * registration; everything else (health, docs, the web page, JWKS) is public. No sessions or cookies, hence no
 * CSRF tokens. Failures answer with problem+json and {@code WWW-Authenticate: Bearer}. The web beans are only
 * made for {@code serve}; {@code migrate} and {@code create-admin} run without a web server.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TokenProperties.class, CorsProperties.class, MapProperties.class})
class SecurityConfiguration implements WebMvcConfigurer {

    /**
     * Scripts only from this origin: the web page and Swagger UI ship their scripts as files, never inline. Images
     * also from the map's tile server, and from exactly its origin, so the map gets its tiles and nothing else does.
     */
    static String contentSecurityPolicy(String tileOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                + tileOrigin + "; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                + "form-action 'self'";
    }

    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems, MapProperties map)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            new BearerTokenAuthenticationEntryPoint().commence(request, response, e);
            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid bearer access token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> {
            new BearerTokenAccessDeniedHandler().handle(request, response, e);
            problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden",
                    "Your role does not allow this"));
        };
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> { })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/users").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/users").hasRole("ADMIN")
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                token, List.of(new SimpleGrantedAuthority(
                                        "ROLE_" + String.valueOf(token.getClaimAsString("role")).toUpperCase(Locale.ROOT))),
                                token.getSubject())))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(map.tileOrigin())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /** Verifies tokens against the shared signing keys: ES256 only (so {@code alg: none} fails), expiry, issuer. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.from(JWSAlgorithm.ES256.getName()))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new JwtIssuerValidator(properties.issuer())));
        return decoder;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt (cost 10) behind {id} prefixes, so a stronger hash can be introduced later without a migration.
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
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id"));
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
