/**
 * Deploy specs ({@code deploy/specs/*.yaml}): what an environment runs, where, with which variables
 * and secrets; and the commands that explain, validate, deploy and verify one.
 */
@NullMarked
package io.budai.deploy.spec;

import org.jspecify.annotations.NullMarked;
