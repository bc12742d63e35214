/** communicator-agent: conversation. */
@NullMarked
package io.budai.communicator.conversation;

import org.jspecify.annotations.NullMarked;
