package io.budai.deploy.spec;

/**
 * Where a secret's value comes from. A spec never holds a secret's value, only this reference.
 *
 * @param name the variable the services get
 * @param source how the value is found
 * @param from for {@link Source#ENV}, the variable read (the secret's own name unless renamed); for
 *     {@link Source#FILE}, the file (relative to the repository root)
 * @param optional whether a missing value is fine (the service then runs its offline default)
 */
public record SecretRef(String name, Source source, String from, boolean optional) {

  /** How a secret's value is found. */
  public enum Source {
    /** The environment of the {@code budai} command, {@code .env} included. */
    ENV,
    /** A file holding only the value. */
    FILE,
    /** Generated once by the CLI and kept in {@code $BUDAI_HOME} (local target only). */
    GENERATED,
    /** A shared variable of the Railway environment ({@code ${{shared.NAME}}}; railway only). */
    SHARED;

    /** The name written in specs. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
