package io.budai.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
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

  /**
   * One page: its items, newest first, and the {@code cursor} of the next page (null on the last).
   */
  public record Page<T>(List<T> items, @Nullable String nextCursor) {}

  /**
   * One page of a listing kept in a Redis sorted set whose scores are increasing positions (newer
   * entries score higher): the {@code limit} newest entries below {@code cursor} that {@code keep}
   * accepts (all when null), decoded, and the next page's cursor. Entries added while someone pages
   * do not shift the pages. With a filter the whole set is read, so keep such sets capped.
   */
  public static <T> Page<T> fromSortedSet(
      StringRedisTemplate redis,
      String key,
      int limit,
      @Nullable Long cursor,
      Function<String, T> decode,
      @Nullable Predicate<T> keep) {
    double max = cursor == null ? Double.POSITIVE_INFINITY : cursor - 1;
    // one more than asked tells whether there is a next page
    long count = keep == null ? limit + 1 : -1;
    var tuples =
        redis
            .opsForZSet()
            .reverseRangeByScoreWithScores(key, Double.NEGATIVE_INFINITY, max, 0, count);
    List<T> items = new ArrayList<>();
    @Nullable String next = null;
    long lastPosition = 0;
    for (ZSetOperations.TypedTuple<String> tuple :
        tuples == null ? List.<ZSetOperations.TypedTuple<String>>of() : tuples) {
      if (tuple.getValue() == null || tuple.getScore() == null) {
        continue;
      }
      T item = decode.apply(tuple.getValue());
      if (keep != null && !keep.test(item)) {
        continue;
      }
      if (items.size() == limit) {
        next = Long.toString(lastPosition);
        break;
      }
      items.add(item);
      lastPosition = tuple.getScore().longValue();
    }
    return new Page<>(items, next);
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-paging", "Invalid paging", detail);
  }
}
