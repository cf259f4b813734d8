import type { OutcomeStatus } from '@cancelflow/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface DialogProps {
  readonly title: string;
  readonly description: string;
  readonly onClose: (status: OutcomeStatus) => void;
  readonly children: ComponentChildren;
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), textarea, select, [tabindex]';

/** A modal dialog: labelled and described, focus kept inside, Escape closes it as "abandoned". */
export function Dialog({ title, description, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose('abandoned');
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    const active = (ref.current.getRootNode() as ShadowRoot).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div class="backdrop">
      <div
        ref={ref}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cf-title"
        aria-describedby="cf-description"
        onKeyDown={onKeyDown}
      >
        <h2 id="cf-title">{title}</h2>
        <p id="cf-description">{description}</p>
        {children}
      </div>
    </div>
  );
}
