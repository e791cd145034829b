/**
 * Nominations from a movement's final review (tổng kết): many at once, from a list entered on the web page or an
 * Excel file. Every row is checked first — the nominee, the form, the council's vote, the registration for the
 * movement, the rules the decider applies at creation — and if any row is wrong nothing is created: the officer gets
 * the rows and what was wrong with each. Only a clean batch starts its nominations, each under an id derived from the
 * batch and its row, so a batch sent again (or resumed after a crash) creates nothing twice.
 */
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { CreateNomination } from '../domain/nomination/commands.js';
import type { Actor } from '../domain/nomination/events.js';
import { uuidFrom, sha256 } from './ids.js';
import {
  loadAwardForm,
  loadUnits,
  prepareCreate,
  startNomination,
  type NominationServiceDeps,
} from './nominations.js';

/** One row of the list: an individual (memberId) or a collective (unitId), the form, the achievement and the vote. */
export interface NominationRow {
  /** The row's number as the officer sees it (the Excel row, or the list's position from 1). */
  row: number;
  memberId?: string | undefined;
  unitId?: string | undefined;
  awardFormCode: string;
  achievement: string;
  councilPresent: number;
  councilInFavour: number;
  /** Kinds of documents in the dossier; the form's required documents when left out. */
  documents?: string[] | undefined;
}

export interface RowProblem {
  row: number;
  field: string;
  /** Stable, for clients to word it in their language: NotRegistered, DuplicateRow, … or a rule's DomainError code. */
  code: string;
  problem: string;
}

/** The Excel template's columns, in order: Vietnamese headers, the field each fills. */
export const importColumns = [
  { header: 'STT', field: 'row' },
  { header: 'Mã đoàn viên', field: 'memberId' },
  { header: 'Mã đơn vị (khen tập thể)', field: 'unitId' },
  { header: 'Mã hình thức khen thưởng', field: 'awardFormCode' },
  { header: 'Thành tích', field: 'achievement' },
  { header: 'Số thành viên hội đồng có mặt', field: 'councilPresent' },
  { header: 'Số phiếu đồng ý', field: 'councilInFavour' },
  { header: 'Hồ sơ kèm theo', field: 'documents' },
] as const;

/** The dossier's documents by their Vietnamese names, as an officer writes them in the file. */
const documentKinds: Record<string, string> = {
  'tờ trình': 'coverLetter',
  'biên bản họp': 'minutes',
  'báo cáo thành tích': 'achievementReport',
  'danh sách trích ngang': 'nomineeList',
};

const normalise = (text: string): string => text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** A cell's text whatever Excel stored: a number, rich text, a formula's result, a hyperlink's text. */
/** Loaded on first use: the library takes a third of a second to load, which every API start would otherwise pay. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText(value.result);
  if ('error' in value) return '';
  return '';
}

/**
 * Reads the rows of the first sheet. The header row is found by its names (in any order); rows with nothing in them
 * are skipped. Cells that cannot be read as what their column holds become problems of their row.
 */
export async function readImportFile(
  file: Buffer,
): Promise<{ rows: NominationRow[]; problems: RowProblem[] }> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('InvalidImport', 'The file is not an Excel workbook (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new DomainError('InvalidImport', 'The workbook has no sheet.');
  const headerRow = sheet.getRow(1);
  const columnOf = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    const known = importColumns.find((c) => normalise(c.header) === normalise(cellText(cell.value)));
    if (known !== undefined) columnOf.set(known.field, col);
  });
  const missing = importColumns.filter(
    (c) => c.field !== 'row' && c.field !== 'documents' && !columnOf.has(c.field),
  );
  if (missing.length > 0)
    throw new DomainError(
      'InvalidImport',
      `The first row must name the columns; missing: ${missing.map((c) => c.header).join(', ')}.`,
      { missing: missing.map((c) => c.header) },
    );
  const rows: NominationRow[] = [];
  const problems: RowProblem[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const text = (field: string): string => {
      const col = columnOf.get(field);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    if (importColumns.every((c) => c.field === 'row' || text(c.field) === '')) return;
    const count = (field: 'councilPresent' | 'councilInFavour'): number => {
      const raw = text(field);
      const n = Number(raw);
      if (raw === '' || !Number.isInteger(n) || n < 0) {
        problems.push({
          row: rowNumber,
          field,
          code: 'NotANumber',
          problem: `“${raw}” is not a whole number of people`,
        });
        return 0;
      }
      return n;
    };
    const documents = text('documents');
    rows.push({
      row: rowNumber,
      memberId: text('memberId') || undefined,
      unitId: text('unitId') || undefined,
      awardFormCode: text('awardFormCode'),
      achievement: text('achievement'),
      councilPresent: count('councilPresent'),
      councilInFavour: count('councilInFavour'),
      documents:
        documents === ''
          ? undefined
          : documents
              .split(/[,;]/)
              .map((d) => d.trim())
              .filter((d) => d !== ''),
    });
  });
  if (rows.length === 0 && problems.length === 0)
    throw new DomainError('InvalidImport', 'The file has no rows below its header.');
  return { rows, problems };
}

