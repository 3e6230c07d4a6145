/**
 * Where geo-redundant copies go: each region's secondary in its Azure region pair. Source: Microsoft's
 * "Azure region pairs and nonpaired regions" table (MicrosoftDocs/azure-docs,
 * articles/reliability/cross-region-replication-azure.md; https://learn.microsoft.com/azure/reliability/cross-region-replication-azure).
 * Pairs are mutual except where the page says otherwise (West India, Brazil South, Brazil Southeast, West US 3,
 * the US Government regions); a region missing here (Poland Central, Italy North, Israel Central, Qatar
 * Central, Spain Central, …) has no pair we know of, and a geo-replica from it is reported as unknown, not guessed.
 */
import { normalizeRegion } from '../rule-options';

const MUTUAL: ReadonlyArray<readonly [string, string]> = [
  ['eastasia', 'southeastasia'],
  ['australiaeast', 'australiasoutheast'],
  ['australiacentral', 'australiacentral2'],
  ['canadacentral', 'canadaeast'],
  ['chinanorth', 'chinaeast'],
  ['chinanorth2', 'chinaeast2'],
  ['chinanorth3', 'chinaeast3'],
  ['northeurope', 'westeurope'],
  ['francecentral', 'francesouth'],
  ['germanywestcentral', 'germanynorth'],
  ['centralindia', 'southindia'],
  ['japaneast', 'japanwest'],
  ['koreacentral', 'koreasouth'],
  ['eastus', 'westus'],
  ['eastus2', 'centralus'],
  ['northcentralus', 'southcentralus'],
  ['westus2', 'westcentralus'],
  ['norwayeast', 'norwaywest'],
  ['southafricanorth', 'southafricawest'],
  ['swedencentral', 'swedensouth'],
  ['switzerlandnorth', 'switzerlandwest'],
  ['ukwest', 'uksouth'],
  ['uaenorth', 'uaecentral'],
  ['usdodeast', 'usdodcentral'],
];

/** Secondaries that do not pair back (the page's one-way notes). */
const ONE_WAY: ReadonlyArray<readonly [string, string]> = [
  ['westindia', 'southindia'],
  ['brazilsouth', 'southcentralus'],
  ['brazilsoutheast', 'brazilsouth'],
  ['westus3', 'eastus'],
  ['usgovarizona', 'usgovtexas'],
  ['usgovvirginia', 'usgovtexas'],
];

const SECONDARY: ReadonlyMap<string, string> = new Map([
  ...MUTUAL.flatMap(
    ([a, b]) =>
      [
        [a, b],
        [b, a],
      ] as const,
  ),
  ...ONE_WAY,
]);

/** The region a geo-redundant copy of data in `region` goes to, or undefined when no pair is known. */
export function pairedRegion(region: string): string | undefined {
  return SECONDARY.get(normalizeRegion(region));
}
