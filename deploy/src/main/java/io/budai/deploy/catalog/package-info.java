/** The fleet's services, their ports and the variable names derived from them. */
@NullMarked
package io.budai.deploy.catalog;

import org.jspecify.annotations.NullMarked;
