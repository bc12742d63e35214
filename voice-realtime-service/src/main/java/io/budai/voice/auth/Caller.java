package io.budai.voice.auth;

import java.util.Set;

/**
 * The BudAI user a stream acts for.
 *
 * @param userId the user id
 * @param scopes the scopes of the API key that authenticated the stream
 * @param via how the user was established ({@code gateway}, {@code api-key}, {@code call})
 */
public record Caller(String userId, Set<String> scopes, String via) {}
