import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../../infra/temporal-connection.js';
import { projectSearchAttributes } from '../../workflows/search-attributes.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

describe('the Temporal dev server started by the harness', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment('temporal');
  });
  afterAll(async () => {
    await env.teardown();
  });

  it("has the project's search attributes registered with their types", async () => {
    const listed = await env.client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const key of projectSearchAttributes)
      expect(Object.keys(listed.customAttributes)).toContain(key.name);
  });

  it('registering them again (as a worker does against an external cluster) is harmless', async () => {
    const connection = await Connection.connect({ address: env.temporalAddress });
    try {
      await ensureSearchAttributes(connection, 'default');
      await ensureSearchAttributes(connection, 'default');
    } finally {
      await connection.close();
    }
    const listed = await env.client.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    expect(projectSearchAttributes.filter((k) => k.name in listed.customAttributes)).toHaveLength(
      projectSearchAttributes.length,
    );
  });
});
