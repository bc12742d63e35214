package io.budai.gateway.cors;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for browser clients (the web console, users' dashboards).
 *
 * @param allowedOrigins origins allowed to call the API ({@code BUDAI_CORS_ALLOWED_ORIGINS},
 *     comma-separated, e.g. {@code https://console.example.com}); empty by default — no browser
 *     origin is trusted unless configured, and {@code *} must be set explicitly
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("budai.gateway.cors")
record CorsProperties(
    @DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {}
