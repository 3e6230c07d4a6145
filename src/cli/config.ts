/**
 * `.rlens.yaml` for the CLI, read with the editor's parser (`engine/editor-support/config.ts`) so that both front
 * ends agree: the nearest file upward from each scanned path (or `--config FILE` for all of them) sets rule
 * severities, excludes, `reportUnknown`, the data owner's requirements and suppressions. A schema error is a usage error naming file and line.
 */
import { statSync } from 'node:fs';
import { skipNote } from '../engine';
import { readTextFile } from './read-text';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  allRules,
  EMPTY_CONFIG,
  LineIndex,
  parseRlensConfig,
  scanOptionsFrom,
  toFileReport,
  unusedConfigSuppressions,
  UNUSED_SUPPRESSION_ID,
  type ConfigSuppression,
  type FileReport,
  type OptionOverrides,
  type RlensConfig,
  type ScanOptions,
  type ScanResult,
} from '../engine';
import { UsageError } from './args';
import { compileGlob, type Glob } from './glob';

export const CONFIG_NAME = '.rlens.yaml';

interface LoadedConfig {
  /** As given or found, for messages and reports. */
  readonly file: string;
  readonly dir: string;
  readonly text: string;
  readonly config: RlensConfig;
  readonly exclude: readonly Glob[];
  readonly used: Set<ConfigSuppression>;
  /** Files scanned under this configuration (to judge file-scoped suppressions). */
  readonly scanned: string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export class CliConfigs {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly nearest = new Map<string, LoadedConfig | undefined>();
  private readonly explicit?: LoadedConfig;
  private readonly known = allRules().map((r) => r.id);

  constructor(
    configFile: string | undefined,
    private readonly roots: readonly string[],
    /** Where configuration warnings go (a line each, without the newline). */
    private readonly warn: (line: string) => void,
  ) {
    if (configFile) {
      if (isDirectory(configFile)) throw new UsageError(`--config expects a file, and '${configFile}' is a folder`);
      this.explicit = this.load(configFile);
    }
  }

  private load(file: string): LoadedConfig {
    const abs = resolve(file);
    const cached = this.byPath.get(abs);
    if (cached) return cached;
    const read = readTextFile(abs);
    if (read.kind === 'failed') throw new UsageError(`cannot read configuration '${file}': ${read.code}`);
    if (read.kind === 'notRegular')
      throw new UsageError(`cannot read configuration '${file}': it is ${read.what}, not a regular file`);
    if (read.kind === 'skipped') throw new UsageError(`cannot read configuration '${file}': ${skipNote(read.cause)}`);
    const text = read.text;
    const { config, problems } = parseRlensConfig(text, this.known);
    const lines = new LineIndex(text);
    const where = (start: number): string => {
      const p = lines.positionAt(start);
      return `${file}:${p.line + 1}:${p.character + 1}`;
    };
    for (const p of problems.filter((x) => x.severity === 'warning'))
      this.warn(`rlens: warning: ${where(p.span.start)}: ${p.message}`);
    const errors = problems.filter((x) => x.severity === 'error');
    if (errors.length > 0)
      throw new UsageError(errors.map((p) => `invalid configuration ${where(p.span.start)}: ${p.message}`).join('\n'));
    const loaded: LoadedConfig = {
      file,
      dir: dirname(abs),
      text,
      config,
      exclude: config.exclude.map(compileGlob),
      used: new Set(),
      scanned: [],
    };
    this.byPath.set(abs, loaded);
    return loaded;
  }

  /** The configuration for a scanned file: `--config`, or the nearest `.rlens.yaml` in its folder or above. */
  configFor(file: string): LoadedConfig | undefined {
    if (this.explicit) return this.explicit;
    const chain: string[] = [];
    let dir = dirname(resolve(file));
    let found: LoadedConfig | undefined;
    for (;;) {
      if (this.nearest.has(dir)) {
        found = this.nearest.get(dir);
        break;
      }
      chain.push(dir);
      const candidate = join(dir, CONFIG_NAME);
      if (isFile(candidate)) {
        const rel = relative(process.cwd(), candidate);
        found = this.load(rel.startsWith('..') ? candidate : rel);
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of chain) this.nearest.set(d, found);
    return found;
  }

  /** Walked files matching an `exclude` glob are not scanned; a file named on the command line always is. */
  filter(files: readonly string[], named: ReadonlySet<string>): string[] {
    return files.filter((f) => {
      if (named.has(f)) return true;
      const c = this.configFor(f);
      if (!c) return true;
      const rel = relative(c.dir, resolve(f)).split(sep).join('/');
      return rel.startsWith('../') || !c.exclude.some((re) => re.test(rel));
    });
  }

  /** Scan options for one file: its configuration's, overlaid by the command line's `flags`, over `base`. */
  optionsFor(file: string, base: ScanOptions, flags: OptionOverrides): ScanOptions {
    const c = this.configFor(file);
    if (c) c.scanned.push(file.replace(/\\/g, '/'));
    return { ...base, ...scanOptionsFrom(c?.config ?? EMPTY_CONFIG, flags) };
  }

  /** Records the configuration suppressions a file's scan used, for `unusedReports`. */
  recordUse(file: string, result: ScanResult): void {
    const c = this.configFor(file);
    if (c) for (const s of result.usedConfigSuppressions) c.used.add(s);
  }

  /** RLENS-UNUSED-SUPPRESSION findings for configuration suppressions no scanned file used, one report per file. */
  unusedReports(): FileReport[] {
    const rule = allRules().find((r) => r.id === UNUSED_SUPPRESSION_ID);
    if (!rule) return [];
    const reports: FileReport[] = [];
    const roots = this.roots.filter(isDirectory).map((r) => resolve(r));
    for (const c of this.byPath.values()) {
      if (c.scanned.length === 0) continue;
      const setting = c.config.rules[UNUSED_SUPPRESSION_ID];
      if (setting === 'off') continue;
      const findings = unusedConfigSuppressions({
        rule,
        configFile: c.file,
        suppressions: c.config.suppressions,
        used: c.used,
        known: new Set(this.known),
        off: new Set(Object.keys(c.config.rules).filter((id) => c.config.rules[id] === 'off')),
        // Judged only when the scan looked at everything the suppression could apply to.
        covered: (s) =>
          s.file
            ? c.scanned.some((f) => f.endsWith(s.file as string))
            : roots.some((r) => c.dir === r || c.dir.startsWith(r + sep)),
        ...(setting ? { severity: setting } : {}),
      });
      if (findings.length > 0) reports.push(toFileReport({ file: c.file, findings, errors: [] }, c.text));
    }
    return reports;
  }
}
