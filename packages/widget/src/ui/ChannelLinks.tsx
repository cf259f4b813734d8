/** @jsxImportSource #vdom */
import type { MessageKey, Translator } from '@cancelflow/core';

export interface Channels {
  readonly email?: string | undefined;
  readonly chatUrl?: string | undefined;
  readonly phone?: string | undefined;
  readonly bookingUrl?: string | undefined;
}

type Channel = keyof Channels;

/** How each channel becomes a real link. URLs were checked to be http(s) by the flow validator. */
const CHANNELS = {
  email: { label: 'contact.email', href: (v: string) => `mailto:${v}` },
  chatUrl: { label: 'contact.chat', href: (v: string) => v },
  phone: { label: 'contact.call', href: (v: string) => `tel:${v.replace(/[^+0-9]/g, '')}` },
  bookingUrl: { label: 'contact.book', href: (v: string) => v },
} as const satisfies Record<Channel, { label: MessageKey; href: (value: string) => string }>;

/** Email, chat, phone and booking as links the subscriber can follow. */
export function ChannelLinks({ channels, t }: { readonly channels: Channels; readonly t: Translator }) {
  const present = (Object.keys(CHANNELS) as Channel[]).filter((key) => channels[key]);
  return (
    <ul class="links">
      {present.map((key) => {
        const value = channels[key] as string;
        const external = key === 'chatUrl' || key === 'bookingUrl';
        return (
          <li key={key}>
            <a
              href={CHANNELS[key].href(value)}
              target={external ? '_blank' : undefined}
              rel={external ? 'noopener noreferrer' : undefined}
              // The second tap of a double tap on the step before opens none (see ActionProps.onClick).
              onClick={(event: MouseEvent) => event.detail > 1 && event.preventDefault()}
            >
              {t.t(CHANNELS[key].label)}
              {key === 'email' || key === 'phone' ? <span class="muted">{` ${value}`}</span> : null}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
