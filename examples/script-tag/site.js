// The site's own cancel action for the button: cancelflow replays this click after a confirmed cancel.
document.getElementById('cancel-button').addEventListener('click', () => {
  document.getElementById('result').textContent = 'The site cancelled the subscription (button handler ran).';
});
// Outcomes arrive as DOM events on the trigger; they bubble to the document.
for (const name of ['saved', 'cancelled']) {
  document.addEventListener(`cancelflow:${name}`, (event) => {
    document.getElementById('result').textContent =
      `Outcome: ${event.detail.status} (${event.detail.offer ?? event.detail.reason ?? ''})`;
  });
}
