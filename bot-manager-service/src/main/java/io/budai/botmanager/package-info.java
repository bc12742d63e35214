/** bot-manager-service: Meeting bot lifecycle and runtimes. */
@NullMarked
package io.budai.botmanager;

import org.jspecify.annotations.NullMarked;
