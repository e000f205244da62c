// The plain page's script: listens to the list, and switches its theme.
const list = document.querySelector('#sessions');
const selected = document.querySelector('#selected');
const theme = document.querySelector('#theme');

// With a server that wants a token, hand it over as a property (never an attribute):
// list.token = await getTokenSomehow();

list.addEventListener('session-select', (event) => {
  selected.value = event.detail.sessionKey;
});
list.addEventListener('session-restart', (event) => {
  console.info(`restart requested for ${event.detail.sessionKey}`);
});
theme.addEventListener('change', () => {
  list.setAttribute('theme', theme.value);
});
