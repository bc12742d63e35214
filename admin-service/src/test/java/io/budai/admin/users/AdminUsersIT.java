package io.budai.admin.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.admin.AdminHttp;
import io.budai.admin.AdminHttp.Reply;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** Vexa's admin user routes against a real PostgreSQL. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class AdminUsersIT {

  @LocalServerPort int port;
  AdminHttp http;

  @BeforeEach
  void client() {
    http = new AdminHttp(port);
  }

  @Test
  void createsAUserWith201AndFindsTheSameUserWith200() {
    Reply created =
        http.admin("POST", "/admin/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode user = created.json();
    assertThat(user.get("id").isIntegralNumber()).isTrue();
    assertThat(user.get("email").asString()).isEqualTo("ada@example.com");
    assertThat(user.get("name").asString()).isEqualTo("Ada");
    assertThat(user.has("image_url")).isTrue();
    assertThat(user.get("created_at").asString()).isNotBlank();
    assertThat(user.get("data").isObject()).isTrue();
    // Vexa issue #402: a new user gets a real limit, not "0 = unlimited".
    assertThat(user.get("max_concurrent_bots").asInt()).isEqualTo(3);

    Reply again = http.admin("POST", "/admin/users", "{\"email\":\"ADA@example.com\"}");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(user.get("id").asLong());
    assertThat(again.json().get("name").asString()).isEqualTo("Ada");
  }

  @Test
  void findsUsersByEmailAndByIdAndListsThemPageByPage() {
    long first = create("list-1@example.com");
    long second = create("list-2@example.com");
    Reply byEmail = http.admin("GET", "/admin/users/email/list-2@example.com", null);
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(byEmail.json().get("id").asLong()).isEqualTo(second);

    Reply byId = http.admin("GET", "/admin/users/" + first, null);
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().get("email").asString()).isEqualTo("list-1@example.com");
    assertThat(byId.json().get("api_tokens").isArray()).isTrue();

    Reply page = http.admin("GET", "/admin/users?skip=0&limit=1", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().isArray()).isTrue();
    assertThat(page.json().size()).isEqualTo(1);
  }

  @Test
  void answersMissingUsersAndBadInputWithProblems() {
    assertProblem(http.admin("GET", "/admin/users/987654", null), 404);
    assertProblem(http.admin("GET", "/admin/users/email/nobody@example.com", null), 404);
    assertProblem(http.admin("GET", "/admin/users/not-a-number", null), 400);
    assertProblem(http.admin("GET", "/admin/users?limit=0", null), 400);
    assertProblem(http.admin("POST", "/admin/users", "{\"email\":\"not-an-email\"}"), 400);
    assertProblem(http.admin("POST", "/admin/users", "{\"name\":\"no email\"}"), 400);
    assertProblem(http.admin("POST", "/admin/users", "{\"email\":"), 400);
    assertProblem(
        http.admin(
            "POST", "/admin/users", "{\"email\":\"x@example.com\",\"max_concurrent_bots\":-1}"),
        400);
  }

  @Test
  void patchUpdatesFieldsMergesDataAndRefusesAnEmailChange() {
    long id = create("patch@example.com");
    Reply patched =
        http.admin(
            "PATCH",
            "/admin/users/" + id,
            "{\"name\":\"Grace\",\"max_concurrent_bots\":5,\"data\":{\"team\":\"red\"}}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().get("name").asString()).isEqualTo("Grace");
    assertThat(patched.json().get("max_concurrent_bots").asInt()).isEqualTo(5);
    assertThat(patched.json().get("data").get("team").asString()).isEqualTo("red");

    Reply merged =
        http.admin("PATCH", "/admin/users/" + id, "{\"data\":{\"tier\":\"gold\",\"team\":null}}");
    assertThat(merged.json().get("data").get("tier").asString()).isEqualTo("gold");
    assertThat(merged.json().get("data").has("team")).isFalse();
    assertThat(merged.json().get("name").asString()).isEqualTo("Grace");

    assertProblem(
        http.admin("PATCH", "/admin/users/" + id, "{\"email\":\"other@example.com\"}"), 400);
    assertProblem(http.admin("PATCH", "/admin/users/" + id, "{\"unknown\":1}"), 400);
    assertProblem(http.admin("PATCH", "/admin/users/" + id, "[1]"), 400);
    assertProblem(http.admin("PATCH", "/admin/users/424242", "{\"name\":\"x\"}"), 404);
    // The same e-mail (in any case) is not a change.
    assertThat(
            http.admin("PATCH", "/admin/users/" + id, "{\"email\":\"PATCH@example.com\"}").status())
        .isEqualTo(200);
  }

  @Test
  void deletesAUser() {
    long id = create("delete-me@example.com");
    assertThat(http.admin("DELETE", "/admin/users/" + id, null).status()).isEqualTo(204);
    assertProblem(http.admin("GET", "/admin/users/" + id, null), 404);
    assertProblem(http.admin("DELETE", "/admin/users/" + id, null), 404);
  }

  @Test
  void theAdminApiNeedsTheAdminKeyOrTheInternalToken() {
    assertProblem(http.send("GET", "/admin/users", null), 401);
    assertProblem(
        http.send("GET", "/admin/users", null, BudaiHeaders.ADMIN_API_KEY, "wrong-token"), 401);
    assertProblem(
        http.send("GET", "/admin/users", null, BudaiHeaders.INTERNAL_TOKEN, "wrong-token"), 401);
    assertThat(http.internal("GET", "/admin/users", null).status()).isEqualTo(200);
    assertThat(http.admin("GET", "/admin/users", null).status()).isEqualTo(200);
  }

  private long create(String email) {
    Reply reply = http.admin("POST", "/admin/users", "{\"email\":\"" + email + "\"}");
    assertThat(reply.status()).isIn(200, 201);
    return reply.json().get("id").asLong();
  }

  static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
