// The board's one script, served at /assets/board.js: every 10 seconds it asks the server for the rows
// again (fresh countdowns, new incidents) and swaps them in, so the board stays current without a
// reload. Without JavaScript the page refreshes itself (a <noscript> refresh); nothing needs this.
export const BOARD_SCRIPT = `(() => {
  const rows = document.getElementById('board-rows');
  if (!rows || !window.fetch || !window.DOMParser) return;
  const url = rows.dataset.rows;
  const refresh = async () => {
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString('<table><tbody>' + (await res.text()) + '</tbody></table>', 'text/html');
      const fresh = doc.querySelector('tbody');
      if (fresh) rows.replaceChildren(...fresh.childNodes);
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  };
  setInterval(refresh, 10000);
})();
`;
