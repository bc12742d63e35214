/**
 * Fireflies.ai as a transcript source (DESIGN.md §8): a GraphQL client ({@code transcript}, {@code
 * transcripts}), the import of one transcript as a completed BudAI meeting through the same
 * machinery as the bot runtimes (a bot of runtime {@code fireflies}: the meeting in the collector,
 * {@code bot.status.changed}, segments on {@code budai:segments}), the {@code /imports/fireflies}
 * API and a poller that imports new transcripts.
 */
@NullMarked
package io.budai.botmanager.fireflies;

import org.jspecify.annotations.NullMarked;
