package io.budai.platform.web;

import io.budai.contracts.BudaiHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through only requests that carry the internal service token on protected paths, and turns
 * the gateway's identity headers into a {@link CallerIdentity}. Identity headers on a request
 * without a valid token are ignored, so a client can never claim to be another user.
 */
public class InternalAuthFilter extends OncePerRequestFilter {

  private final byte[] token;
  private final List<String> protectedPaths;
  private final List<String> publicPaths;
  private final AntPathMatcher matcher = new AntPathMatcher();

  public InternalAuthFilter(String token, List<String> protectedPaths, List<String> publicPaths) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.protectedPaths = List.copyOf(protectedPaths);
    this.publicPaths = List.copyOf(publicPaths);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean trusted = matches(request.getHeader(BudaiHeaders.INTERNAL_TOKEN));
    if (trusted) {
      request.setAttribute(
          CallerIdentity.ATTRIBUTE,
          new CallerIdentity(
              blankToNull(request.getHeader(BudaiHeaders.USER_ID)),
              scopes(request.getHeader(BudaiHeaders.USER_SCOPES))));
    } else if (isProtected(path)) {
      reject(response, path);
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean isProtected(String path) {
    for (String pattern : publicPaths) {
      if (matcher.match(pattern, path)) {
        return false;
      }
    }
    for (String pattern : protectedPaths) {
      if (matcher.match(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  private static void reject(HttpServletResponse response, String path) throws IOException {
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    String body =
        """
        {"type":"%s","title":"Internal endpoint","status":401,\
        "detail":"This endpoint is reachable only from BudAI services and the gateway (X-Internal-Token).",\
        "instance":"%s"}"""
            .formatted(
                ProblemException.TYPE_BASE + "internal-token-required",
                path.replaceAll("[\"\\\\]", ""));
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Set<String> scopes(String header) {
    if (header == null || header.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(header.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
