package io.budai.platform.bus;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A Lua script sent by its SHA ({@code EVALSHA}), falling back to {@code EVAL} once unknown. */
record LuaScript(String source, String sha) {

  static LuaScript of(String source) {
    try {
      byte[] sha1 =
          java.security.MessageDigest.getInstance("SHA-1")
              .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new LuaScript(source, java.util.HexFormat.of().formatHex(sha1));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  <T> CompletableFuture<T> run(
      RedisAsyncCommands<String, String> commands,
      ScriptOutputType output,
      String[] keys,
      String... args) {
    return commands
        .<T>evalsha(sha, output, keys, args)
        .toCompletableFuture()
        .exceptionallyCompose(
            error ->
                unwrap(error) instanceof RedisNoScriptException
                    ? commands.<T>eval(source, output, keys, args).toCompletableFuture()
                    : CompletableFuture.failedFuture(error));
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}
