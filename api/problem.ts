/**
 * RFC 9457 problem details: every error the API sends has this shape, with a stable `type` a client can
 * branch on and a `detail` a person can act on.
 */
import { Type, type Static } from 'typebox';

export const PROBLEM_TYPE_BASE = 'https://thi-dua.example/problems/';

export const FieldError = Type.Object({
  /** JSON Pointer (RFC 6901) into the request part, e.g. `/body/year`. */
  pointer: Type.String(),
  detail: Type.String(),
});

export const ProblemDetails = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
export type ProblemDetails = Static<typeof ProblemDetails>;

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors?: Static<typeof FieldError>[],
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  /** Extra members of the problem document (RFC 9457 §3.2), e.g. the quota figures behind a refusal. */
  extensions: Record<string, unknown> = {};

  toProblem(instance?: string): ProblemDetails {
    return {
      ...this.extensions,
      type: PROBLEM_TYPE_BASE + this.slug,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance !== undefined ? { instance } : {}),
      ...(this.errors !== undefined ? { errors: this.errors } : {}),
    };
  }
}
