package io.budai.admin.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Minting and hashing of API keys. A key is {@code budai_} followed by 40 random base62 characters
 * (238 bits); only its SHA-256 (lower-case hex, the same digest the gateway keys its cache with)
 * and its first {@value #PREFIX_LENGTH} characters are stored.
 */
final class TokenHashes {

  static final String TOKEN_PREFIX = "budai_";
  static final int PREFIX_LENGTH = 12;
  private static final int RANDOM_LENGTH = 40;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenHashes() {}

  static String newToken() {
    StringBuilder token = new StringBuilder(TOKEN_PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      token.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return token.toString();
  }

  static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String visiblePrefix(String token) {
    return token.substring(0, Math.min(PREFIX_LENGTH, token.length()));
  }
}
