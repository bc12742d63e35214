/**
 * Workflows as state machines in Redis: the transition table (StateMachine), the store and its Lua
 * scripts (WorkflowStore), the engine with timers and leases (WorkflowEngine), and the API.
 */
@NullMarked
package io.budai.orchestrator.workflow;

import org.jspecify.annotations.NullMarked;
