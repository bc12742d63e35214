/**
 * The local fleet: {@code budai up/down/status/logs/env}. Every service runs as its own JVM
 * (detached, in its own session), Redis and PostgreSQL come from the environment or are private
 * instances owned by the CLI, and what runs is recorded under {@code .budai/run/} by pid and
 * process start time. {@link io.budai.deploy.local.LocalFleet} is the entry point a deploy target
 * reuses.
 */
@NullMarked
package io.budai.deploy.local;

import org.jspecify.annotations.NullMarked;
