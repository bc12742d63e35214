package io.budai.admin.access;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the admin API ({@code /admin/**}).
 *
 * @param adminToken the operator's admin token ({@code ADMIN_API_TOKEN}), presented in {@code
 *     X-Admin-API-Key}; when unset, only the gateway and other services (internal token) reach the
 *     admin API
 */
@ConfigurationProperties("budai.admin")
record AdminAccessProperties(@Nullable String adminToken) {}
