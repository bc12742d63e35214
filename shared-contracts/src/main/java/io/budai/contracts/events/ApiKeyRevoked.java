package io.budai.contracts.events;

/**
 * {@code apikey.revoked}: an API token was revoked; producer: admin-service. The gateway evicts it
 * from its cache.
 *
 * @param tokenHash SHA-256 (hex) of the revoked token
 */
public record ApiKeyRevoked(String tokenHash) implements DomainEvent {}
