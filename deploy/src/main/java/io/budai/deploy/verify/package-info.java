/** {@code budai verify}: every service's health, then a smoke flow through the gateway. */
@NullMarked
package io.budai.deploy.verify;

import org.jspecify.annotations.NullMarked;
