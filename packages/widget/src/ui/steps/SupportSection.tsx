/** @jsxImportSource #vdom */
import { ChannelLinks } from '../ChannelLinks.tsx';
import { laterStyles } from '../styles-later.ts';
import type { Ui } from '../types.ts';

/** Where to reach a person (the flow policy's support channels), under the confirm step's choices. */
export function SupportSection({ ui }: { readonly ui: Ui }) {
  laterStyles();
  const support = ui.flow.config.policy.support;
  if (!support) return null;
  return (
    <section class="support" aria-labelledby="cf-support" lang={ui.t.lang}>
      <h3 id="cf-support">{ui.t.t('support.title')}</h3>
      <ChannelLinks channels={support} t={ui.t} />
    </section>
  );
}
