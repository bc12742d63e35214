package io.budai.gateway.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication at the edge.
 *
 * @param adminToken the operator's admin token ({@code ADMIN_API_TOKEN}); admin routes answer 401
 *     while it is unset
 * @param keyCacheTtl how long a verified API key is cached in Redis ({@code
 *     budai:apikey:<sha256>}); revocation evicts it sooner (event {@code apikey.revoked}), expiry
 *     is checked on every request
 * @param negativeCacheTtl how long an unknown key is remembered as unknown, so floods of bad keys
 *     do not reach admin-service
 * @param verifyTimeout time limit of the call to admin-service's {@code /internal/auth/verify}
 * @param localCacheTtl how long this replica keeps a key it read from Redis in memory (saves a
 *     Redis round trip per request); short, because another replica's revocation reaches this one
 *     only through Redis — a revoked key is refused everywhere within this time after the event
 * @param localCacheSize at most this many keys are kept in memory
 */
@ConfigurationProperties("budai.gateway.auth")
record AuthProperties(
    @Nullable String adminToken,
    @DefaultValue("30s") Duration keyCacheTtl,
    @DefaultValue("5s") Duration negativeCacheTtl,
    @DefaultValue("3s") Duration verifyTimeout,
    @DefaultValue("500ms") Duration localCacheTtl,
    @DefaultValue("10000") int localCacheSize) {}
