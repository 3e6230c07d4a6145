/** An analysed file: the shared model of its resources plus the format's writer for fixes. */
import type { AnalysisError, Finding, TextEdit } from '../core/finding';
import type { Span } from '../core/span';
import type { Literal, Value } from '../core/value';
import type { Resource } from './resource';

export type SourceFormat = 'arm' | 'bicep' | 'terraform';

export type DeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

/** A parameter (ARM/Bicep) or variable (Terraform) declared in the file, for hovers and "depends on" reports. */
export interface ParameterInfo {
  readonly name: string;
  readonly span: Span;
  /** The resolved value: from a parameter file, else the default, else unknown. */
  readonly value?: Value;
  /** The default as written in the template (not re-homed), for checks on defaults themselves. */
  readonly defaultValue?: Value;
  readonly secure?: boolean;
  /**
   * ARM and Bicep: declared an object or array (`secureObject`, Bicep `object` or a user-defined type). A secure
   * one is secret as a whole, but a member read from it (an admin user name, a script URL) may not be.
   */
  readonly structured?: boolean;
}

/** A template output (ARM/Bicep `outputs`, Terraform `output` blocks in the file), for SEC-OUTPUT. */
export interface OutputInfo {
  readonly name: string;
  /** The output's name as written, where a finding about it is shown. */
  readonly span: Span;
  readonly value: Value;
  /** Declared secret: ARM `securestring`/`secureObject`, Bicep `@secure()`, Terraform `sensitive = true`. */
  readonly sensitive: boolean;
}

/** Turns abstract fixes into text edits in the file's own syntax and style. */
export interface FormatWriter {
  /** Replace an existing value node by a literal. */
  replaceValue(resource: Resource, target: Value, value: Literal): TextEdit[];
  /** Add `path` (relative to the resource body) with a literal, creating missing intermediate objects/blocks. */
  insertProperty(resource: Resource, path: readonly string[], value: Literal): TextEdit[];
  /** Write an inline suppression for `ruleId` on `resource`. */
  suppress(resource: Resource, ruleId: string, reason: string, expires?: string): TextEdit[];
  /**
   * The edits of several additions (edits with `adds`, made by this writer) to one container as one addition:
   * a parent missing from all of them is written once. Empty when they cannot be merged.
   */
  mergeAdditions(edits: readonly TextEdit[]): TextEdit[];
}

/** Something the scan did not look at, said without failing it (a registry module, a missing module file). */
export interface AnalysisNote {
  readonly file: string;
  readonly message: string;
  readonly span?: Span;
}

export interface AnalyzedDocument {
  readonly file: string;
  readonly format: SourceFormat;
  readonly resources: readonly Resource[];
  readonly parameters: readonly ParameterInfo[];
  /** Outputs declared in this file (not those of modules it calls). */
  readonly outputs?: readonly OutputInfo[];
  /** Parse errors and unsupported constructs; the resources above are what could still be read. */
  readonly errors: readonly AnalysisError[];
  readonly writer: FormatWriter;
  /** Other files whose content went into this analysis (modules, parameter files), for cache invalidation. */
  readonly dependencies: readonly string[];
  /** Information about what was not analysed (never a failure): registry modules, unresolved module files. */
  readonly notes?: readonly AnalysisNote[];
  /**
   * Where a finding is reported, for documents that are views of another file (a `.bicepparam` file shows the
   * findings that come from its own values, at those values): the finding to report, or undefined to drop it.
   */
  readonly placeFinding?: (finding: Finding) => Finding | undefined;
  /**
   * ARM and Bicep: where the template deploys (Bicep `targetScope`, the ARM `$schema`); absent for Terraform,
   * whose configuration is not tied to one scope. Subscription-wide settings (Defender plans) are judged only
   * where the template can set them.
   */
  readonly deploymentScope?: DeploymentScope;
  /** Terraform: the azurerm major version in force, and whether it was assumed (no constraint found). */
  readonly azurerm?: { readonly major: number; readonly assumed: boolean };
}

/**
 * Read access to other files (modules, parameter files, tfvars). The engine never touches the file system:
 * the CLI passes a host backed by `fs`, the editor one backed by open documents and the workspace.
 */
export interface FileHost {
  /** The text of `path`, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Files in a directory (names only), for tfvars and sibling .tf files. */
  listDirectory?(dir: string): string[] | undefined;
  /**
   * Why the host declined to read or list `path` (outside the folders it may read, not a regular file, too
   * large, binary), in words that fit after "not read: ", or undefined when it was read or simply is not there.
   * The scan turns each refusal into a note, so nothing is skipped silently.
   */
  refusal?(path: string): string | undefined;
}

export interface AnalyzeOptions {
  readonly host?: FileHost;
  /** Explicit parameter files (`--parameters`), overriding discovery. */
  readonly parameterFiles?: readonly string[];
}
