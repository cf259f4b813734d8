// The same packages from a CommonJS file: they are ES modules, which require() loads on Node 20.19+
// and 22.12+ (TypeScript: module nodenext or node20). The imports below compile to require() calls.
import { resolveFlow } from '@cancelflow/core';
import { validateFlowSource } from '@cancelflow/core/validate';
import { startServer } from '@cancelflow/server';
import { createCancelFlow } from '@cancelflow/widget';

export const used = [resolveFlow, validateFlowSource, startServer, createCancelFlow];
