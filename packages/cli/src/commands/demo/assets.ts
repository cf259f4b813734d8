/** The demo site's own stylesheet: a plain SaaS account page (cancelflow's modal brings its own styles). */
export const DEMO_CSS = `
:root { font-family: system-ui, sans-serif; color: #1f2330; background: #f6f7fb; line-height: 1.5; }
body { margin: 0; }
.bar { display: flex; gap: 1rem; align-items: center; padding: .75rem 1.5rem; background: #1f2330; color: #fff; }
.bar nav { margin-left: auto; display: flex; gap: 1rem; }
.bar a { color: #c7d2fe; }
.tag { font-size: .75rem; background: #3451b2; border-radius: 999px; padding: .1rem .6rem; }
main { max-width: 52rem; margin: 1.5rem auto; padding: 0 1.5rem 3rem; }
.switcher { background: #fff; border: 1px solid #dde1ec; border-radius: 12px; padding: 1rem 1.25rem; }
.switcher h2 { margin-top: 0; font-size: 1rem; }
.switcher form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; }
.switcher label { display: grid; gap: .25rem; font-size: .85rem; }
select, button { font: inherit; padding: .4rem .6rem; border-radius: 8px; border: 1px solid #b8bfd3; background: #fff; }
button { cursor: pointer; }
.expect { font-weight: 600; }
.facts { font-size: .9rem; }
.small { font-size: .75rem; color: #5b6275; overflow-wrap: anywhere; }
.notice { background: #eef2ff; border-left: 4px solid #3451b2; padding: .5rem .75rem; }
.ledger { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff;
  border: 1px solid #dde1ec; border-radius: 12px; padding: 1rem 1.25rem; }
.ledger dt { color: #5b6275; }
.ledger dd { margin: 0; }
#cancel-link { color: #b42318; }
.reset button { font-size: .85rem; color: #5b6275; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: .75rem; }
.cards div { background: #fff; border: 1px solid #dde1ec; border-radius: 12px; padding: .75rem; display: grid; }
.cards span { font-size: .8rem; color: #5b6275; }
.cards strong { font-size: 1.4rem; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #e6e9f2; }
meter { width: 8rem; }
`;

/**
 * The demo page's script: shows each outcome as it happens and re-reads the subscription from the
 * ledger, and is the site's own handler of the Cancel button (which cancelflow replays after a
 * confirmed cancel).
 */
export const DEMO_JS = `
const main = document.querySelector('main[data-subscriber]');
const sub = main.dataset.subscriber;
const lang = new URLSearchParams(location.search).get('lang') || '';
const outcome = document.getElementById('outcome');
async function refresh() {
  const response = await fetch('/state?as=' + encodeURIComponent(sub) + (lang ? '&lang=' + lang : ''));
  document.getElementById('subscription').innerHTML = await response.text();
}
for (const name of ['saved', 'cancelled', 'close', 'error']) {
  document.addEventListener('cancelflow:' + name, (event) => {
    const d = event.detail;
    if (d) outcome.textContent = 'Outcome: ' + d.status + (d.reason ? ', reason ' + d.reason : '') + (d.offer ? ', offer ' + d.offer : '');
    refresh();
  });
}
document.getElementById('cancel-button').addEventListener('click', () => {
  outcome.textContent += ' — the site\\'s own button handler ran.';
  refresh();
});
document.getElementById('as').addEventListener('change', (e) => e.target.form.submit());
document.getElementById('lang').addEventListener('change', (e) => e.target.form.submit());
`;
