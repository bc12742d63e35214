/**
 * The work steps of workflows (summarize, followup, deliver, brief) and the clients of the services
 * they call.
 */
@NullMarked
package io.budai.orchestrator.steps;

import org.jspecify.annotations.NullMarked;
