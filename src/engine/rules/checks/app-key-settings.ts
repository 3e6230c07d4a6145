/**
 * APP-KEY-SETTINGS: an app setting, connection string or container app secret that holds an access key, read at
 * deployment (`listKeys()`, Terraform `primary_access_key`, …; carried by `UnknownValue.secret`) or written in
 * the template (`AccountKey=…`). The app then authenticates with a shared key that anyone able to read its
 * configuration can copy, where a managed identity would need no secret at all.
 *
 * A Key Vault reference (`@Microsoft.KeyVault(…)`) is fine; a value that is merely unknown (a parameter) is not
 * judged. The key itself is never put in a message: only the setting's name and where the key was read.
 */
import { getProperty, lookupAll, type Value } from '../../core/value';
import type { AnalyzedDocument } from '../../model/document';
import type { Resource } from '../../model/resource';
import { serviceModelOf } from '../../responsibility/service-models';
import type { RawFinding, RuleMeta } from '../types';
import { createRule } from '../code-rule';

/** The message ids this file's checks report: its rules' units declare a message for each. */
type MessageId = 'insecure' | 'literal' | 'storageKey';

const lower = (s: string): string => s.toLowerCase();

/** A name/value pair the app is configured with. */
interface Setting {
  /** `App setting`, `Connection string`, … */
  readonly kind: string;
  readonly name?: string;
  readonly value: Value;
}

