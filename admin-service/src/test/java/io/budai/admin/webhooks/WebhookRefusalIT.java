package io.budai.admin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.admin.AdminHttp;
import io.budai.admin.AdminHttp.Reply;
import io.budai.test.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** With the default settings a webhook URL on a private address is refused (SSRF). */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class WebhookRefusalIT {

  @LocalServerPort int port;

  @Test
  void refusesAWebhookUrlOnAPrivateAddress() {
    AdminHttp http = new AdminHttp(port);
    long user =
        http.admin("POST", "/admin/users", "{\"email\":\"ssrf@example.com\"}")
            .json()
            .get("id")
            .asLong();
    for (String url :
        new String[] {
          "http://127.0.0.1:" + port + "/admin/users",
          "http://localhost:6379/",
          "http://169.254.169.254/latest/meta-data/",
          "http://10.0.0.8/hook"
        }) {
      Reply reply = http.asUser(user, "PUT", "/user/webhook", "{\"webhook_url\":\"" + url + "\"}");
      assertThat(reply.status()).as(url + " → " + reply.body()).isEqualTo(400);
      assertThat(reply.json().get("type").asString()).endsWith("/webhook-url-refused");
      assertThat(reply.json().get("detail").asString()).contains("BUDAI_WEBHOOK_ALLOW_PRIVATE");
    }
    assertThat(http.asUser(user, "GET", "/user/webhook", null).json().get("webhook_url").isNull())
        .isTrue();
  }
}
