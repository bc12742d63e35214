/** orchestrator-service: Durable meeting and prep workflows. */
@NullMarked
package io.budai.orchestrator;

import org.jspecify.annotations.NullMarked;
