/** Wrong command-line use: exit 2 with the message (and the usage line it carries). */
export class UsageError extends Error {}
