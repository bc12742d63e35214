/** The event bus benchmark: {@link io.budai.benchmarks.bus.BusBenchmark}. */
@NullMarked
package io.budai.benchmarks.bus;

import org.jspecify.annotations.NullMarked;
