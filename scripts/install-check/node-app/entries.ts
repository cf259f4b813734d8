// Every entry point, as an ES module under Node's own resolution (nodenext): each must resolve to types.
import { main } from '@cancelflow/cli';
import { createFlowEngine, resolveFlow } from '@cancelflow/core';
import { FlowConfig } from '@cancelflow/core/schema';
import { formatProblem, validateFlowSource } from '@cancelflow/core/validate';
import { CancelFlowButton, type CancelFlowOptions, useCancelFlow } from '@cancelflow/react';
import { type StartServerOptions, startServer, verifySignature } from '@cancelflow/server';
import { createCancelFlow, type Outcome } from '@cancelflow/widget';

const options: StartServerOptions = { port: 0, widgetDir: false };
const flow: CancelFlowOptions = { endpoint: 'https://cancel.example.com', token: 't' };
const done = (outcome: Outcome): string => outcome.status;
export const used = [main, createFlowEngine, resolveFlow, FlowConfig, formatProblem, validateFlowSource];
export const more = [
  CancelFlowButton,
  useCancelFlow,
  startServer,
  verifySignature,
  createCancelFlow,
  options,
  flow,
  done,
];
