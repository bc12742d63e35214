package io.budai.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test's application context a real Redis (and, with {@code postgres = true}, a
 * fresh PostgreSQL database of its own) from {@link TestInfrastructure}, and the shared internal
 * token {@link TestInfrastructure#INTERNAL_TOKEN}.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = RANDOM_PORT)
 * @RealInfrastructure(postgres = true)
 * class AdminServiceIT { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

  /** Whether the context gets a fresh PostgreSQL database ({@code spring.datasource.*}). */
  boolean postgres() default false;
}
