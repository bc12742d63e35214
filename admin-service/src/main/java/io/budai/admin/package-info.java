/** admin-service: Users, API tokens, plans, usage and webhooks. */
@NullMarked
package io.budai.admin;

import org.jspecify.annotations.NullMarked;
