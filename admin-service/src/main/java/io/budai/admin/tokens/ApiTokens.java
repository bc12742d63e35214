package io.budai.admin.tokens;

import io.budai.admin.users.UserDeleting;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@code api_tokens} table: minting, listing, revoking and verifying API keys. */
@Component
class ApiTokens {

  /** {@code last_used_at} is written at most this often per key, not on every verification. */
  private static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(60);

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** A key as stored, with the columns verification needs. */
  record StoredKey(long id, long userId, List<String> scopes, @Nullable Instant expiresAt) {}

  TokenResponse mint(
      long userId, List<String> scopes, @Nullable String name, @Nullable Duration expiresIn) {
    String token = TokenHashes.newToken();
    Instant expiresAt = expiresIn == null ? null : Instant.now().plus(expiresIn);
    return jdbc.sql(
            """
            INSERT INTO api_tokens (user_id, token_hash, token_prefix, scopes, name, expires_at)
            VALUES (:user_id, :hash, :prefix, string_to_array(:scopes, ','), :name, :expires_at)
            RETURNING id, created_at, expires_at""")
        .param("user_id", userId)
        .param("hash", TokenHashes.sha256Hex(token))
        .param("prefix", TokenHashes.visiblePrefix(token))
        .param("scopes", String.join(",", scopes))
        .param("name", name)
        .param("expires_at", expiresAt == null ? null : Timestamp.from(expiresAt))
        .query(
            (rs, row) ->
                new TokenResponse(
                    rs.getLong("id"),
                    token,
                    userId,
                    scopes,
                    name,
                    rs.getTimestamp("created_at").toInstant(),
                    instant(rs, "expires_at")))
        .single();
  }

  List<TokenInfo> list(long userId) {
    return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = :user_id ORDER BY id")
        .param("user_id", userId)
        .query(
            (rs, row) ->
                new TokenInfo(
                    rs.getLong("id"),
                    rs.getLong("user_id"),
                    rs.getString("token_prefix"),
                    scopes(rs.getArray("scopes")),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant(),
                    instant(rs, "expires_at"),
                    instant(rs, "last_used_at")))
        .list();
  }

  /** Deletes the key and announces its revocation; false when there is no such key. */
  @Transactional
  boolean revoke(long tokenId) {
    record Deleted(long userId, String hash) {}
    Optional<Deleted> deleted =
        jdbc.sql("DELETE FROM api_tokens WHERE id = :id RETURNING user_id, token_hash")
            .param("id", tokenId)
            .query((rs, row) -> new Deleted(rs.getLong(1), rs.getString(2).trim()))
            .optional();
    deleted.ifPresent(d -> events.publishEvent(new ApiKeysRevoked(d.userId(), List.of(d.hash()))));
    return deleted.isPresent();
  }

  /** A deleted user's keys go with the row (ON DELETE CASCADE); announce them first. */
  @EventListener
  void onUserDeleting(UserDeleting deleting) {
    List<String> hashes =
        jdbc.sql("SELECT token_hash FROM api_tokens WHERE user_id = :user_id")
            .param("user_id", deleting.userId())
            .query((rs, row) -> rs.getString(1).trim())
            .list();
    if (!hashes.isEmpty()) {
      events.publishEvent(new ApiKeysRevoked(deleting.userId(), hashes));
    }
  }

  /** The key whose SHA-256 is {@code hash}, if any (expired keys included). */
  Optional<StoredKey> findByHash(String hash) {
    return jdbc.sql(
            "SELECT id, user_id, scopes, expires_at FROM api_tokens WHERE token_hash = :hash")
        .param("hash", hash)
        .query(
            (rs, row) ->
                new StoredKey(
                    rs.getLong("id"),
                    rs.getLong("user_id"),
                    scopes(rs.getArray("scopes")),
                    instant(rs, "expires_at")))
        .optional();
  }

  void touch(long tokenId) {
    jdbc.sql(
            """
            UPDATE api_tokens SET last_used_at = now()
            WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => :resolution))""")
        .param("id", tokenId)
        .param("resolution", (double) LAST_USED_RESOLUTION.toSeconds())
        .update();
  }

  private static List<String> scopes(Array array) throws SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
