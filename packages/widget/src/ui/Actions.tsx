import type { ComponentChildren } from 'preact';

export interface ActionProps {
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly busy?: boolean;
  readonly children: ComponentChildren;
}

/**
 * The step's choices. Every choice is the same kind of button — same size, border and weight — so
 * "Continue to cancel" never looks smaller or weaker than an offer.
 */
export function Action({ onClick, disabled, busy, children }: ActionProps) {
  return (
    <button type="button" class="choice" onClick={onClick} disabled={disabled} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

export function Actions({ children }: { readonly children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}
