/** The shape of the health report. */
import { Type } from 'typebox';

const PartHealth = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  latencyMs: Type.Number(),
  error: Type.Optional(Type.String()),
});

export const HealthReport = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  postgres: PartHealth,
  temporal: PartHealth,
});
