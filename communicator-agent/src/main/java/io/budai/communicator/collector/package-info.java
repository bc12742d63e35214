/** communicator-agent: collector. */
@NullMarked
package io.budai.communicator.collector;

import org.jspecify.annotations.NullMarked;
