/** The {@code budai} command line. */
@NullMarked
package io.budai.deploy;

import org.jspecify.annotations.NullMarked;
