/**
 * The nomination's schemas and its read model's mapping, where routes not yet thinned still import them from: the
 * schemas are api/schemas/nominations.ts's, the reading is services/nomination-view.ts's.
 */
export {
  NominationDetail,
  NominationId,
  NominationSummary,
  RouteStepSchema,
  StoredEvent,
} from './schemas/nominations.js';
export { storedEventView, summaryOf } from '../services/nomination-view.js';
