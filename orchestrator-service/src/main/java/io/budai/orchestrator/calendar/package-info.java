/** The Google Calendar poller that announces upcoming meetings for prep workflows. */
@NullMarked
package io.budai.orchestrator.calendar;

import org.jspecify.annotations.NullMarked;
