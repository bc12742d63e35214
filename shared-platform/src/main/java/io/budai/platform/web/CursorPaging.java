package io.budai.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The {@code limit} and {@code cursor} query parameters of a cursor-paged listing (newest first,
 * {@code next_cursor} of one page is the {@code cursor} of the next), parsed the same way
 * everywhere: out-of-range or malformed values are a 400 {@code invalid-paging} problem.
 */
public final class CursorPaging {

  /** Items per page when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 20;

  /** The largest {@code limit}. */
  public static final int MAX_LIMIT = 100;

  private CursorPaging() {}

  /**
   * {@code limit}: a whole number from 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} if absent.
   */
  public static int limit(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  /** {@code cursor}: a positive position from a previous page, or null for the first page. */
  public static @Nullable Long cursor(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long cursor = Long.parseLong(value.strip());
      if (cursor > 0) {
        return cursor;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid("cursor must be the next_cursor of a previous page.");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-paging", "Invalid paging", detail);
  }
}
