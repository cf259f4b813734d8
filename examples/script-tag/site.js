// The site's own cancel action for the button: cancelflow replays this click after a confirmed cancel.
document.getElementById('cancel-button').addEventListener('click', () => {
  document.getElementById('button-result').textContent = 'The site cancelled the subscription (button handler ran).';
});
