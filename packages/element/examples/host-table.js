// The host page's script: its light/dark/system mode (as the Control UI
// sets it: data-theme-mode and color-scheme on <html>), the elements'
// session-select, and a click handler of its own on every table row.
const root = document.documentElement;
const mode = document.querySelector('#mode');
const selected = document.querySelector('#selected');
const rowClicks = document.querySelector('#row-clicks');
const system = matchMedia('(prefers-color-scheme: light)');

function applyMode() {
  const resolved = mode.value === 'system' ? (system.matches ? 'light' : 'dark') : mode.value;
  root.dataset.themeMode = resolved;
  root.style.colorScheme = resolved;
}
mode.addEventListener('change', applyMode);
system.addEventListener('change', applyMode);
applyMode();

document.addEventListener('session-select', (event) => {
  selected.value = event.detail.sessionKey;
});
for (const row of document.querySelectorAll('tbody tr')) {
  row.addEventListener('click', () => {
    rowClicks.value = String(Number(rowClicks.value) + 1);
  });
}
