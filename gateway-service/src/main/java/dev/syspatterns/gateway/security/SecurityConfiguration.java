package dev.syspatterns.gateway.security;

import dev.syspatterns.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Who may pass the front door. Every route and every other actuator endpoint needs a valid JWT; the few paths
 * below stay open, each for a reason. Stateless: no session, no CSRF token (there are no cookies to ride on).
 * Failures get problem+json bodies from {@code BodilessErrorsAsProblems}.
 */
@Configuration
class SecurityConfiguration {

    /** Kubelet and load balancer probes carry no token. */
    static final String[] PROBES = {"/actuator/health", "/actuator/health/**"};

    /**
     * Prometheus scrapes this port without a token (the pod's {@code prometheus.io/*} annotations). The metrics hold
     * route and service names and error rates, no user data; whatever publishes the gateway beyond the cluster
     * must forward only {@code /api/**} and {@code /ws/**} (see the README).
     */
    static final String[] METRICS = {"/actuator/prometheus"};

    /** Logging in: the local issuer (absent in production) is how a client gets its first token. */
    static final String[] LOGIN = {LocalTokenIssuer.PATH};

    /** The OpenAPI of the gateway's own endpoints, for development; the production profile turns springdoc off. */
    static final String[] API_DOCS = {
        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        // Browsers' EventSource and WebSocket cannot set an Authorization header: accept ?access_token= too.
        ServerBearerTokenAuthenticationConverter bearerToken = new ServerBearerTokenAuthenticationConverter();
        bearerToken.setAllowUriQueryParameter(true);
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(Customizer.withDefaults())
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS)
                        .permitAll()
                        .pathMatchers(PROBES)
                        .permitAll()
                        .pathMatchers(METRICS)
                        .permitAll()
                        .pathMatchers(LOGIN)
                        .permitAll()
                        .pathMatchers(API_DOCS)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(
                        oauth2 -> oauth2.bearerTokenConverter(bearerToken).jwt(Customizer.withDefaults()))
                .build();
    }

    /** Preflights are answered here, before authentication, since browsers send them without credentials. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.addAllowedMethod(CorsConfiguration.ALL);
        cors.addAllowedHeader(CorsConfiguration.ALL);
        cors.addExposedHeader("X-Request-Id");
        cors.addExposedHeader("traceparent");
        cors.addExposedHeader("Retry-After");
        cors.addExposedHeader("Location");
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
