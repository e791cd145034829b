import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import {
  attachSignedScan,
  certificatesPdf,
  decisionDocx,
  decisionPdf,
  SCAN_TYPES,
  signedScanFile,
} from '../../services/decision-papers.js';
import type { ServiceDeps } from '../../services/deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import { CertificatesQuery, DecisionParams, DecisionSchema } from '../schemas/decisions.js';
import { receiveFile } from '../uploads.js';
import { documentResponse } from '../schemas/documents.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MAX_SCAN_BYTES = 20 * 1024 * 1024;

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
      '/api/decisions/:id/decision.docx',
      {
        schema: {
          summary: 'The decision as an editable Word document, in the same layout and words as its PDF',
          tags,
          params: DecisionParams,
          produces: [DOCX, 'application/problem+json'],
          response: { 200: documentResponse(DOCX, 'The decision and its annex (DOCX)'), 404: ProblemDetails },
        },
      },
      async (request, reply) => {
        const { fileName, file } = await decisionDocx(deps, officerOf(request), request.params.id);
        return reply
          .type(DOCX)
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(file);
      },
    );

    app.post(
      '/api/decisions/:id/signed-scan',
      {
        schema: {
          summary:
            'Attach the scan of the signed and stamped paper (multipart `file`: PDF, JPEG or PNG, at most 20 MB)',
          description:
            'An issued decision of the caller’s unit; its SHA-256 joins the record. Once attached it stays: the ' +
            'same file again is no change, another is refused (409 `signed-scan-attached`).',
          tags,
          consumes: ['multipart/form-data'],
          params: DecisionParams,
          response: {
            200: DecisionSchema,
            400: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            413: ProblemDetails,
            415: ProblemDetails,
          },
        },
      },
      async (request) =>
        attachSignedScan(deps, officerOf(request), request.params.id, () =>
          receiveFile(request, { accepted: SCAN_TYPES, maxBytes: MAX_SCAN_BYTES, what: 'A signed scan' }),
        ),
    );

    app.get(
      '/api/decisions/:id/signed-scan',
      {
        schema: {
          summary: 'The scan of the signed paper, as attached',
          tags,
          params: DecisionParams,
          produces: [...Object.keys(SCAN_TYPES), 'application/problem+json'],
          response: {
            200: {
              description: 'The scan, with its own content type',
              content: Object.fromEntries(
                Object.keys(SCAN_TYPES).map((type) => [type, documentResponse(type, '').content[type]]),
              ),
            },
            404: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const scan = await signedScanFile(deps, officerOf(request), request.params.id);
        return reply
          .type(scan.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(scan.filename)}`)
          .send(scan.content);
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
