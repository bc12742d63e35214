/**
 * Full-text search across the caller's meetings (Vexa #1112): PostgreSQL {@code tsvector} with a
 * GIN index, ranked, with HTML-safe highlighted snippets.
 */
@NullMarked
package io.budai.collector.search;

import org.jspecify.annotations.NullMarked;
