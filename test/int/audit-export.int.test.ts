import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { exportAward, renderAwardPdf, type AwardExport } from '../../audit/export.js';
import { projectRoot } from '../../infra/config.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { pdfText } from '../support/pdf-text.js';
import { generateYear } from '../support/year.js';

const run = promisify(execFile);

/** The verification snippet exactly as docs/audit-export.md gives it. */
function documentedProcedure(): string {
  const doc = readFileSync(path.join(projectRoot, 'docs', 'audit-export.md'), 'utf8');
  const code = /```python\n([\s\S]*?)```/.exec(doc)?.[1];
  if (code === undefined) throw new Error('no Python snippet in docs/audit-export.md');
  return code;
}

describe('exporting an award', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let award: AwardExport;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'export-'));

  beforeAll(async () => {
    env = await createTestEnvironment('export');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    const year = await generateYear(env.deps, env.db, 6);
    const id = year.byPath.revoked?.[0] ?? '';
    const exported = await exportAward(env.db, id);
    if (exported === undefined) throw new Error('nothing exported');
    award = exported;
    writeFileSync(path.join(scratch, 'verify.py'), documentedProcedure());
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('writes JSON that the documented procedure verifies, and that fails it once altered', async () => {
    expect(award.events.map((e) => e.type)).toEqual([
      'NominationCreated',
      'NominationSubmitted',
      'NominationEndorsed',
      'NominationApproved',
      'AwardRevoked',
    ]);
    const file = path.join(scratch, 'award.json');
    writeFileSync(file, JSON.stringify(award, null, 2));
    const { stdout } = await run('python3', [path.join(scratch, 'verify.py'), file]);
    expect(stdout.trim()).toBe('ok: 5 events verified');

    const edited = structuredClone(award);
    const approval = edited.events[3];
    if (approval === undefined) throw new Error('no approval');
    approval.comment = 'Đã sửa';
    writeFileSync(path.join(scratch, 'edited.json'), JSON.stringify(edited));
    await expect(
      run('python3', [path.join(scratch, 'verify.py'), path.join(scratch, 'edited.json')]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('event 4: content does not match its hash') as unknown,
    });

    const truncated = { ...structuredClone(award), events: award.events.slice(0, 4) };
    writeFileSync(path.join(scratch, 'truncated.json'), JSON.stringify(truncated));
    await expect(
      run('python3', [path.join(scratch, 'verify.py'), path.join(scratch, 'truncated.json')]),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('does not end at its anchored head') as unknown,
    });
  });

  it('prints a Vietnamese PDF whose text keeps every diacritic', async () => {
    const pdf = await renderAwardPdf(award);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const phrase of [
      'HỒ SƠ QUÁ TRÌNH XÉT DUYỆT KHEN THƯỞNG',
      'Người được đề nghị: ' + award.nomination.nomineeName,
      'Ra quyết định khen thưởng',
      'Thu hồi quyết định',
      'Ý kiến: Kê khai không trung thực',
      'Liên đoàn Lao động tỉnh An Lạc',
    ]) {
      expect(text).toContain(phrase);
    }
  });
});
