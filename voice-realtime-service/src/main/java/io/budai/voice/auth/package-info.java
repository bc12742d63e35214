/** Who a stream acts for: API keys (admin-service) and meeting ownership (the collector). */
@NullMarked
package io.budai.voice.auth;

import org.jspecify.annotations.NullMarked;
