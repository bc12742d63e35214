/**
 * gateway-service: Edge of the fleet: routing, API-key auth, rate limits, CORS, /docs, the web
 * console.
 */
@NullMarked
package io.budai.gateway;

import org.jspecify.annotations.NullMarked;
