/**
 * Mentions and DMs published as {@code slack.event}, and the handlers of other services' events.
 */
@NullMarked
package io.budai.slack.events;

import org.jspecify.annotations.NullMarked;
