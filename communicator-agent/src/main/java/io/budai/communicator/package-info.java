/** communicator-agent: Conversations and Q&A over meetings. */
@NullMarked
package io.budai.communicator;

import org.jspecify.annotations.NullMarked;
