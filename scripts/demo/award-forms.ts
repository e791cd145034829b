/**
 * The award catalogue of the demo province, as data. A deployment loads its own from its provincial
 * regulation; these follow DOMAIN.md (check regulation 999/QĐ-TLĐ of 2024 before relying on them).
 */
export interface AwardFormSeed {
  code: string;
  name: string;
  subject: 'individual' | 'collective' | 'both';
  decidingLevel: 'district' | 'province' | 'tld';
  requiredDocuments: string[];
  voteThreshold: number;
  fastTrack: boolean;
  eligibility: Record<string, unknown>;
  /**
   * Tiền thưởng as multiples of the base salary, for an individual and for a collective. The demo's figures follow the
   * state's scale (Nghị định 98/2023/NĐ-CP art. 73) in shape; a deployment loads its own regulation's.
   */
  bonus: { individual: number; collective: number };
}

const dossier = ['coverLetter', 'minutes', 'achievementReport', 'nomineeList'];

export const demoAwardForms: AwardFormSeed[] = [
  {
    code: 'GK-LDLD',
    name: 'Giấy khen của công đoàn cấp trên trực tiếp cơ sở',
    subject: 'both',
    decidingLevel: 'district',
    requiredDocuments: dossier,
    voteThreshold: 0.5,
    fastTrack: false,
    eligibility: { registrationRequired: true },
    bonus: { individual: 0.3, collective: 0.6 },
  },
  {
    code: 'BK-LDLD-TINH',
    name: 'Bằng khen của Liên đoàn Lao động tỉnh',
    subject: 'both',
    decidingLevel: 'province',
    requiredDocuments: dossier,
    voteThreshold: 0.667,
    fastTrack: false,
    eligibility: { registrationRequired: true, prerequisite: { form: 'GK-LDLD', consecutiveYears: 2 } },
    bonus: { individual: 0.6, collective: 1.2 },
  },
  {
    code: 'CO-LDLD-TINH',
    name: 'Cờ thi đua của Liên đoàn Lao động tỉnh',
    subject: 'collective',
    decidingLevel: 'province',
    requiredDocuments: dossier,
    voteThreshold: 0.9,
    fastTrack: false,
    eligibility: { registrationRequired: true, prerequisite: { form: 'BK-LDLD-TINH', consecutiveYears: 1 } },
    bonus: { individual: 0, collective: 1.5 },
  },
  {
    code: 'BK-DOT-XUAT',
    name: 'Bằng khen đột xuất của Liên đoàn Lao động tỉnh',
    subject: 'both',
    decidingLevel: 'province',
    requiredDocuments: ['coverLetter', 'achievementReport'],
    voteThreshold: 0.5,
    fastTrack: true,
    eligibility: {},
    bonus: { individual: 0.6, collective: 1.2 },
  },
  {
    code: 'BK-TLD',
    name: 'Bằng khen của Tổng Liên đoàn Lao động Việt Nam',
    subject: 'both',
    decidingLevel: 'tld',
    requiredDocuments: dossier,
    voteThreshold: 0.9,
    fastTrack: false,
    eligibility: { registrationRequired: true, prerequisite: { form: 'BK-LDLD-TINH', consecutiveYears: 1 } },
    bonus: { individual: 1.0, collective: 2.0 },
  },
  {
    code: 'CO-TLD',
    name: 'Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam',
    subject: 'collective',
    decidingLevel: 'tld',
    requiredDocuments: dossier,
    voteThreshold: 0.9,
    fastTrack: false,
    eligibility: { registrationRequired: true, prerequisite: { form: 'CO-LDLD-TINH', consecutiveYears: 1 } },
    bonus: { individual: 0, collective: 3.0 },
  },
  {
    code: 'BANG-LDST',
    name: 'Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam',
    subject: 'individual',
    decidingLevel: 'tld',
    requiredDocuments: [...dossier, 'initiativeCertificate'],
    voteThreshold: 0.9,
    fastTrack: false,
    // Regulation 1564/2014 art. 16: benefit value tiers by the nominee's post and education.
    eligibility: {
      benefitTiers: [
        { who: 'nonLeaderUpToCollege', minBenefitVnd: 80_000_000, orOverThreeYearsVnd: 120_000_000 },
        { who: 'nonLeaderUniversity', minBenefitVnd: 150_000_000 },
        { who: 'leader', minBenefitVnd: 200_000_000 },
      ],
    },
    bonus: { individual: 1.0, collective: 2.0 },
  },
];
