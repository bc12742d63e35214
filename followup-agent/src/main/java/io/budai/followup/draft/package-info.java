/** followup-agent: draft. */
@NullMarked
package io.budai.followup.draft;

import org.jspecify.annotations.NullMarked;
