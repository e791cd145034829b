/**
 * A generator of a fictional province's trade-union organisation, for the demo and for benchmarks: one
 * provincial federation under the TLĐ, district and sector federations, a few hundred base unions of both
 * blocks, and their members with leader and direct-worker flags. Deterministic for a given seed.
 */
import type { Role, UnitBlock, UnitLevel } from '../../db/schema.js';
import { officerRoles } from '../../domain/roles.js';

export interface DemoUnit {
  id: string;
  parentId: string | null;
  name: string;
  level: UnitLevel;
  block: UnitBlock | null;
  decisionSuffix: string;
}

export interface DemoMember {
  id: string;
  unitId: string;
  fullName: string;
  gender: 'male' | 'female';
  birthYear: number;
  position: string;
  isLeader: boolean;
  isDirectWorker: boolean;
}

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  unitId: string;
}

export interface DemoProvince {
  units: DemoUnit[];
  members: DemoMember[];
  accounts: DemoAccount[];
  /** The years the demo has movement registrations for. */
  registrationYears: number[];
  /** The members registered for a year: about nine in ten, the same ones whatever the order of calls. */
  registeredMembers(year: number): DemoMember[];
  /** Officers' trainings in emulation and commendation work (tập huấn nghiệp vụ), by username. */
  trainings: DemoTraining[];
}

export interface DemoTraining {
  username: string;
  year: number;
  course: string;
  /** YYYY-MM-DD */
  heldOn: string;
  recordedBy: string;
}

/** mulberry32: a small, well-known seeded PRNG; good enough for demo data, and repeatable. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const maleMiddle = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Công', 'Xuân'];
const femaleMiddle = ['Thị', 'Ngọc', 'Thu', 'Hồng', 'Thanh', 'Minh', 'Phương', 'Kim'];
const maleGiven = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Thắng',
  'Trung',
  'Tuấn',
  'Việt',
];
const femaleGiven = [
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Phượng',
  'Thảo',
  'Trang',
  'Yến',
];

const districts = [
  'Thành phố An Lạc',
  'Thị xã Phú Bình',
  'Huyện Tân Hòa',
  'Huyện Đông Sơn',
  'Huyện Yên Thủy',
  'Huyện Bắc Giang Sơn',
  'Huyện Ngọc Lâm',
  'Huyện Thạch Bàn',
];
const sectors = ['Giáo dục', 'Y tế', 'Công Thương', 'Các Khu công nghiệp'];

const adminBases = [
  'Trường Tiểu học',
  'Trường THCS',
  'Trường THPT',
  'Trường Mầm non',
  'Trung tâm Y tế',
  'Bệnh viện đa khoa',
  'UBND xã',
  'Phòng Tài chính - Kế hoạch',
  'Kho bạc Nhà nước',
  'Chi cục Thuế',
];
const businessBases = [
  'Công ty TNHH May',
  'Công ty CP Xi măng',
  'Công ty TNHH Điện tử',
  'Công ty CP Chế biến nông sản',
  'Công ty TNHH Giày da',
  'Công ty CP Cấp nước',
  'Công ty CP Xây dựng',
  'Công ty TNHH Cơ khí',
];
const placeNames = [
  'Hòa Bình',
  'Tân Tiến',
  'Đồng Tâm',
  'Quyết Thắng',
  'Thành Công',
  'Hưng Thịnh',
  'Phú Lợi',
  'An Phú',
  'Minh Khai',
  'Quang Trung',
  'Lê Lợi',
  'Hồng Phong',
  'Việt Hưng',
  'Thống Nhất',
  'Sao Mai',
];

const leaderPositions = ['Chủ tịch công đoàn', 'Giám đốc', 'Phó Giám đốc', 'Trưởng phòng', 'Hiệu trưởng'];
const directPositions = [
  'Công nhân may',
  'Công nhân vận hành',
  'Công nhân cơ khí',
  'Giáo viên',
  'Điều dưỡng',
  'Công nhân lắp ráp',
];
const staffPositions = ['Chuyên viên', 'Kế toán', 'Nhân viên văn phòng', 'Kỹ thuật viên'];

export const DEMO_PASSWORD = 'demo-2026';

export interface ProvinceOptions {
  /** Base unions per upper union: 25 × scale. */
  scale?: number;
  seed?: number;
  /**
   * Keep only the first this-many base unions of each upper union (and their members): the small province of the
   * integration tests. The rest is generated and dropped, so every kept unit, member and account has the id and
   * the data it has in the whole demo, and a test reads the same on either.
   */
  basesPerUpper?: number;
}

