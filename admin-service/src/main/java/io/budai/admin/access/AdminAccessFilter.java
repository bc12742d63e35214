package io.budai.admin.access;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards {@code /admin/**}: a request passes with the operator's {@code X-Admin-API-Key} (Vexa
 * clients call admin-service directly this way) or with a valid internal token (the gateway, which
 * checked the admin key at the edge, and other BudAI services). Everything else gets a 401 problem.
 *
 * <p>The admin token is compared in constant time over SHA-256 digests, so neither its content nor
 * its length leaks through timing.
 */
final class AdminAccessFilter extends OncePerRequestFilter {

  private final byte @Nullable [] adminTokenDigest;
  private final JsonMapper json;

  AdminAccessFilter(@Nullable String adminToken, JsonMapper json) {
    this.adminTokenDigest =
        adminToken == null || adminToken.isBlank() ? null : sha256(adminToken.trim());
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals("/admin") || path.startsWith("/admin/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean internal = request.getAttribute(CallerIdentity.ATTRIBUTE) instanceof CallerIdentity;
    if (internal || adminKeyMatches(request.getHeader(BudaiHeaders.ADMIN_API_KEY))) {
      chain.doFilter(request, response);
      return;
    }
    reject(request, response);
  }

  private boolean adminKeyMatches(@Nullable String presented) {
    if (adminTokenDigest == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(adminTokenDigest, sha256(presented.trim()));
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String detail =
        adminTokenDigest == null
            ? "The admin API is disabled: ADMIN_API_TOKEN is not set on admin-service."
            : "Missing or invalid admin token (X-Admin-API-Key).";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
    problem.setType(URI.create(ProblemException.TYPE_BASE + "admin-token-required"));
    problem.setTitle("Admin token required");
    problem.setInstance(URI.create(request.getRequestURI().replaceAll("[^A-Za-z0-9/._~-]", "")));
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
