/** Who is nominated, and the dossier (hồ sơ) that comes with the nomination. Plain JSON. */

export interface Nominee {
  kind: 'individual' | 'collective';
  /** The member (đoàn viên) for an individual; null for a collective. */
  memberId: string | null;
  /** The unit for a collective, or the member's unit. */
  unitId: string;
  name: string;
  /** Cán bộ lãnh đạo, quản lý. */
  isLeader: boolean;
  /** Công nhân, lao động trực tiếp (or staff without a leadership post): counts toward the 15% floor. */
  isDirectWorker: boolean;
}

export interface CouncilVote {
  /** Members of the emulation and commendation council present at the meeting. */
  present: number;
  inFavour: number;
}

export interface Initiative {
  /** Giá trị làm lợi, in VND. */
  benefitVnd: number;
  /** Total over the last three consecutive years, where claimed. */
  threeYearBenefitVnd?: number;
  education: 'university' | 'upToCollege';
}

export interface Dossier {
  /** Kinds of documents attached: coverLetter, minutes, achievementReport, nomineeList, … */
  documents: string[];
  councilVote: CouncilVote;
  /** Báo cáo thành tích, in brief. */
  achievement: string;
  /** The movement or theme the achievement belongs to: "the same achievement" means the same year and theme. */
  theme: string | null;
  initiative: Initiative | null;
}
