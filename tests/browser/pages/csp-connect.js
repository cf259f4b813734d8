// The loader's tag, with its static flow on another origin (localhost for 127.0.0.1), which the page's
// `connect-src 'self'` does not allow. A file, not an inline script: the page's CSP has no 'unsafe-inline'.
const script = document.createElement('script');
script.src = '/cancelflow.js';
script.async = true;
script.dataset.flow = `http://localhost:${location.port}/pages/flow-confirm.json`;
document.head.append(script);
