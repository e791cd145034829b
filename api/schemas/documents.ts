import { Type } from 'typebox';

/** A file answer in the OpenAPI document (a PDF, a spreadsheet): its media type and what it holds. */
export const documentResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })) } },
});
