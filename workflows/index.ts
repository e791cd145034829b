// The worker's workflow bundle entry point: every workflow type the worker runs is exported here.
export { movementWorkflow } from './movement.js';
export { nominationWorkflow } from './nomination.js';
export { reportingPeriodWorkflow } from './reporting-period.js';
export { decisionWorkflow } from './decision.js';
