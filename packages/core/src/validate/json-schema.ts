import * as z from 'zod/mini';
import { FlowConfig } from '../config/flow.ts';
import { WebUrl } from '../config/primitives.ts';

/** What editors may check of a safe URL (the full rule, `isSafeWebUrl`, is not a regular expression). */
const WEB_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@\\\\]+';

/**
 * The JSON Schema of a flow config as written by hand (`io: 'input'`: defaulted fields are
 * optional), with the descriptions and examples registered by `doc()`. Editors use it for
 * completion; `cancelflow schema` prints it; docs/config.md is rendered from it.
 */
export function generateJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(FlowConfig, {
    io: 'input',
    target: 'draft-2020-12',
    override: (context) => {
      // Documented copies of WebUrl are clones, which share its definition.
      if (context.zodSchema._zod.def === WebUrl._zod.def) {
        context.jsonSchema.format = 'uri';
        context.jsonSchema.pattern = WEB_URL_PATTERN;
      }
    },
  }) as Record<string, unknown>;
}
