/**
 * BudAI's wire types: event and stream names, Redis key patterns, header names, and the DTOs that
 * services exchange over HTTP. Depends on Jackson and nothing of Spring.
 */
@NullMarked
package io.budai.contracts;

import org.jspecify.annotations.NullMarked;
