package io.budai.gateway.routes;

/** The credential a route demands. Every route declares one; there is no default. */
public enum Access {
  /** No credential: the downstream authenticates the request itself (Slack signs its calls). */
  NONE,
  /** A user's {@code X-API-Key} with at least one of the route's scopes. */
  API_KEY,
  /** The operator's {@code X-Admin-API-Key}. */
  ADMIN
}
