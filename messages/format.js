// @ts-check
/**
 * How dates, times, numbers, money and percentages read for a person: Vietnamese conventions (`vi-VN`) in Vietnam
 * time (`Asia/Ho_Chi_Minh`), whatever the time zone of the machine. Plain JavaScript with no imports, like the
 * catalogue beside it: the web page loads this file (/messages/format.js) and the server imports it, so a date reads
 * the same on the page, in a PDF, in a spreadsheet, in an e-mail and on the command line.
 *
 * Machines still get ISO 8601 (the API's JSON, the exported history): these are for people only.
 */

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const integerFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** @param {Date | string | number} value */
function toDate(value) {
  // A bare calendar date (YYYY-MM-DD) is a day in Vietnam, not midnight UTC.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00+07:00`);
  return value instanceof Date ? value : new Date(value);
}

/** @param {Date} date @param {Intl.DateTimeFormat} format */
function parts(date, format) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/**
 * "05/03/2026": the day in Vietnam. Null or an empty value reads as a dash.
 * @param {Date | string | number | null | undefined} value
 */
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '—';
  const p = parts(toDate(value), dateFormat);
  return `${p.day}/${p.month}/${p.year}`;
}

/**
 * "14:30 05/03/2026": the time and day in Vietnam, as Vietnamese documents write them.
 * @param {Date | string | number | null | undefined} value
 */
export function formatDateTime(value) {
  if (value === null || value === undefined || value === '') return '—';
  const date = toDate(value);
  const t = parts(date, timeFormat);
  return `${t.hour}:${t.minute} ${formatDate(date)}`;
}

/**
 * "ngày 05 tháng 3 năm 2026": the long form of a date in the heading of a decision or a report.
 * @param {Date | string | number} value
 */
export function formatLongDate(value) {
  const p = parts(toDate(value), dateFormat);
  const month = Number(p.month);
  // Months before March take a leading zero in administrative documents (Decree 30/2020/NĐ-CP), to prevent edits.
  return `ngày ${p.day} tháng ${month < 3 ? String(month).padStart(2, '0') : month} năm ${p.year}`;
}

/**
 * "4.812": a count, with the Vietnamese thousands separator.
 * @param {number} value
 */
export function formatNumber(value) {
  return integerFormat.format(value);
}

/**
 * "80,5%" (or "80%" when whole): a share from 0 to 1, with at most `digits` decimals.
 * @param {number} share
 * @param {number} [digits]
 */
export function formatPercent(share, digits = 1) {
  const percent = share * 100;
  const rounded = Number(percent.toFixed(digits));
  return `${formatDecimal(rounded, digits)}%`;
}

/**
 * "1.500.000 đồng": an amount of money.
 * @param {number} amount
 */
export function formatVnd(amount) {
  return `${formatNumber(amount)} đồng`;
}

/**
 * "12 KB", "3,4 MB": the size of a file.
 * @param {number} bytes
 */
export function formatFileSize(bytes) {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatDecimal(bytes / (1024 * 1024), 1)} MB`;
}

/**
 * "1,25": a measure with a decimal comma and at most `digits` decimals (seconds, rates).
 * @param {number} value
 * @param {number} [digits]
 */
export function formatDecimal(value, digits = 2) {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits }).format(value);
}
