import type { ChannelRef } from '../domain/subscription.js';

/**
 * The terminal's channel, where the one-shot CLI and the terminal bot answer. Its own module, so that the CLI can
 * name it without loading the terminal's reader (node:readline).
 */
export const CONSOLE_CHANNEL: ChannelRef = { platform: 'console', id: 'terminal' };
