/** What a reporter may be told about where its output goes; none of it changes the result. */
export interface ReportOptions {
  /** ANSI colour (text only); the CLI sets it for a TTY without NO_COLOR. */
  color?: boolean;
  /** Where the JSON result of the same run is written, for the markdown "full result" pointer. */
  jsonPath?: string;
  /** Character cap of the markdown comment (default: below GitHub's 65,536). */
  maxChars?: number;
}
