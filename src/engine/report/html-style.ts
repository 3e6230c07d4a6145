/**
 * The HTML report's stylesheet, inlined so the report is one file that needs no network. Owner colours match
 * the responsibility view's (orange customer, yellow shared, blue Microsoft); light and dark schemes; the
 * matrix and findings reflow on a phone.
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --customer: #fbe3cf; --shared: #fbf1c4; --microsoft: #dbe8fb; --error: #c62828; --warning: #b45309; --info: #1d5fbf; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --customer: #4a2f1a; --shared: #433a14; --microsoft: #1c2f4d; --error: #ff7b72; --warning: #e3a34a; --info: #79b8ff; --ok: #56d364; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 20px 40px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5em; margin: 0.2em 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
a { color: var(--info); }
code, .where { font-family: ui-monospace, SFMono-Regular, Consolas, "Liberation Mono", monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.summary { margin: 0 0 0.4em; }
.muted, .legend, .score, .note { color: var(--muted); }
table.matrix { width: 100%; border-collapse: separate; border-spacing: 4px; table-layout: fixed; }
.matrix th { text-align: left; font-weight: 600; padding: 6px; vertical-align: middle; }
.matrix thead th { text-align: center; }
.matrix tbody th { width: 28%; }
.matrix td { padding: 8px; border-radius: 6px; vertical-align: top; min-height: 4em; }
.owner-customer { background: var(--customer); }
.owner-shared { background: var(--shared); }
.owner-microsoft { background: var(--microsoft); }
.matrix td.unused { opacity: 0.55; }
.matrix .owner { display: block; font-weight: 600; font-size: 0.85em; }
.matrix .count { font-size: 1.45em; font-weight: 700; }
.matrix .has-findings .count { color: var(--error); }
.matrix .clean .count { color: var(--ok); }
.matrix .score, .matrix .note { display: block; font-size: 0.85em; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 4px 0 10px; vertical-align: -1px; border-radius: 2px; border: 1px solid var(--line); }
.legend { font-size: 0.9em; margin-top: 6px; }
.resource { margin: 0.8em 0 1.2em; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
.resource > header { background: var(--panel); padding: 6px 10px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.resource > header .type { color: var(--muted); }
ul.findings { list-style: none; margin: 0; padding: 0; }
ul.findings > li { padding: 8px 10px 8px 12px; border-left: 4px solid var(--info); border-top: 1px solid var(--line); overflow-wrap: anywhere; }
ul.findings > li:first-child { border-top: none; }
ul.findings > li.sev-error { border-left-color: var(--error); }
ul.findings > li.sev-warning { border-left-color: var(--warning); }
.sev { font-weight: 700; text-transform: uppercase; font-size: 0.75em; letter-spacing: 0.03em; margin-right: 6px; }
.sev-error .sev { color: var(--error); }
.sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); }
.rule { font-weight: 600; margin-right: 6px; }
.message { margin: 2px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0 0; font-size: 0.92em; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.related { margin: 2px 0 0; padding-left: 18px; font-size: 0.9em; color: var(--muted); }
details { margin: 1em 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
details > summary { cursor: pointer; font-weight: 600; }
.tag { display: inline-block; font-size: 0.75em; padding: 0 6px; border-radius: 10px; border: 1px solid var(--line); color: var(--muted); margin-left: 4px; }
ul.problems li { margin: 2px 0; overflow-wrap: anywhere; }
footer { margin-top: 2em; font-size: 0.85em; color: var(--muted); }
@media (max-width: 640px) {
  body { padding: 10px 10px 30px; font-size: 14px; }
  table.matrix { border-spacing: 2px; }
  .matrix th, .matrix td { padding: 5px 4px; }
  .matrix thead th:first-child { width: 28%; }
  .matrix tbody th { width: 28%; font-size: 0.78em; padding: 4px 2px; overflow-wrap: normal; hyphens: auto; }
  .matrix td.owner-microsoft .note, .matrix td.unused .note { display: none; }
  .matrix td { min-height: 0; }
  .matrix .count { font-size: 1.2em; }
  .matrix .owner, .matrix .score, .matrix .note { font-size: 0.72em; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dt { margin-top: 4px; }
}
@media print { details { border: none; } details > * { display: block; } }
`;
