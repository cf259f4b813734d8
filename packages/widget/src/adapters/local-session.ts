import {
  AdapterError,
  type FlowConfig,
  negotiateLocale,
  randomId,
  resolveFlow,
  type SessionStart,
  type StartSessionRequest,
  type SubscriberClaims,
} from '@cancelflow/core';

/**
 * Starts a session in the browser from a static flow (`data-flow`), with no server to ask. The
 * engine's own resolution applies (targeting, experiments, compliance), but nothing here is
 * tamper-proof: whoever runs billing must re-check what the browser asks for.
 */
export function startLocalSession(
  request: StartSessionRequest,
  subscriber: SubscriberClaims = { sub: 'anonymous' },
): SessionStart {
  if (!request.flow) {
    throw new AdapterError(
      'invalid',
      'this adapter starts sessions from a static flow, but none was given: pass `flow` (data-flow) or an `onStart` callback.',
    );
  }
  return localSession(request.flow, request, subscriber);
}

/** A session of this static flow, resolved here (the script tag's static mode, which always has its flow). */
export function localSession(
  config: FlowConfig,
  request: StartSessionRequest,
  subscriber: SubscriberClaims = { sub: 'anonymous' },
): SessionStart {
  return {
    sessionId: randomId(),
    sessionKey: randomId(),
    flow: resolveFlow({ config, subscriber, now: new Date() }),
    subscriber,
    locale: negotiateLocale(config.locales ?? [config.defaultLocale], request.locale, config.defaultLocale),
  };
}
