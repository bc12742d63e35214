package io.budai.contracts;

/** HTTP header names shared by the gateway and every service. */
public final class BudaiHeaders {

  /** A user's API key (Vexa-compatible). */
  public static final String API_KEY = "X-API-Key";

  /** The operator's admin token (Vexa-compatible). */
  public static final String ADMIN_API_KEY = "X-Admin-API-Key";

  /** The shared secret that marks a call as coming from another BudAI service or the gateway. */
  public static final String INTERNAL_TOKEN = "X-Internal-Token";

  /** The user the gateway resolved from the API key; trusted only with a valid internal token. */
  public static final String USER_ID = "X-User-Id";

  /** Comma-separated scopes of the API key the gateway resolved; same trust rule as the user id. */
  public static final String USER_SCOPES = "X-User-Scopes";

  /** Correlation id carried across HTTP calls and events. */
  public static final String CORRELATION_ID = "X-Correlation-Id";

  /** Idempotency key of a side-effecting call (posting, sending) that a caller may retry. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private BudaiHeaders() {}
}
