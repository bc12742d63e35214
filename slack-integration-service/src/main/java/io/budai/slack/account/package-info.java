/**
 * Linking Slack users to BudAI accounts (only a hash of the API key is kept) and the name directory
 * used to mention action-item owners.
 */
@NullMarked
package io.budai.slack.account;

import org.jspecify.annotations.NullMarked;
