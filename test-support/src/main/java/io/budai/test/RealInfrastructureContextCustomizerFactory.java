package io.budai.test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Applies {@link RealInfrastructure} to a Spring test context. */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    RealInfrastructure annotation =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
    return annotation == null ? null : new Customizer(annotation.postgres(), testClass);
  }

  private static final class Customizer implements ContextCustomizer {
    private final boolean postgres;
    private final String hint;

    Customizer(boolean postgres, Class<?> testClass) {
      this.postgres = postgres;
      this.hint = testClass.getSimpleName();
    }

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration config) {
      Map<String, Object> props = new HashMap<>();
      props.put("spring.data.redis.url", TestInfrastructure.redisUrl());
      props.put("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
      if (postgres) {
        props.put("spring.datasource.url", TestInfrastructure.newDatabase(hint));
        props.put("management.endpoint.health.group.readiness.include", "readinessState,redis,db");
      }
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource("budaiTestInfrastructure", props));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer c && c.postgres == postgres && c.hint.equals(hint);
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(postgres) * 31 + hint.hashCode();
    }
  }
}
