/** followup-agent: reminder. */
@NullMarked
package io.budai.followup.reminder;

import org.jspecify.annotations.NullMarked;
