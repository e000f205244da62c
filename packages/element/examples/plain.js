// The plain page's script: listens to the list, and switches its theme.
const list = document.querySelector('#sessions');
const selected = document.querySelector('#selected');
const theme = document.querySelector('#theme');

// With a server that wants a token, hand it over as a property (never an attribute):
// list.token = await getTokenSomehow();

list.addEventListener('session-select', (event) => {
  selected.value = event.detail.sessionKey;
});
list.addEventListener('session-action', (event) => {
  // event.preventDefault() would take it over: nothing goes to the server.
  console.info(`${event.detail.action} requested for ${event.detail.sessionKey}`);
});
theme.addEventListener('change', () => {
  list.setAttribute('theme', theme.value);
});
