/** followup-agent: email. */
@NullMarked
package io.budai.followup.email;

import org.jspecify.annotations.NullMarked;
