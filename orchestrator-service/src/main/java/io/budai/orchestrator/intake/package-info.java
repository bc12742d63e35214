/**
 * What starts workflows: the event handlers of meeting.completed, calendar.meeting.upcoming and
 * slack.command.
 */
@NullMarked
package io.budai.orchestrator.intake;

import org.jspecify.annotations.NullMarked;
