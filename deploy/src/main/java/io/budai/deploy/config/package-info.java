/** What the fleet is configured with: the {@code .env} file, the environment, and its secrets. */
@NullMarked
package io.budai.deploy.config;

import org.jspecify.annotations.NullMarked;
