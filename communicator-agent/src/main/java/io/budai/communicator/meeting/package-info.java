/** communicator-agent: meeting. */
@NullMarked
package io.budai.communicator.meeting;

import org.jspecify.annotations.NullMarked;
