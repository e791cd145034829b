import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ServiceDeps } from '../../services/deps.js';
import { recordTraining, trainingsOfYear } from '../../services/trainings.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import {
  RecordTrainingBody,
  TrainingSchema,
  TrainingsOfYearSchema,
  YearQuery,
} from '../schemas/trainings.js';

/**
 * Trainings of officers in emulation and commendation work (tập huấn, bồi dưỡng nghiệp vụ): seed 004 II.4 asks that
 * all of them be trained every year, and the periodic reports count it.
 */
export const trainingRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/trainings',
      {
        schema: {
          summary: 'Trainings of a year in the caller’s subtree, and the officers not yet trained that year',
          tags: ['trainings'],
          querystring: YearQuery,
          response: { 200: TrainingsOfYearSchema, 401: ProblemDetails },
        },
      },
      async (request) => trainingsOfYear(deps, officerOf(request), request.query.year),
    );

    app.post(
      '/api/trainings',
      {
        schema: {
          summary: 'Record that officers of the caller’s subtree attended a training course',
          description:
            'Recording the same course for the same officer and year again changes nothing. Accounts outside the ' +
            'caller’s subtree are refused (422) and nothing is recorded.',
          tags: ['trainings'],
          body: RecordTrainingBody,
          response: {
            201: Type.Object({ items: Type.Array(TrainingSchema) }),
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ items: await recordTraining(deps, officerOf(request), request.body) }),
    );
  };
