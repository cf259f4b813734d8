import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CancelFlowButton } from '../src/index.ts';

describe('server-side rendering', () => {
  it('renders the button without a browser (no window, no document) and creates no flow', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const html = renderToString(
      createElement(
        CancelFlowButton,
        { options: { endpoint: 'https://cancel.example.com', token: 't' }, onOutcome: () => {}, id: 'cancel' },
        'Cancel subscription',
      ),
    );
    expect(html).toBe('<button id="cancel" type="button">Cancel subscription</button>');
  });

  it("is a client module for React Server Components: the entry's first statement is 'use client'", () => {
    // A server component importing hooks from a module without it fails to render (Next.js App Router).
    const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    const code = source.replace(/^\s*\/\*[\s\S]*?\*\/\s*/, '');
    expect(code.startsWith("'use client';")).toBe(true);
  });
});
