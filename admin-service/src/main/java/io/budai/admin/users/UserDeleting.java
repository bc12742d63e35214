package io.budai.admin.users;

/**
 * Published (synchronously, inside the deleting transaction) just before a user row is deleted, so
 * features that keep rows of the user can announce what goes with it (revoked API keys).
 */
public record UserDeleting(long userId) {}
