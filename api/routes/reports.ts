import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { saveReportDraft, submitReport } from '../../services/report-editing.js';
import {
  consolidatedReport,
  exportReport,
  listReports,
  reportOf,
  type ReportFormat,
} from '../../services/reports.js';
import type { AppDeps } from '../deps.js';
import { officerOf, requireOfficer } from '../auth.js';
import { ProblemDetails } from '../problem.js';
import {
  ConsolidationSchema,
  DraftBody,
  IfMatchHeaders,
  PeriodParams,
  ReportListQuery,
  ReportSchema,
  SubmitBody,
  UnitQuery,
  versionOf,
} from '../schemas/reports.js';
import { documentResponse } from '../schemas/documents.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Periodic reports: what the caller's unit owes, what its subtree owes it, editing, submitting, compiling, exporting. */
export const reportRoutes =
  (deps: AppDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addHook('onRequest', requireOfficer(deps.db));

    app.get(
      '/api/reports',
      {
        schema: {
          summary: 'Reports of the caller’s unit and its subtree, newest period first',
          tags: ['reports'],
          querystring: ReportListQuery,
          response: { 200: Type.Object({ items: Type.Array(ReportSchema) }), 401: ProblemDetails },
        },
      },
      async (request) => ({ items: await listReports(deps, officerOf(request), request.query) }),
    );

    app.get(
      '/api/reports/:periodId',
      {
        schema: {
          summary: 'One report of a period: the caller’s unit’s, or one in its subtree (with its ETag)',
          tags: ['reports'],
          params: PeriodParams,
          querystring: UnitQuery,
          response: { 200: ReportSchema, 401: ProblemDetails, 404: ProblemDetails },
        },
      },
      async (request, reply) => {
        const report = await reportOf(
          deps,
          officerOf(request),
          request.params.periodId,
          request.query.unitId,
        );
        void reply.header('etag', `"${report.version}"`);
        return report;
      },
    );

    app.put(
      '/api/reports/:periodId',
      {
        schema: {
          summary:
            'Save the draft of the caller’s unit’s report: its notes and its corrections to the figures',
          description:
            'The pre-filled figures stay as they were; corrections are reported beside them. Send If-Match with the ' +
            'version seen (a stale one gets 412). A submitted report or a closed period cannot change (409).',
          tags: ['reports'],
          params: PeriodParams,
          headers: IfMatchHeaders,
          body: DraftBody,
          response: {
            200: ReportSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            412: ProblemDetails,
            422: ProblemDetails,
          },
        },
      },
      async (request, reply) => {
        const saved = await saveReportDraft(deps, officerOf(request), {
          periodId: request.params.periodId,
          expectedVersion: versionOf(request.headers['if-match']),
          changes: request.body,
        });
        void reply.header('etag', `"${saved.version}"`);
        return saved;
      },
    );

    app.post(
      '/api/reports/:periodId/submit',
      {
        schema: {
          summary:
            'Submit the caller’s unit’s report for a period, with its saved draft (the figures are pre-filled)',
          description:
            'Notes sent here replace the draft’s; corrections stay as saved. Send If-Match with the version seen ' +
            '(a stale one gets 412). Submitting twice, or in a closed period, gets 409.',
          tags: ['reports'],
          params: PeriodParams,
          headers: IfMatchHeaders,
          body: SubmitBody,
          response: {
            200: ReportSchema,
            400: ProblemDetails,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
            409: ProblemDetails,
            412: ProblemDetails,
          },
        },
        // Submitting the saved draft needs no body at all.
        preValidation: async (request) => {
          if ((request.body as unknown) === undefined) request.body = {};
        },
      },
      async (request, reply) => {
        const submitted = await submitReport(deps, officerOf(request), {
          periodId: request.params.periodId,
          expectedVersion: versionOf(request.headers['if-match']),
          changes: request.body,
        });
        void reply.header('etag', `"${submitted.version}"`);
        return submitted;
      },
    );

    app.get(
      '/api/reports/:periodId/consolidated',
      {
        schema: {
          summary:
            'The consolidated report of a unit’s subtree (tổng hợp): its figures and the reports owed to it',
          description:
            'For a district, sector or provincial unit: the caller’s own, or one in its subtree (unitId). The figures ' +
            'are rolled up over the subtree; each unit reporting directly to it is listed with its status and notes. ' +
            'A base union has nothing below it to consolidate: 404 (problem type nothing-to-consolidate). For ' +
            'officers, heads and auditors.',
          tags: ['reports'],
          params: PeriodParams,
          querystring: UnitQuery,
          response: {
            200: ConsolidationSchema,
            401: ProblemDetails,
            403: ProblemDetails,
            404: ProblemDetails,
          },
        },
      },
      async (request) =>
        consolidatedReport(deps, officerOf(request), request.params.periodId, request.query.unitId),
    );

    const exportRoute = (format: ReportFormat, contentType: string, summary: string): void => {
      app.get(
        `/api/reports/:periodId/export.${format}`,
        {
          schema: {
            summary,
            description:
              'The caller’s unit’s report, or one in its subtree (unitId), with the figures against their targets, ' +
              'the corrections and notes, and the state of the reports owed to it. For officers, heads and auditors.',
            tags: ['reports'],
            params: PeriodParams,
            querystring: UnitQuery,
            produces: [contentType, 'application/problem+json'],
            response: {
              200: documentResponse(contentType, summary),
              401: ProblemDetails,
              403: ProblemDetails,
              404: ProblemDetails,
            },
          },
        },
        async (request, reply) => {
          const { fileName, file } = await exportReport(
            deps,
            officerOf(request),
            request.params.periodId,
            format,
            request.query.unitId,
          );
          return reply
            .type(contentType)
            .header('content-disposition', `attachment; filename="${fileName}"`)
            .send(file);
        },
      );
    };
    exportRoute(
      'xlsx',
      XLSX,
      'The report as a workbook: “Tổng hợp” (indicators and counts), “Khen thưởng”, “Đơn vị”',
    );
    exportRoute(
      'pdf',
      'application/pdf',
      'The report as a printable Vietnamese document, with its signature block',
    );
  };
