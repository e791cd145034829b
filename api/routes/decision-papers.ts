import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { certificatesPdf, decisionPdf } from '../../services/decision-papers.js';
import type { ServiceDeps } from '../../services/deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { CertificatesQuery, DecisionParams } from '../schemas/decisions.js';
import { documentResponse } from '../schemas/documents.js';

/** A decision's printed papers: the decision, and the certificates of its awards. Visible as the decision is. */
export const decisionPaperRoutes =
  (deps: ServiceDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));
    const tags = ['decisions'];

    app.get(
      '/api/decisions/:id/decision.pdf',
      {
        schema: {
          summary: 'The decision as the union prints it (a draft with its number and date left blank)',
          description:
            'An issued decision carries its verification code and a QR code of the public page that checks it.',
          tags,
          params: DecisionParams,
          produces: ['application/pdf', 'application/problem+json'],
          response: {
            200: documentResponse(
              'application/pdf',
              'The decision and its annex, in the administrative layout',
            ),
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const { fileName, file } = await decisionPdf(deps, officerOf(request), request.params.id);
        return sendPdf(reply, fileName, file);
      },
    );

    app.get(
      '/api/decisions/:id/certificates.pdf',
      {
        schema: {
          summary: 'The certificates (Bằng khen, Giấy khen) of an issued decision, one page per award',
          description:
            'Each carries the decision’s number and date and the award’s verification code with its QR code. ' +
            '`mode=blank` prints only the fields onto pre-printed blanks, shifted by `offsetX`/`offsetY` (mm). ' +
            'A draft or a revocation decision has none (409 `decision-not-issued`).',
          tags,
          params: DecisionParams,
          querystring: CertificatesQuery,
          produces: ['application/pdf', 'application/problem+json'],
          response: {
            200: documentResponse('application/pdf', 'One A4 landscape page per award'),
            404: ProblemDetails,
            409: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const { mode, offsetX, offsetY, nominationId } = request.query;
        const { fileName, file } = await certificatesPdf(deps, officerOf(request), request.params.id, {
          mode: mode ?? 'full',
          offsets: { x: offsetX ?? 0, y: offsetY ?? 0 },
          ...(nominationId !== undefined ? { nominationId } : {}),
        });
        return sendPdf(reply, fileName, file);
      },
    );
  };

const sendPdf = (reply: FastifyReply, fileName: string, file: Buffer): FastifyReply =>
  reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(file);
