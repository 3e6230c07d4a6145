// Responsibility view script: lists a cell's findings, opens one in the editor, arrow-key navigation between
// cells, and a report of the rendered counts to the extension (the e2e suite checks the DOM through it).
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const data = JSON.parse(document.getElementById('data').textContent);
  const details = document.getElementById('details');

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function select(id, focusList) {
    document.querySelectorAll('[data-cell].selected').forEach((c) => c.classList.remove('selected'));
    const cell = document.querySelector('[data-cell="' + CSS.escape(id) + '"]');
    if (cell) cell.classList.add('selected');
    const indexes = data.cells[id] || [];
    details.replaceChildren();
    const [layer, model] = id.split('|');
    const head = el('h2', '', id === 'template' ? 'Template-level findings' : (cell && cell.closest('tr').querySelector('th').textContent) + ' · ' + model);
    details.appendChild(head);
    if (indexes.length === 0) {
      details.appendChild(el('p', 'hint', layer && cell && cell.dataset.owner === 'microsoft' ? 'Microsoft secures this cell.' : 'No open findings here.'));
    } else {
      const list = el('ul', 'findings');
      for (const i of indexes) {
        const f = data.findings[i];
        const item = el('li', 'sev-' + f.severity);
        const button = el('button', 'finding');
        button.type = 'button';
        button.dataset.index = String(i);
        button.appendChild(el('span', 'rule', f.ruleId));
        button.appendChild(el('span', 'message', ' ' + f.message));
        button.appendChild(el('span', 'where', ' ' + f.resource + ' · ' + f.where));
        button.addEventListener('click', () => vscode.postMessage({ type: 'open', index: i }));
        item.appendChild(button);
        list.appendChild(item);
      }
      details.appendChild(list);
      if (focusList) list.querySelector('button').focus();
    }
    vscode.setState({ selected: id });
  }

  document.querySelectorAll('button[data-cell]').forEach((b) => {
    b.addEventListener('click', () => select(b.dataset.cell, false));
  });

  // Arrow keys move between the matrix's cell buttons by row and column, as in a grid.
  const table = document.getElementById('matrix');
  table.addEventListener('keydown', (e) => {
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    const td = e.target.closest && e.target.closest('td');
    if (!move || !td) return;
    const tr = td.parentElement;
    const rows = Array.from(table.tBodies[0].rows);
    let r = rows.indexOf(tr);
    let c = Array.from(tr.cells).indexOf(td);
    for (let step = 0; step < 40; step++) {
      r += move[0];
      c += move[1];
      const row = rows[r];
      if (!row || c < 1 || c >= row.cells.length) return;
      const target = row.cells[c].querySelector('button');
      if (target) {
        target.focus();
        e.preventDefault();
        return;
      }
    }
  });

  const state = vscode.getState();
  if (state && state.selected && data.cells[state.selected]) select(state.selected, false);

  const cells = {};
  document.querySelectorAll('[data-cell]').forEach((c) => {
    const count = c.querySelector('.count');
    cells[c.dataset.cell] = { open: count ? Number(count.textContent) : Number(c.dataset.open), owner: c.dataset.owner || '', score: (c.querySelector('.score') || {}).textContent || '' };
  });
  const total = document.getElementById('total-open');
  const scope = document.getElementById('scope');
  vscode.postMessage({ type: 'rendered', cells, totalOpen: total ? Number(total.textContent) : 0, scope: scope ? scope.textContent : undefined });
})();
