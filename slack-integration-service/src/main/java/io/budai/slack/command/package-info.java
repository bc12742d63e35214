/**
 * The {@code /loop} slash command: parsing, the 3-second acknowledgement and what each subcommand
 * does.
 */
@NullMarked
package io.budai.slack.command;

import org.jspecify.annotations.NullMarked;
