/**
 * Bot runtimes behind one interface ({@link io.budai.botmanager.runtime.BotRuntime}): the offline
 * {@code simulated} bot and Recall.ai, chosen by {@code BOT_RUNTIME}; commands to a running bot
 * travel over Redis pub/sub {@code budai:bot_commands:{session_uid}}.
 */
@NullMarked
package io.budai.botmanager.runtime;

import org.jspecify.annotations.NullMarked;
