/**
 * The web console: a no-build single-page application (HTML, CSS, ES modules under {@code
 * classpath:console/}) that the gateway serves itself at {@code /console}. It is public static
 * content; everything it shows comes from the routed API, called by the browser with the user's
 * {@code X-API-Key} or the operator's {@code X-Admin-API-Key}, so the route table's credentials
 * apply to it exactly as to any other client.
 */
@NullMarked
package io.budai.gateway.console;

import org.jspecify.annotations.NullMarked;
