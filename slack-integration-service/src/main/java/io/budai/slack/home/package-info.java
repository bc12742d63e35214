/** The App Home tab, its buttons, and the summaries kept for it. */
@NullMarked
package io.budai.slack.home;

import org.jspecify.annotations.NullMarked;