/** The template officers fill: the columns, an example row's notes, and the movement's name for reference. */
export async function importTemplate(movementName: string): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  const sheet = workbook.addWorksheet('Đề nghị khen thưởng');
  sheet.columns = importColumns.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'achievement' ? 60 : 22,
  }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('Hướng dẫn');
  notes.addRows([
    [`Phong trào: ${movementName}`],
    [
      'Mỗi dòng một đề nghị: ghi Mã đoàn viên (khen cá nhân) hoặc Mã đơn vị (khen tập thể), không ghi cả hai.',
    ],
    [
      'Hồ sơ kèm theo: Tờ trình, Biên bản họp, Báo cáo thành tích, Danh sách trích ngang (để trống: đủ hồ sơ theo hình thức).',
    ],
    ['Nếu có dòng sai, không đề nghị nào được tạo; hệ thống báo lỗi từng dòng để sửa rồi tải lên lại.'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface MovementForImport {
  id: string;
  name: string;
  launchingUnitId: string;
  year: number;
}

/**
 * Checks every row; answers either the problems of each refused row, or a create command per row. Nothing is written.
 */
export async function checkRows(
  deps: Pick<NominationServiceDeps, 'db' | 'timing'>,
  movement: MovementForImport,
  actor: Actor,
  rows: NominationRow[],
  at: string,
): Promise<{ problems: RowProblem[]; commands: { row: number; create: CreateNomination }[] }> {
  const problems: RowProblem[] = [];
  const commands: { row: number; create: CreateNomination }[] = [];
  const [registered, units] = await Promise.all([registrationsOf(deps.db, movement.id), loadUnits(deps.db)]);
  const seen = new Map<string, number>();
  for (const r of rows) {
    const refuse = (field: string, code: string, problem: string): void => {
      problems.push({ row: r.row, field, code, problem });
    };
    if ((r.memberId === undefined) === (r.unitId === undefined)) {
      refuse(
        'memberId',
        'NomineeUnclear',
        'name either a member (an individual) or a unit (a collective), not both or neither',
      );
      continue;
    }
    if (r.achievement.trim() === '') refuse('achievement', 'AchievementMissing', 'the achievement is empty');
    const nomineeKey = `${r.memberId ?? r.unitId ?? ''}|${r.awardFormCode}`;
    const earlier = seen.get(nomineeKey);
    if (earlier !== undefined)
      refuse('memberId', 'DuplicateRow', `the same nominee and form as row ${earlier}`);
    else seen.set(nomineeKey, r.row);
    // Seed 004 / the provincial rule: only units and people registered for the movement are considered at its end.
    if (r.memberId !== undefined && !registered.members.has(r.memberId))
      refuse('memberId', 'NotRegistered', `${r.memberId} did not register for the movement`);
    if (r.unitId !== undefined && !registered.units.has(r.unitId))
      refuse('unitId', 'NotRegistered', `${r.unitId} did not register for the movement`);
    let documents = r.documents;
    if (documents !== undefined) {
      const kinds = documents.map((d) => documentKinds[normalise(d)] ?? d);
      const unknown = kinds.filter((k) => !Object.values(documentKinds).includes(k));
      if (unknown.length > 0)
        refuse('documents', 'UnknownDocuments', `unknown documents: ${unknown.join(', ')}`);
      documents = kinds;
    }
    if (r.councilInFavour > r.councilPresent)
      refuse('councilInFavour', 'VotesExceedPresent', 'more votes in favour than members present');
    try {
      documents ??= (await loadAwardForm(deps.db, r.awardFormCode)).requiredDocuments;
      const create = await prepareCreate(
        deps,
        {
          actor,
          nominee: r.memberId !== undefined ? { memberId: r.memberId } : { collectiveUnitId: r.unitId ?? '' },
          awardFormCode: r.awardFormCode,
          year: movement.year,
          dossier: {
            documents,
            councilVote: { present: r.councilPresent, inFavour: r.councilInFavour },
            achievement: r.achievement,
            theme: movement.name,
            initiative: null,
          },
        },
        at,
        units,
      );
      if (!problems.some((p) => p.row === r.row)) commands.push({ row: r.row, create });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refuse(
        err.code === 'NotFound' && err.details.awardFormCode !== undefined ? 'awardFormCode' : 'nominee',
        err.code === 'NotFound' && err.details.awardFormCode !== undefined ? 'UnknownAwardForm' : err.code,
        err.message,
      );
    }
  }
  return { problems, commands };
}

async function registrationsOf(
  db: Kysely<Database>,
  movementId: string,
): Promise<{ members: Set<string>; units: Set<string> }> {
  const rows = await db
    .selectFrom('registrations')
    .select(['unit_id', 'member_id'])
    .where('movement_id', '=', movementId)
    .execute();
  return {
    members: new Set(rows.flatMap((r) => (r.member_id === null ? [] : [r.member_id]))),
    units: new Set(rows.filter((r) => r.member_id === null).map((r) => r.unit_id)),
  };
}

/**
 * Starts a checked batch. The batch is written down first (which nomination each row becomes), then each nomination's
 * workflow is started under its row's id; a repeat of the same batch finds the same ids and creates nothing twice.
 */
export async function createBatch(
  deps: NominationServiceDeps,
  movementId: string,
  batchId: string,
  commands: { row: number; create: CreateNomination }[],
): Promise<{ row: number; nominationId: string }[]> {
  const planned = commands.map((c) => ({
    ...c,
    nominationId: `nom-${uuidFrom(sha256(`${movementId}\n${batchId}\n${c.row}`))}`,
  }));
  await deps.db
    .insertInto('movement_nominations')
    .values(
      planned.map((p) => ({
        movement_id: movementId,
        batch_id: batchId,
        row_number: p.row,
        nomination_id: p.nominationId,
      })),
    )
    .onConflict((oc) => oc.columns(['movement_id', 'batch_id', 'row_number']).doNothing())
    .execute();
  // A few at a time: each start is a round trip to Temporal and a transaction in PostgreSQL.
  const width = 8;
  for (let i = 0; i < planned.length; i += width) {
    await Promise.all(
      planned.slice(i, i + width).map((p) => startNomination(deps, p.create, p.nominationId, 'use')),
    );
  }
  return planned.map((p) => ({ row: p.row, nominationId: p.nominationId }));
}
