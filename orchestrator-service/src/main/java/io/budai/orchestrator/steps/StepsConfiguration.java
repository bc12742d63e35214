package io.budai.orchestrator.steps;

import io.budai.orchestrator.OrchestratorProperties;
import io.budai.platform.http.ServiceClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The step handlers and the clients of the services they call. */
@Configuration(proxyBeanMethods = false)
class StepsConfiguration {

  @Bean
  Downstreams downstreams(ServiceClients clients, OrchestratorProperties properties) {
    return new Downstreams(clients, properties.agents());
  }

  @Bean
  Channels deliveryChannels(OrchestratorProperties properties) {
    return new Channels(properties.delivery());
  }

  @Bean
  SummarizeStep summarizeStep(Downstreams downstreams, JsonMapper json) {
    return new SummarizeStep(downstreams, json);
  }

  @Bean
  FollowupStep followupStep(
      Downstreams downstreams,
      Channels channels,
      OrchestratorProperties properties,
      JsonMapper json) {
    return new FollowupStep(downstreams, channels, properties.delivery().email(), json);
  }

  @Bean
  DeliverStep deliverStep(
      Downstreams downstreams, Channels channels, FollowupStep followup, JsonMapper json) {
    return new DeliverStep(downstreams, channels, followup, json);
  }

  @Bean
  BriefStep briefStep(JsonMapper json) {
    return new BriefStep(json);
  }
}
