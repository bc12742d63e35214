/**
 * Meetings: the record of one bot (or call) in one meeting, its status machine (Vexa's {@code
 * requested → joining → awaiting_admission → active → stopping → completed}, {@code failed} from
 * any non-final state), the public {@code /meetings} API and the internal API bot-manager uses.
 */
@NullMarked
package io.budai.collector.meeting;

import org.jspecify.annotations.NullMarked;
