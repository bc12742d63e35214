package io.budai.gateway.problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Problem writing for the gateway's filters and its error handler. */
@Configuration(proxyBeanMethods = false)
class ProblemsConfiguration {

  @Bean
  Problems problems(JsonMapper json) {
    return new Problems(json);
  }

  @Bean
  ProblemWebExceptionHandler problemWebExceptionHandler(Problems problems) {
    return new ProblemWebExceptionHandler(problems);
  }
}
