/** DTOs shared by HTTP contracts between services and by event payloads. */
@NullMarked
package io.budai.contracts.dto;

import org.jspecify.annotations.NullMarked;