export function generateProvince(options: ProvinceOptions = {}): DemoProvince {
  const whole = generateWholeProvince(options);
  const keep = options.basesPerUpper;
  if (keep === undefined) return whole;
  const seen = new Map<string, number>();
  const units = whole.units.filter((u) => {
    if (u.level !== 'base') return true;
    const n = (seen.get(u.parentId ?? '') ?? 0) + 1;
    seen.set(u.parentId ?? '', n);
    return n <= keep;
  });
  const kept = new Set(units.map((u) => u.id));
  const members = whole.members.filter((m) => kept.has(m.unitId));
  return {
    ...whole,
    units,
    members,
    registeredMembers: (year) => whole.registeredMembers(year).filter((m) => kept.has(m.unitId)),
  };
}

function generateWholeProvince(options: ProvinceOptions): DemoProvince {
  const scale = Math.max(1, options.scale ?? 1);
  const random = seededRandom(options.seed ?? 20260101);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };

  const units: DemoUnit[] = [
    {
      id: 'TLD',
      parentId: null,
      name: 'Tổng Liên đoàn Lao động Việt Nam',
      level: 'tld',
      block: null,
      decisionSuffix: 'TLĐ',
    },
    {
      id: 'AL',
      parentId: 'TLD',
      name: 'Liên đoàn Lao động tỉnh An Lạc',
      level: 'province',
      block: null,
      decisionSuffix: 'LĐLĐ',
    },
  ];
  const uppers: DemoUnit[] = [];
  districts.forEach((name, i) => {
    uppers.push({
      id: `AL-H${String(i + 1).padStart(2, '0')}`,
      parentId: 'AL',
      name: `Liên đoàn Lao động ${name}`,
      level: 'district',
      block: null,
      decisionSuffix: 'LĐLĐ',
    });
  });
  sectors.forEach((name, i) => {
    uppers.push({
      id: `AL-N${String(i + 1).padStart(2, '0')}`,
      parentId: 'AL',
      name: `Công đoàn ngành ${name}`,
      level: 'sector',
      block: null,
      decisionSuffix: 'CĐN',
    });
  });
  units.push(...uppers);

  const members: DemoMember[] = [];
  const basesPerUpper = 25 * scale;
  let baseCount = 0;
  let memberCount = 0;
  for (const upper of uppers) {
    for (let j = 0; j < basesPerUpper; j++) {
      baseCount++;
      const business =
        upper.level === 'sector' ? upper.id === 'AL-N04' || upper.id === 'AL-N03' : random() < 0.45;
      const kind = business ? pick(businessBases) : pick(adminBases);
      const base: DemoUnit = {
        id: `CS${String(baseCount).padStart(4, '0')}`,
        parentId: upper.id,
        name: `Công đoàn ${kind} ${pick(placeNames)}`,
        level: 'base',
        block: business ? 'business' : 'administrative',
        decisionSuffix: 'CĐCS',
      };
      units.push(base);
      const size = 8 + Math.floor(random() * 16);
      for (let k = 0; k < size; k++) {
        memberCount++;
        const female = random() < 0.5;
        const isLeader = k < 2 || random() < 0.08;
        const isDirectWorker = !isLeader && (business ? random() < 0.75 : random() < 0.45);
        members.push({
          id: `DV${String(memberCount).padStart(6, '0')}`,
          unitId: base.id,
          fullName: `${pick(surnames)} ${female ? pick(femaleMiddle) : pick(maleMiddle)} ${female ? pick(femaleGiven) : pick(maleGiven)}`,
          gender: female ? 'female' : 'male',
          birthYear: 1966 + Math.floor(random() * 38),
          position: isLeader
            ? pick(leaderPositions)
            : isDirectWorker
              ? pick(directPositions)
              : pick(staffPositions),
          isLeader,
          isDirectWorker,
        });
      }
    }
  }

  const baseOf = (upperId: string): string => {
    const base = units.find((u) => u.parentId === upperId && u.level === 'base');
    if (base === undefined) throw new Error(`no base union under ${upperId}`);
    return base.id;
  };
  const accounts: DemoAccount[] = [
    { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unitId: 'AL' },
    {
      username: 'tinh.canbo',
      displayName: 'Nguyễn Thị Thu Hà (Ban CTCS tỉnh)',
      role: 'province_officer',
      unitId: 'AL',
    },
    { username: 'tinh.btv', displayName: 'Trần Văn Quang (Ủy viên BTV)', role: 'board_member', unitId: 'AL' },
    {
      username: 'tinh.kiemtra',
      displayName: 'Lê Thị Hồng Nhung (Ủy ban Kiểm tra)',
      role: 'auditor',
      unitId: 'AL',
    },
    {
      username: 'h01.canbo',
      displayName: 'Phạm Minh Đức (LĐLĐ Thành phố An Lạc)',
      role: 'district_officer',
      unitId: 'AL-H01',
    },
    {
      username: 'h01.truong',
      displayName: 'Hoàng Văn Sơn (Chủ tịch LĐLĐ Thành phố An Lạc)',
      role: 'district_head',
      unitId: 'AL-H01',
    },
    {
      username: 'h02.canbo',
      displayName: 'Vũ Thị Mai (LĐLĐ Thị xã Phú Bình)',
      role: 'district_officer',
      unitId: 'AL-H02',
    },
    {
      username: 'cs.h01.canbo',
      displayName: 'Đặng Ngọc Lan (CĐCS)',
      role: 'base_officer',
      unitId: baseOf('AL-H01'),
    },
    {
      username: 'cs.h02.canbo',
      displayName: 'Bùi Quang Hải (CĐCS)',
      role: 'base_officer',
      unitId: baseOf('AL-H02'),
    },
  ].map((a) => ({ ...a, role: a.role as Role, password: DEMO_PASSWORD }));

  const registrationYears = [2024, 2025, 2026];
  const registeredMembers = (year: number): DemoMember[] =>
    members.filter((m) => {
      // A stable hash of (member, year): repeatable without consuming the generator's random stream.
      let h = year;
      for (const c of m.id) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
      return h % 10 !== 0;
    });
  // The province trains every officer each spring; in the latest year Phú Bình's officers (AL-H02 and its base
  // union) have not attended yet, so the report's "officers trained" indicator is short of its 100% target.
  const levelOf = new Map(units.map((u) => [u.id, u.level]));
  const latest = Math.max(...registrationYears);
  const notYetTrained = new Set(['AL-H02', baseOf('AL-H02')]);
  const trainings: DemoTraining[] = registrationYears.flatMap((year) =>
    accounts
      .filter((a) => officerRoles(levelOf.get(a.unitId) ?? 'base').includes(a.role))
      .filter((a) => year !== latest || !notYetTrained.has(a.unitId))
      .map((a) => ({
        username: a.username,
        year,
        course: `Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm ${year}`,
        heldOn: `${year}-03-18`,
        recordedBy: 'tinh.canbo',
      })),
  );
  return { units, members, accounts, registrationYears, registeredMembers, trainings };
}
