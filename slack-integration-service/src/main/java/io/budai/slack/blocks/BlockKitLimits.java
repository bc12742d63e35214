package io.budai.slack.blocks;

/** Slack's Block Kit limits (protocols.md §1e) that our messages and views stay within. */
public final class BlockKitLimits {

  /** Blocks in one message. */
  public static final int MESSAGE_BLOCKS = 50;

  /** Blocks in a modal or the Home tab. */
  public static final int VIEW_BLOCKS = 100;

  /** Characters of a section's text. */
  public static final int SECTION_TEXT = 3000;

  /** Characters of one section field. */
  public static final int FIELD_TEXT = 2000;

  /** Fields of one section. */
  public static final int SECTION_FIELDS = 10;

  /** Characters of a header's plain text. */
  public static final int HEADER_TEXT = 150;

  /** Elements of a context block. */
  public static final int CONTEXT_ELEMENTS = 10;

  /** Elements of an actions block. */
  public static final int ACTION_ELEMENTS = 25;

  /** Characters of a button's label. */
  public static final int BUTTON_TEXT = 75;

  /** Characters of a button's value. */
  public static final int BUTTON_VALUE = 2000;

  /** Characters of a message's top-level text before Slack truncates it. */
  public static final int MESSAGE_TEXT = 40_000;

  /**
   * Characters of text we put into one message's blocks. Slack rejects messages whose blocks are
   * too large in total ({@code msg_blocks_too_long}) without publishing the bound, so we stay well
   * below what is known to pass.
   */
  public static final int MESSAGE_BLOCK_CHARS = 12_000;

  private BlockKitLimits() {}
}
