/**
 * Data residency: resources (RES-LOCATION) and the copies of their data (RES-REPLICA) must stay in the regions the
 * data's owner allows (`ScanOptions.allowedLocations`). Both checks are off when no list is configured. A region
 * only known at deployment (`resourceGroup().location`, a parameter without a value) is never guessed: it is an
 * unknown verdict, shown with --report-unknown.
 */
import { lookup, lookupAll, type StringValue, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import { normalizeRegion, type RuleOptions } from '../rule-options';
import type { RawFinding, RuleMeta } from '../types';
import { pairedRegion } from './paired-regions';
import { trimEndOf } from '../../core/trim';
import { leafName } from '../../model/links';
import { createRule } from '../code-rule';

/** What RES-REPLICA reports (its unit declares a message for each). */
type ReplicaMessageId = 'insecure' | 'paired' | 'server' | 'unknown';

/** A region as the check sees it: known (with where it is shown), unknown, or not set on this resource. */
type Region =
  | { readonly state: 'known'; readonly name: string; readonly at: Value; readonly via?: Resource }
  | { readonly state: 'unknown'; readonly at: Value }
  | { readonly state: 'absent' };

interface Allowed {
  has(region: string): boolean;
  readonly text: string;
}

function allowedOf(options: RuleOptions): Allowed | undefined {
  const list = (options.allowedLocations ?? []).map(normalizeRegion).filter((x) => x !== '');
  if (list.length === 0) return undefined;
  const set = new Set(list);
  // `global` is not a place data lives in one region (DNS zones, Front Door, …): the built-in policy skips it too.
  return {
    has: (r) => {
      const n = normalizeRegion(r);
      return n === 'global' || set.has(n);
    },
    text: [...set].join(', '),
  };
}

const TERRAFORM_REF = /^computed by Terraform \(([\w.-]+)\)$/;

/** The Terraform resource a `x.y.attr` expression reads, when the value is exactly that. */
function terraformReference(v: Value, doc: AnalyzedDocument): Resource | undefined {
  if (v.kind !== 'unknown') return undefined;
  const symbol = TERRAFORM_REF.exec(v.reason)?.[1];
  return symbol ? doc.resources.find((r) => r.symbol === symbol) : undefined;
}

/**
 * The region a value names. Terraform's `location = azurerm_resource_group.rg.location` takes the region of the
 * referenced resource when that is written in the same module.
 */
function regionOfValue(v: Value, doc: AnalyzedDocument, seen: Set<Resource> = new Set()): Region {
  if (v.kind === 'string') return { state: 'known', name: v.value, at: v };
  const target = terraformReference(v, doc);
  if (target && !seen.has(target)) {
    seen.add(target);
    const inner = regionOf(target, doc, seen);
    if (inner.state === 'known') return { state: 'known', name: inner.name, at: v, via: target };
  }
  return { state: 'unknown', at: v };
}

/** The region a resource is deployed in (its `location`). */
export function regionOf(resource: Resource, doc: AnalyzedDocument, seen: Set<Resource> = new Set()): Region {
  const found = lookup(resource.body, ['location']);
  if (found.state === 'absent' || found.value.kind === 'null') return { state: 'absent' };
  return regionOfValue(found.value, doc, seen);
}

function unknownFinding(resource: Resource, at: Value, what: string): RawFinding<'unknown'> {
  return { resource, messageId: 'unknown', data: { what }, at, unknown: at, severity: 'info' };
}

function viaData(region: Extract<Region, { state: 'known' }>): Record<string, string> {
  return { via: region.via ? ` (the region of '${region.via.name}')` : '' };
}

/** RES-LOCATION: every deployed resource's `location`. */
export function allowedLocation(
  _rule: RuleMeta,
  doc: AnalyzedDocument,
  options: RuleOptions,
): RawFinding<'insecure' | 'unknown'>[] {
  const allowed = allowedOf(options);
  if (!allowed) return [];
  const out: RawFinding<'insecure' | 'unknown'>[] = [];
  for (const resource of doc.resources) {
    if (resource.existing) continue;
    const region = regionOf(resource, doc);
    if (region.state === 'absent') continue;
    if (region.state === 'unknown') {
      out.push(unknownFinding(resource, region.at, 'its location'));
      continue;
    }
    if (allowed.has(region.name)) continue;
    out.push({
      resource,
      messageId: 'insecure',
      at: region.at,
      data: { location: region.name, allowed: allowed.text, ...viaData(region) },
    });
  }
  return out;
}

const lower = (s: string): string => s.toLowerCase();
const GEO_STORAGE_SKUS = new Set(['standard_grs', 'standard_ragrs', 'standard_gzrs', 'standard_ragzrs']);
const GEO_STORAGE_TF = new Set(['grs', 'ragrs', 'gzrs', 'ragzrs']);
const GEO_VAULT = new Set(['georedundant']);
const ENABLED = new Set(['enabled']);
const TRUE = new Set(['true']);

function stringAt(resource: Resource, path: readonly string[]): Value | undefined {
  const found = lookup(resource.body, path);
  return found.state === 'present' && found.value.kind !== 'null' ? found.value : undefined;
}

function isType(resource: Resource, ...types: string[]): boolean {
  return types.some((t) => lower(t) === lower(resource.type));
}

/** A value that is a known string in `set` (lower case); unknown values answer 'unknown'. */
function inSet(v: Value | undefined, set: ReadonlySet<string>): boolean | 'unknown' {
  if (!v) return false;
  if (v.kind === 'unknown') return 'unknown';
  if (v.kind === 'boolean') return set.has(String(v.value));
  return v.kind === 'string' && set.has(lower(v.value));
}

class ReplicaChecker {
  readonly out: RawFinding<ReplicaMessageId>[] = [];
  constructor(
    private readonly doc: AnalyzedDocument,
    private readonly allowed: Allowed,
  ) {}

  /** The copy goes to the paired region of `resource`'s own region; `at` is the setting that makes it. */
  paired(resource: Resource, at: Value, kind: string, home?: Resource): void {
    const region = regionOf(home ?? resource, this.doc);
    if (region.state === 'absent') return;
    if (region.state === 'unknown') {
      this.out.push(unknownFinding(resource, region.at, `where its ${kind} goes (the region it is paired with)`));
      return;
    }
    const pair = pairedRegion(region.name);
    if (!pair) {
      const why: Value = { kind: 'unknown', span: at.span, reason: `no region pair is known for '${region.name}'` };
      this.out.push(unknownFinding(resource, why, `where its ${kind} goes`));
      return;
    }
    if (this.allowed.has(pair)) return;
    this.out.push({
      resource,
      messageId: 'paired',
      at,
      data: { kind, location: region.name, target: pair, allowed: this.allowed.text },
    });
  }

  /** A setting that, when in `set`, copies data to the paired region; an unknown setting is an unknown verdict. */
  geo(
    resource: Resource,
    setting: Value | undefined,
    set: ReadonlySet<string>,
    kind: string,
    home?: Resource,
  ): boolean {
    const verdict = inSet(setting, set);
    if (verdict === 'unknown' && setting)
      this.out.push(unknownFinding(resource, setting, `whether it keeps a ${kind} in another region`));
    else if (verdict && setting) this.paired(resource, setting, kind, home);
    return verdict !== false;
  }

  /** The copy goes to a region named in the template. */
  named(resource: Resource, target: Value, kind: string): void {
    const region = regionOfValue(target, this.doc);
    if (region.state === 'unknown') {
      this.out.push(unknownFinding(resource, region.at, `where its ${kind} goes`));
      return;
    }
    if (region.state === 'absent' || this.allowed.has(region.name)) return;
    this.out.push({
      resource,
      messageId: 'insecure',
      at: target,
      data: { kind, target: region.name, allowed: this.allowed.text, ...viaData(region) },
    });
  }

  /** The copy goes to where another resource of the template is (a partner or secondary server). */
  at(resource: Resource, shownAt: Value, other: Resource | undefined, kind: string): void {
    if (!other) {
      const why: Value =
        shownAt.kind === 'unknown'
          ? shownAt
          : { kind: 'unknown', span: shownAt.span, reason: 'the partner server is not declared in this file' };
      this.out.push(unknownFinding(resource, why, `where its ${kind} goes`));
      return;
    }
    const region = regionOf(other, this.doc);
    if (region.state === 'absent') return;
    if (region.state === 'unknown') {
      this.out.push(unknownFinding(resource, region.at, `where its ${kind} goes`));
      return;
    }
    if (this.allowed.has(region.name)) return;
    if (other === resource)
      this.out.push({
        resource,
        messageId: 'insecure',
        at: shownAt,
        data: { kind, target: region.name, allowed: this.allowed.text, via: '' },
      });
    else
      this.out.push({
        resource,
        messageId: 'server',
        at: shownAt,
        data: { kind, server: other.name, target: region.name, allowed: this.allowed.text },
      });
  }
}

const SQL_SERVERS = ['Microsoft.Sql/servers', 'azurerm_mssql_server', 'azurerm_sql_server'];

/** The SQL server an id value points at: a Terraform reference, an id ending in the server's name, or the one server the resource references. */
function serverOf(v: Value | undefined, from: Resource, doc: AnalyzedDocument): Resource | undefined {
  const servers = doc.resources.filter((r) => isType(r, ...SQL_SERVERS));
  if (!v) return undefined;
  const ref = terraformReference(v, doc);
  if (ref && isType(ref, ...SQL_SERVERS)) return ref;
  if (v.kind === 'string') {
    const name = lower(trimEndOf(v.value, '/').split('/').pop() ?? '');
    return servers.find((s) => lower(s.name) === name || lower(leafName(s.name)) === name);
  }
  const referenced = servers.filter((s) => from.references?.includes(s.symbol) && s.symbol !== from.parentSymbol);
  if (referenced.length > 0 || from.references?.length) return referenced.length === 1 ? referenced[0] : undefined;
  // An ARM id built by resourceId() from parameters: when the file declares exactly one server besides the
  // resource's own, that is the partner.
  const others = servers.filter((s) => s.symbol !== from.parentSymbol && !from.ancestorSymbols?.includes(s.symbol));
  return others.length === 1 ? others[0] : undefined;
}

/** The parent of an ARM child resource written at the top level (linked by its name) or nested. */
function parentOf(child: Resource, doc: AnalyzedDocument, parentType: string): Resource | undefined {
  const byLink = doc.resources.find((r) => r.symbol === child.parentSymbol);
  if (byLink) return byLink;
  return doc.resources.find((r) => isType(r, parentType) && child.ancestorSymbols?.includes(r.symbol) === true);
}

/** RES-REPLICA: geo-redundant storage, Cosmos DB regions, SQL geo-replicas and failover groups, Recovery Services vaults. */
export function replicaLocation(
  _rule: RuleMeta,
  doc: AnalyzedDocument,
  options: RuleOptions,
): RawFinding<ReplicaMessageId>[] {
  const allowed = allowedOf(options);
  if (!allowed) return [];
  const c = new ReplicaChecker(doc, allowed);
  for (const r of doc.resources) {
    if (r.existing) continue;
    if (isType(r, 'Microsoft.Storage/storageAccounts')) {
      c.geo(r, stringAt(r, ['sku', 'name']), GEO_STORAGE_SKUS, 'geo-redundant copy');
    } else if (isType(r, 'azurerm_storage_account')) {
      c.geo(r, stringAt(r, ['account_replication_type']), GEO_STORAGE_TF, 'geo-redundant copy');
    } else if (isType(r, 'Microsoft.DocumentDB/databaseAccounts')) {
      for (const name of lookupAll(r.body, ['properties', 'locations', 'locationName']))
        c.named(r, name, 'Cosmos DB replica');
    } else if (isType(r, 'azurerm_cosmosdb_account')) {
      for (const name of lookupAll(r.body, ['geo_location', 'location'])) c.named(r, name, 'Cosmos DB replica');
    } else if (isType(r, 'Microsoft.Sql/servers/failoverGroups')) {
      for (const id of lookupAll(r.body, ['properties', 'partnerServers', 'id']))
        c.at(r, id, serverOf(id, r, doc), 'failover group replica');
    } else if (isType(r, 'azurerm_mssql_failover_group', 'azurerm_sql_failover_group')) {
      for (const id of lookupAll(r.body, ['partner_server', 'id']))
        c.at(r, id, serverOf(id, r, doc), 'failover group replica');
    } else if (isType(r, 'Microsoft.Sql/servers/databases')) {
      const mode = stringAt(r, ['properties', 'createMode']);
      if (mode?.kind === 'string' && /^(online)?secondary$/i.test(mode.value)) {
        const home = stringAt(r, ['location']) ? r : parentOf(r, doc, 'Microsoft.Sql/servers');
        c.at(r, mode, home, 'geo-replica');
      }
    } else if (isType(r, 'azurerm_mssql_database')) {
      const mode = stringAt(r, ['create_mode']);
      if (mode?.kind === 'string' && /^(online)?secondary$/i.test(mode.value))
        c.at(r, mode, serverOf(stringAt(r, ['server_id']), r, doc), 'geo-replica');
    } else if (isType(r, 'Microsoft.RecoveryServices/vaults')) {
      recoveryVault(c, r, doc);
    } else if (isType(r, 'Microsoft.RecoveryServices/vaults/backupstorageconfig')) {
      const vault = parentOf(r, doc, 'Microsoft.RecoveryServices/vaults');
      const type = stringAt(r, ['properties', 'storageModelType']) ?? stringAt(r, ['properties', 'storageType']);
      if (!c.geo(r, type, GEO_VAULT, 'geo-redundant backup copy', vault))
        c.geo(r, stringAt(r, ['properties', 'crossRegionRestoreFlag']), TRUE, 'cross-region restore copy', vault);
    } else if (isType(r, 'azurerm_recovery_services_vault')) {
      const type = stringAt(r, ['storage_mode_type']);
      // azurerm sends GeoRedundant when storage_mode_type is omitted.
      if (!type) c.paired(r, nameOrAnchor(r), 'geo-redundant backup copy (storage_mode_type defaults to GeoRedundant)');
      else if (!c.geo(r, type, GEO_VAULT, 'geo-redundant backup copy'))
        c.geo(r, stringAt(r, ['cross_region_restore_enabled']), TRUE, 'cross-region restore copy');
    }
  }
  return c.out;
}

/** Where to show a finding about a resource's default: its header. */
function nameOrAnchor(r: Resource): Value {
  return { kind: 'string', value: r.name, span: r.anchor } satisfies StringValue;
}

/**
 * A Recovery Services vault keeps a copy of its backups in the paired region when its storage is geo-redundant
 * (the default for a new vault) and makes it restorable there with cross-region restore. A `backupstorageconfig`
 * child in the template decides instead of the vault's own settings.
 */
function recoveryVault(c: ReplicaChecker, vault: Resource, doc: AnalyzedDocument): void {
  const config = doc.resources.some(
    (x) =>
      isType(x, 'Microsoft.RecoveryServices/vaults/backupstorageconfig') &&
      parentOf(x, doc, 'Microsoft.RecoveryServices/vaults') === vault,
  );
  if (config) return;
  const redundancy = stringAt(vault, ['properties', 'redundancySettings', 'standardTierStorageRedundancy']);
  if (!redundancy)
    c.paired(
      vault,
      nameOrAnchor(vault),
      'geo-redundant backup copy (a new vault is geo-redundant unless redundancySettings say otherwise)',
    );
  else if (!c.geo(vault, redundancy, GEO_VAULT, 'geo-redundant backup copy'))
    c.geo(
      vault,
      stringAt(vault, ['properties', 'redundancySettings', 'crossRegionRestore']),
      ENABLED,
      'cross-region restore copy',
    );
}

/** RES-LOCATION: the prose is in `catalog/res-location.yaml`. */
export const resLocationRule = createRule({
  id: 'RES-LOCATION',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [],
  messages: {
    insecure: "'{resource}' is deployed in {location}{via}, outside the allowed regions ({allowed}).",
    unknown: "Whether '{resource}' stays in the allowed regions depends on {dependsOn} ({what}).",
  },
  check: allowedLocation,
});

/** RES-REPLICA: the prose is in `catalog/res-replica.yaml`. */
export const resReplicaRule = createRule({
  id: 'RES-REPLICA',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.DocumentDB/databaseAccounts',
    'Microsoft.Sql/servers/failoverGroups',
    'Microsoft.Sql/servers/databases',
    'Microsoft.RecoveryServices/vaults',
    'Microsoft.RecoveryServices/vaults/backupstorageconfig',
    'azurerm_storage_account',
    'azurerm_cosmosdb_account',
    'azurerm_mssql_failover_group',
    'azurerm_mssql_database',
    'azurerm_recovery_services_vault',
  ],
  messages: {
    insecure: "'{resource}' keeps a {kind} in {target}{via}, outside the allowed regions ({allowed}).",
    paired: "'{resource}' keeps a {kind} in {target}, the pair of {location}, outside the allowed regions ({allowed}).",
    server: "'{resource}' keeps a {kind} on server '{server}' in {target}, outside the allowed regions ({allowed}).",
    unknown: "Whether '{resource}' keeps its data in the allowed regions depends on {dependsOn} ({what}).",
  },
  check: replicaLocation,
});
