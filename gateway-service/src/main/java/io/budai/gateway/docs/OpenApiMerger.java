package io.budai.gateway.docs;

import io.budai.gateway.routes.Access;
import io.budai.gateway.routes.GatewayRoute;
import io.budai.gateway.routes.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the services' OpenAPI documents into what the gateway really serves: only operations a
 * gateway route sends to that service, each with the credential the route demands (security schemes
 * {@code ApiKeyAuth} = {@code X-API-Key}, {@code AdminApiKeyAuth} = {@code X-Admin-API-Key}) and
 * its scopes ({@code x-budai-scopes}), served from the gateway ({@code servers: [/]}). Schemas of
 * all services are merged; a name two services define differently keeps the first definition and is
 * listed in {@code x-budai-schema-conflicts}.
 */
final class OpenApiMerger {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final RouteTable table;
  private final JsonMapper json;

  OpenApiMerger(RouteTable table, JsonMapper json) {
    this.table = table;
    this.json = json;
  }

  /** One service's document as seen through the gateway. */
  ObjectNode forService(String service, JsonNode doc) {
    ObjectNode result = skeleton(service + " (through the BudAI gateway)");
    copyPaths(service, doc, (ObjectNode) result.get("paths"));
    JsonNode schemas = doc.path("components").path("schemas");
    if (schemas.isObject()) {
      ((ObjectNode) result.get("components")).set("schemas", schemas.deepCopy());
    }
    return result;
  }

  /** All services' documents in one, plus the services whose document could not be read. */
  ObjectNode merge(Map<String, JsonNode> docs, List<String> unavailable) {
    ObjectNode result = skeleton("BudAI API");
    ObjectNode paths = (ObjectNode) result.get("paths");
    ObjectNode schemas = json.createObjectNode();
    ArrayNode conflicts = json.createArrayNode();
    docs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              copyPaths(entry.getKey(), entry.getValue(), paths);
              JsonNode own = entry.getValue().path("components").path("schemas");
              if (own.isObject()) {
                for (Map.Entry<String, JsonNode> schema : own.properties()) {
                  JsonNode existing = schemas.get(schema.getKey());
                  if (existing == null) {
                    schemas.set(schema.getKey(), schema.getValue().deepCopy());
                  } else if (!existing.equals(schema.getValue())) {
                    conflicts.add(entry.getKey() + ":" + schema.getKey());
                  }
                }
              }
            });
    ((ObjectNode) result.get("components")).set("schemas", schemas);
    if (!conflicts.isEmpty()) {
      result.set("x-budai-schema-conflicts", conflicts);
    }
    ArrayNode missing = json.createArrayNode();
    unavailable.stream().sorted().forEach(missing::add);
    result.set("x-budai-unavailable-services", missing);
    return result;
  }

  private void copyPaths(String service, JsonNode doc, ObjectNode into) {
    JsonNode paths = doc.path("paths");
    if (!paths.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      if (!path.getValue().isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String method = operation.getKey().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(method) || !operation.getValue().isObject()) {
          continue;
        }
        Optional<GatewayRoute> route =
            table.match(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path.getKey());
        if (route.isEmpty() || !route.get().service().equals(service)) {
          continue;
        }
        ObjectNode copy = (ObjectNode) operation.getValue().deepCopy();
        secure(copy, route.get());
        ObjectNode target = (ObjectNode) into.get(path.getKey());
        if (target == null) {
          target = into.putObject(path.getKey());
        }
        target.set(method, copy);
      }
    }
  }

  private void secure(ObjectNode operation, GatewayRoute route) {
    ArrayNode security = json.createArrayNode();
    if (route.access() == Access.API_KEY) {
      security.addObject().putArray("ApiKeyAuth");
      ArrayNode scopes = operation.putArray("x-budai-scopes");
      route.scopes().stream().sorted().forEach(scopes::add);
    } else if (route.access() == Access.ADMIN) {
      security.addObject().putArray("AdminApiKeyAuth");
    }
    operation.set("security", security);
    operation.put("x-budai-route", route.id());
  }

  private ObjectNode skeleton(String title) {
    ObjectNode doc = json.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", title);
    info.put("version", "v1");
    info.put(
        "description",
        "Errors are RFC 9457 application/problem+json. User routes take X-API-Key (scopes bot,"
            + " tx); admin routes take X-Admin-API-Key.");
    doc.putArray("servers").addObject().put("url", "/");
    doc.putObject("paths");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemes = components.putObject("securitySchemes");
    schemes
        .putObject("ApiKeyAuth")
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "X-API-Key");
    schemes
        .putObject("AdminApiKeyAuth")
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "X-Admin-API-Key");
    return doc;
  }

  List<String> services() {
    List<String> services = new ArrayList<>();
    table
        .routes()
        .forEach(
            r -> {
              if (!services.contains(r.service())) {
                services.add(r.service());
              }
            });
    return services;
  }
}
