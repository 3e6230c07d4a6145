/** Every format the engine reads, in the order they are asked to claim a file. */
import { armFormat } from './arm';
import { bicepFormat } from './bicep/handler';
import type { FormatHandler } from './registry';
import { terraformFormat } from './terraform';

export const FORMATS: readonly FormatHandler[] = [armFormat, bicepFormat, terraformFormat];
