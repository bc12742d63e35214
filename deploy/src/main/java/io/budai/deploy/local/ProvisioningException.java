package io.budai.deploy.local;

/** Redis or PostgreSQL could not be provided; the message says why and what to do. */
final class ProvisioningException extends RuntimeException {

  ProvisioningException(String message) {
    super(message);
  }

  ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}
