import { render, screen, within } from '@testing-library/preact';
import { expect, it } from 'vitest';
import { FiltersBar } from '../../src/components/FiltersBar.tsx';

const NO_FILTERS = { from: '', to: '', siteId: '', flowId: '' };

it('offers a site no longer in the sites file, saying so, and keeps it selected from the URL', () => {
  render(
    <FiltersBar
      filters={{ ...NO_FILTERS, siteId: 'old-shop' }}
      sites={[
        { id: 'acme', flowId: 'acme-main', flowVersion: 3, configured: true },
        { id: 'old-shop', flowId: 'old-flow', flowVersion: null, configured: false },
      ]}
      onChange={() => {}}
    />,
  );
  const picker = screen.getByRole('combobox', { name: 'Site' }) as HTMLSelectElement;
  const labels = within(picker)
    .getAllByRole('option')
    .map((o) => o.textContent);
  expect(labels).toEqual(['All sites', 'acme', 'old-shop (no longer in the sites file)']);
  expect(picker.value).toBe('old-shop');
  // Its sessions' flow is offered in the flow picker too.
  const flows = within(screen.getByRole('combobox', { name: 'Flow' }))
    .getAllByRole('option')
    .map((o) => o.textContent);
  expect(flows).toEqual(['All flows', 'acme-main', 'old-flow']);
});