/** A literal connection string or SAS that carries its credential. */
const LITERAL_KEY = /(?:^|;)\s*(AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*[A-Za-z0-9+/%]{8,}/i;
/** list*() functions that return credentials (listKeys, listAdminKeys, listCredentials, listConnectionStrings, listAccountSas, …). */
const KEY_FUNCTION = /^(?:[\w-]+\.)?(list\w*(?:keys?|secrets?|credentials?|connectionstrings?|sas))\(\)(?: of (.*))?$/i;
/** Terraform `azurerm_x.y's primary_access_key`. */
const TF_ATTRIBUTE = /^(.+)'s (\w+)$/;

const APP_TYPES =
  /^azurerm_((linux|windows)_(web|function)_app|app_service|function_app)(_slot)?$|^azurerm_logic_app_standard$/;
const FUNCTION_APP_TYPES = /^azurerm_(linux|windows)_function_app(_slot)?$/;

function entries(v: Value | undefined): { key: string; value: Value }[] {
  return v?.kind === 'object' ? v.properties.map((p) => ({ key: p.key, value: p.value })) : [];
}

function str(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** `[{ name, value }]` items (ARM appSettings, container env, secrets); a whole unknown list is one setting of unknown name. */
function namedItems(list: Value | undefined, kind: string, valueKey: string): Setting[] {
  if (!list) return [];
  if (list.kind === 'unknown') return [{ kind, value: list }];
  const items = list.kind === 'array' ? list.items : [list];
  const out: Setting[] = [];
  for (const item of items) {
    if (item.kind === 'unknown') out.push({ kind, value: item });
    if (item.kind !== 'object') continue;
    const value = getProperty(item, valueKey)?.value;
    const name = str(getProperty(item, 'name')?.value);
    if (value) out.push({ kind, ...(name !== undefined ? { name } : {}), value });
  }
  return out;
}

/** A map of setting name → value (ARM `appsettings` config, azurerm `app_settings`); a whole unknown map is one setting. */
function mapSettings(map: Value | undefined, kind: string): Setting[] {
  if (!map) return [];
  if (map.kind === 'unknown') return [{ kind, value: map }];
  return entries(map).map(({ key, value }) => ({ kind, name: key, value }));
}

/** `siteConfig.appSettings` and `siteConfig.connectionStrings` (a site, or its `web` config). */
function siteConfigSettings(siteConfig: Value | undefined): Setting[] {
  if (siteConfig?.kind !== 'object') return [];
  return [
    ...namedItems(getProperty(siteConfig, 'appSettings')?.value, 'App setting', 'value'),
    ...namedItems(getProperty(siteConfig, 'connectionStrings')?.value, 'Connection string', 'connectionString'),
  ];
}

function body(r: Resource, key: string): Value | undefined {
  return getProperty(r.body, key)?.value;
}

function armSettings(r: Resource): Setting[] {
  const t = lower(r.type);
  const props = body(r, 'properties');
  if (t === 'microsoft.web/sites' || t === 'microsoft.web/sites/slots') {
    return props?.kind === 'object' ? siteConfigSettings(getProperty(props, 'siteConfig')?.value) : [];
  }
  if (t === 'microsoft.web/sites/config' || t === 'microsoft.web/sites/slots/config') {
    // The config's name says which section it is (`app/appsettings`, or an expression that ends so).
    const name = lower(r.name);
    if (name.includes('appsettings')) return mapSettings(props, 'App setting');
    if (name.includes('connectionstrings')) {
      if (props?.kind === 'unknown') return [{ kind: 'Connection string', value: props }];
      return entries(props).flatMap(({ key, value }) => {
        const v = value.kind === 'object' ? getProperty(value, 'value')?.value : value;
        return v ? [{ kind: 'Connection string', name: key, value: v }] : [];
      });
    }
    return siteConfigSettings(props);
  }
  if ((t === 'microsoft.app/containerapps' || t === 'microsoft.app/jobs') && props?.kind === 'object') {
    return [
      ...namedItems(lookupAll(props, ['configuration', 'secrets'])[0], 'Secret', 'value'),
      ...lookupAll(props, ['template', 'containers'])
        .flatMap((c) => (c.kind === 'array' ? c.items : [c]))
        .flatMap((c) =>
          c.kind === 'object' ? namedItems(getProperty(c, 'env')?.value, 'Environment variable', 'value') : [],
        ),
    ];
  }
  return [];
}

function azurermSettings(r: Resource): Setting[] {
  if (APP_TYPES.test(r.type)) {
    const conn = body(r, 'connection_string');
    return [...mapSettings(body(r, 'app_settings'), 'App setting'), ...namedItems(conn, 'Connection string', 'value')];
  }
  if (r.type === 'azurerm_container_app' || r.type === 'azurerm_container_app_job') {
    return [
      ...namedItems(body(r, 'secret'), 'Secret', 'value'),
      ...lookupAll(r.body, ['template', 'container', 'env']).flatMap((e) =>
        namedItems(e, 'Environment variable', 'value'),
      ),
    ];
  }
  return [];
}

/** A readable name for the resource a key was read from: `Storage account 'stapp'`. */
function describeResource(type: string, name: string): string {
  const title = serviceModelOf(type)?.title;
  return `${title ?? type} '${name}'`;
}

/**
 * `type 'name'` or `type` alone, where the type holds a slash after its first character and neither blanks nor
 * quotes. Split by hand: the pattern this replaces backtracked over every slash of a long type whose name
 * failed to match.
 */
function typeAndName(of: string): { readonly type: string; readonly name?: string } | undefined {
  const space = of.indexOf(' ');
  const type = space < 0 ? of : of.slice(0, space);
  if (type.lastIndexOf('/') < 1 || /[\s']/.test(type)) return undefined;
  if (space < 0) return { type };
  const name = of.slice(space + 1);
  // `'.*'`: quoted, with no line break inside (what `.` would not match).
  const quoted = name.length >= 2 && name.startsWith("'") && name.endsWith("'") && !/[\n\r\u2028\u2029]/.test(name);
  return quoted ? { type, name } : undefined;
}

/** Where a credential came from, in words, or undefined when the value is not one the rule judges. */
function sourceOf(secret: string, doc: AnalyzedDocument): string | undefined {
  const list = KEY_FUNCTION.exec(secret);
  if (list) {
    const fn = `${list[1]}()`;
    const symbol = /^([\w-]+)\.list/i.exec(secret)?.[1];
    if (symbol) {
      const res = doc.resources.find((x) => x.symbol === symbol);
      return res ? `${fn} of ${describeResource(res.type, res.name)}` : `${fn} of '${symbol}'`;
    }
    const of = list[2];
    if (!of) return fn;
    // `Microsoft.Storage/storageAccounts 'st'`, a type alone (its name not known here), or a name alone.
    const typed = typeAndName(of);
    if (!typed) {
      // ARM languageVersion 2.0 names the resource by its symbolic name: listKeys('storage', …).
      const res = /^'(.*)'$/.exec(of)
        ? doc.resources.find((x) => x.dialect === 'arm' && `'${x.symbol}'` === of)
        : undefined;
      return res ? `${fn} of ${describeResource(res.type, res.name)}` : `${fn} of ${of}`;
    }
    const title = serviceModelOf(typed.type)?.title ?? typed.type;
    return typed.name !== undefined ? `${fn} of ${title} ${typed.name}` : `${fn} (${title})`;
  }
  const attr = TF_ATTRIBUTE.exec(secret);
  if (attr) {
    const [, symbol = '', attribute = ''] = attr;
    const res = doc.resources.find((x) => x.symbol === symbol);
    return res ? `${attribute} of ${describeResource(res.type, res.name)}` : `${attribute} of ${symbol}`;
  }
  return undefined;
}

function advice(setting: Setting): string {
  if (setting.name && /^AzureWebJobsStorage$/i.test(setting.name)) {
    return "use AzureWebJobsStorage__accountName and give the app's managed identity a storage data role instead";
  }
  if (setting.name && /^WEBSITE_CONTENTAZUREFILECONNECTIONSTRING$/i.test(setting.name)) {
    return 'if the plan still needs a key for its content share, keep it in Key Vault and reference it, or host the app on a plan without one (Flex Consumption, Dedicated)';
  }
  return 'give the app a managed identity and a data-plane role on that resource instead, or keep the secret in Key Vault and reference it';
}

function judge(r: Resource, s: Setting, doc: AnalyzedDocument): RawFinding<MessageId> | undefined {
  const setting =
    s.name !== undefined ? `${s.kind} '${s.name}'` : `An ${lower(s.kind)}`.replace(/^An ([^aeiou])/, 'A $1');
  const data = { setting, advice: advice(s) };
  if (s.value.kind === 'unknown' && s.value.secret) {
    const source = sourceOf(s.value.secret, doc);
    return source ? { resource: r, messageId: 'insecure', data: { ...data, source }, at: s.value } : undefined;
  }
  if (s.value.kind === 'string' && !/^\s*@Microsoft\.KeyVault\(/i.test(s.value.value)) {
    const m = LITERAL_KEY.exec(s.value.value);
    if (m) return { resource: r, messageId: 'literal', data: { ...data, key: m[1] as string }, at: s.value };
  }
  return undefined;
}

export function appKeySettings(_rule: RuleMeta, doc: AnalyzedDocument): RawFinding<MessageId>[] {
  const out: RawFinding<MessageId>[] = [];
  for (const r of doc.resources) {
    if (r.existing) continue;
    const settings = r.dialect === 'azurerm' ? azurermSettings(r) : armSettings(r);
    for (const s of settings) {
      const f = judge(r, s, doc);
      if (f) out.push(f);
    }
    if (r.dialect === 'azurerm' && FUNCTION_APP_TYPES.test(r.type)) {
      // The function host's own storage: a key here is AzureWebJobsStorage by another name.
      const key = body(r, 'storage_account_access_key');
      const source =
        key?.kind === 'unknown' && key.secret
          ? sourceOf(key.secret, doc)
          : key?.kind === 'string' && key.value.trim() !== ''
            ? 'a key written in the template'
            : undefined;
      if (key && source) out.push({ resource: r, messageId: 'storageKey', data: { source }, at: key });
    }
  }
  return out;
}

/** APP-KEY-SETTINGS: the prose is in `catalog/app-key-settings.yaml`. */
export const appKeySettingsRule = createRule({
  id: 'APP-KEY-SETTINGS',
  dialects: ['arm', 'bicep', 'azapi', 'azurerm'],
  resourceTypes: [
    'Microsoft.Web/sites',
    'Microsoft.Web/sites/slots',
    'Microsoft.Web/sites/config',
    'Microsoft.Web/sites/slots/config',
    'Microsoft.App/containerApps',
    'Microsoft.App/jobs',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_linux_web_app_slot',
    'azurerm_windows_web_app_slot',
    'azurerm_linux_function_app_slot',
    'azurerm_windows_function_app_slot',
    'azurerm_app_service',
    'azurerm_function_app',
    'azurerm_logic_app_standard',
    'azurerm_container_app',
    'azurerm_container_app_job',
  ],
  messages: {
    insecure: "{setting} of '{resource}' is set from {source}, so the app signs in with a shared key: {advice}.",
    literal: "{setting} of '{resource}' has its {key} written in the template: {advice}.",
    storageKey:
      "Function app '{resource}' reaches its storage account with storage_account_access_key ({source}). Set storage_uses_managed_identity = true and give its identity a storage data role instead.",
  },
  check: appKeySettings,
});
