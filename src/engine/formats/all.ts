/** Every format the engine reads, in the order they are asked to claim a file. */
import { armFormat } from './arm';
import type { FormatHandler } from './registry';

export const FORMATS: readonly FormatHandler[] = [armFormat];
