/**
 * Imported first by the operator commands (audit, migrations, demo, schedules, replay, projections, mail outbox).
 * Without DATABASE_URL and TEMPORAL_ADDRESS they work on this machine's own system, `npm start`'s, whose audit and
 * payload keys are the development ones; anywhere else NODE_ENV, or its absence, says it is a deployment, which must
 * bring keys of its own (infra/config.ts).
 */
const local = (process.env.DATABASE_URL ?? '') === '' && (process.env.TEMPORAL_ADDRESS ?? '') === '';
if (local) process.env.NODE_ENV ??= 'development';

export {};
