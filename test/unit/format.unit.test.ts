import { describe, expect, it } from '@jest/globals';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatFileSize,
  formatLongDate,
  formatNumber,
  formatPercent,
  formatVnd,
} from '../../messages/format.js';

// The machine's own time zone must not matter: run the dates as a server in New York would (UTC−5 in March), so a
// formatter that leaned on the process's zone would show the wrong day.
process.env.TZ = 'America/New_York';

describe('messages/format.js: how dates and numbers read for a person (vi-VN, Vietnam time)', () => {
  it('runs in a process whose time zone is not Vietnam’s', () => {
    expect(new Date('2026-03-05T00:00:00Z').getTimezoneOffset()).not.toBe(-7 * 60);
  });

  it('gives the day in Vietnam across the UTC day boundary (UTC+7)', () => {
    expect(formatDate('2026-03-04T16:59:59Z')).toBe('04/03/2026');
    expect(formatDate('2026-03-04T17:00:00Z')).toBe('05/03/2026');
    expect(formatDate(new Date('2026-12-31T17:30:00Z'))).toBe('01/01/2027');
    expect(formatDate(Date.parse('2026-03-04T17:30:00Z'))).toBe('05/03/2026');
  });

  it('reads a bare calendar date as that day in Vietnam, not midnight UTC', () => {
    expect(formatDate('2026-03-05')).toBe('05/03/2026');
    expect(formatDateTime('2026-03-05')).toBe('00:00 05/03/2026');
  });

  it('writes the time before the day, on a 24-hour clock', () => {
    expect(formatDateTime('2026-03-04T17:30:00Z')).toBe('00:30 05/03/2026');
    expect(formatDateTime('2026-03-05T07:05:00.000Z')).toBe('14:05 05/03/2026');
  });

  it('writes a dash for a missing date', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
  });

  it('writes the long date of a document’s heading, months before March with a leading zero', () => {
    expect(formatLongDate('2026-02-28T18:00:00Z')).toBe('ngày 01 tháng 3 năm 2026');
    expect(formatLongDate('2026-01-15')).toBe('ngày 15 tháng 01 năm 2026');
    expect(formatLongDate('2026-11-22T05:00:00Z')).toBe('ngày 22 tháng 11 năm 2026');
  });

  it('writes percentages with a decimal comma, and without decimals when whole', () => {
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(0.805)).toBe('80,5%');
    expect(formatPercent(1 / 3)).toBe('33,3%');
    expect(formatPercent(0.85)).toBe('85%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.1234, 2)).toBe('12,34%');
  });

  it('writes counts with the Vietnamese thousands separator', () => {
    expect(formatNumber(4812)).toBe('4.812');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
  });

  it('writes measures with a decimal comma', () => {
    expect(formatDecimal(1.256)).toBe('1,26');
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatDecimal(2)).toBe('2');
  });

  it('writes money in đồng', () => {
    expect(formatVnd(1500000)).toBe('1.500.000 đồng');
    expect(formatVnd(0)).toBe('0 đồng');
  });

  it('writes file sizes in KB and MB', () => {
    expect(formatFileSize(12 * 1024)).toBe('12 KB');
    expect(formatFileSize(100)).toBe('1 KB');
    expect(formatFileSize(3.4 * 1024 * 1024)).toBe('3,4 MB');
  });
});
