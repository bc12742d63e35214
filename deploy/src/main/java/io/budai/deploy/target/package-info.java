/**
 * The deploy targets beyond this machine: what each renders from a spec (a compose override, a
 * kustomize overlay, {@code .railway/railway.ts}) and the tool each drives where it exists.
 */
@NullMarked
package io.budai.deploy.target;

import org.jspecify.annotations.NullMarked;
