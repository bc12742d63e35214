/**
 * The simulated bot: the offline default and the demo. It walks the bot lifecycle (joining, waiting
 * room, in call) and replays a transcript into {@code budai:segments} as a live bot would — session
 * start, drafts then confirmed segments with speakers, session end — at a configurable speed,
 * obeying {@code leave}, {@code reconfigure} and {@code automatic_leave}.
 */
@NullMarked
package io.budai.botmanager.simulated;

import org.jspecify.annotations.NullMarked;
