/** The shared resource model: what every format adapter produces and what every rule reads. */
import type { Span } from '../core/span';
import type { ObjectValue } from '../core/value';
import type { Suppression } from '../core/finding';

/**
 * How a resource was written. `arm`, `bicep` and `azapi` bodies are ARM-shaped (`properties.x`), so ARM
 * bindings apply to all three; `azurerm` bodies are the provider's attribute tree.
 */
export type Dialect = 'arm' | 'bicep' | 'azurerm' | 'azapi';

export interface Resource {
  readonly dialect: Dialect;
  /** ARM type (`Microsoft.Storage/storageAccounts`, children composed) or azurerm type (`azurerm_storage_account`). */
  readonly type: string;
  readonly apiVersion?: string;
  /** Display name: the evaluated name when known, else the symbolic name or source text. */
  readonly name: string;
  /** A stable handle within its file: ARM path, Bicep symbol, Terraform `type.name`. */
  readonly symbol: string;
  /** The file this resource is declared in (differs from the scanned file for resolved modules). */
  readonly file: string;
  /** The whole declaration. */
  readonly span: Span;
  /** Where findings about absent properties are shown: the type string or the resource header. */
  readonly anchor: Span;
  /** ARM-shaped for arm/bicep/azapi, attribute tree for azurerm (nested blocks as objects or block arrays). */
  readonly body: ObjectValue;
  /** Deployed only under a condition (`condition`, `if`, `count`). */
  readonly conditional?: boolean;
  /** Declared in a loop (`copy`, `for`, `for_each`, `count`). */
  readonly loop?: boolean;
  /** References an existing resource (Bicep `existing`, Terraform `data`): never flagged. */
  readonly existing?: boolean;
  /**
   * A patch of a resource declared elsewhere (azapi `azapi_update_resource`): what it sets is judged, what it
   * leaves out is not absent but unchanged, so absent-property verdicts do not apply.
   */
  readonly partial?: boolean;
  /**
   * Top-level attributes or blocks set by another resource, by that resource's symbol (Terraform
   * `azurerm_storage_account_network_rules` sets its account's `network_rules`): absent here is not absent.
   */
  readonly configuredBy?: Readonly<Record<string, string>>;
  /** For ARM child resources and Bicep `parent:` links: the symbol of the parent, when known. */
  readonly parentSymbol?: string;
  /** Suppressions written on this resource in its source file. */
  readonly suppressions: readonly Suppression[];
  /** Symbols of resources this one references (Terraform `x.y.id`, Bicep symbol use, ARM resourceId names). */
  readonly references?: readonly string[];
  /**
   * For extension resources (diagnostic settings, role assignments, locks): the symbol of the resource they
   * apply to (Bicep `scope: kv`), when it names one.
   */
  readonly scopeSymbol?: string;
  /**
   * ARM-shaped dialects: symbols of the resources this one sits under by its type and name (`srv/db/default` under
   * `srv/db` and `srv`), filled by the adapter (`model/links.ts`).
   */
  readonly ancestorSymbols?: readonly string[];
  /** ARM-shaped dialects: symbols of the resources its `scope` string names, filled by the adapter (`model/links.ts`). */
  readonly scopeTargets?: readonly string[];
}
