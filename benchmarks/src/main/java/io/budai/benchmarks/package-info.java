/** Benchmarks of BudAI's building blocks, each against a baseline measured in the same run. */
@NullMarked
package io.budai.benchmarks;

import org.jspecify.annotations.NullMarked;
