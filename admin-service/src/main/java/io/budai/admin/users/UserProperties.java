package io.budai.admin.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Defaults of new users.
 *
 * @param defaultMaxConcurrentBots the concurrent-bot limit of a user created without one ({@code
 *     BUDAI_DEFAULT_MAX_CONCURRENT_BOTS}); a real limit, never "unlimited"
 */
@ConfigurationProperties("budai.admin.users")
record UserProperties(@DefaultValue("3") int defaultMaxConcurrentBots) {}
