package io.budai.admin.webhooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Webhook settings and the scheduler that runs {@link WebhookDispatcher}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
@EnableScheduling
class WebhookConfiguration {}
