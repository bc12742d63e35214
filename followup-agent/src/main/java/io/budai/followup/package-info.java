/** followup-agent: Follow-up drafts, email delivery and reminders. */
@NullMarked
package io.budai.followup;

import org.jspecify.annotations.NullMarked;
