// Synthetic data for the 2019 "Yunnan–Guizhou Class" of the seed case (DESIGN.md). Every person,
// phone number and enterprise is invented; ID numbers and credit codes are valid but made up.
import { creditCodeCheckCharacter } from '../enterprises/rules/credit-code';
import { nationalIdCheckCharacter } from '../students/rules/national-id';

export interface DemoCounty {
  province: string;
  county: string;
  regionCode: string;
}

export const DEMO_COUNTIES: DemoCounty[] = [
  { province: '贵州省', county: '织金县', regionCode: '520524' },
  { province: '云南省', county: '昭阳区', regionCode: '530602' },
  { province: '云南省', county: '鲁甸县', regionCode: '530621' },
  { province: '云南省', county: '镇雄县', regionCode: '530627' },
  { province: '云南省', county: '彝良县', regionCode: '530628' },
];

export const DEMO_MAJORS = [
  {
    code: 'M01',
    name: '机械加工技术 Mechanical processing',
    institution: '长兴县职业技术教育中心 Changxing County Vocational Education Center',
    capacity: 40,
  },
  { code: 'M02', name: '装配钳工 Assembly fitter', institution: '长兴技师学院 Changxing County Technician College', capacity: 40 },
  {
    code: 'M03',
    name: '电气运行与控制 Electrical operation and control',
    institution: '长兴县职业技术教育中心 Changxing County Vocational Education Center',
    capacity: 40,
  },
  {
    code: 'M04',
    name: '旅游服务与管理 Tourism service and management',
    institution: '长兴县职业技术教育中心 Changxing County Vocational Education Center',
    capacity: 30,
  },
];

export const DEMO_ENTERPRISES = [
  { name: '长兴示范精密机械有限公司', contactName: '沈国强', contactPhone: '0572-6000101', seats: { M01: 20, M02: 15, M03: 5 } },
  { name: '长兴示范电气设备有限公司', contactName: '钱丽华', contactPhone: '0572-6000202', seats: { M02: 15, M03: 25 } },
  { name: '长兴示范文旅发展有限公司', contactName: '陆晓燕', contactPhone: '0572-6000303', seats: { M04: 25 } },
  { name: '长兴示范新能源科技有限公司', contactName: '姚建明', contactPhone: '0572-6000404', seats: { M01: 15, M02: 10, M03: 10, M04: 5 } },
];

export const DEMO_APPLICANT_COUNT = 146;

const SURNAMES = '王李张刘陈杨黄赵吴周罗龙杜代朱熊胡邓丁';
const GIVEN = '小明华丽芳伟强娟敏静磊洋艳勇军杰涛燕超秀英霞平刚桂兰文玉萍红梅林波';

/** Deterministic pseudo-random numbers (mulberry32), so every demo database is the same. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function demoCreditCode(n: number): string {
  const first17 = `91330522MA2D${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export interface DemoApplicant {
  fullName: string;
  nationalId: string;
  phone: string;
  homeProvince: string;
  homeCounty: string;
  povertyRegistered: boolean;
  examScore: number;
  majorPreferences: string[];
  /** Index into DEMO_ENTERPRISES. */
  intendedEnterprise: number;
  guardianName: string;
  guardianPhone: string;
  /** Spring 2019, when the county education bureaus collected the applications. */
  applicationDate: string;
  /** Where stipends are sent: the student's own card, or the guardian's; a few have none yet (a batch skips them). */
  bankAccount: { bankName: string; accountName: string; accountNumber: string } | null;
}

const DEMO_BANKS = ['中国农业银行织金县支行', '中国邮政储蓄银行织金县支行', '云南农村信用社昭阳区联社', '中国建设银行镇雄支行'];

/** The class's real calendar: applications in spring 2019, admission in July, arrival on 1 September. */
export const DEMO_CALENDAR = {
  firstApplication: '2019-03-01',
  admitted: '2019-07-15',
  enrolled: '2019-09-01',
  /** Payments due before this day were made before the system was used: recorded as history. */
  historyBefore: '2020-09-01',
  internshipStart: '2021-07-01',
} as const;

/** One of the 92 days from 1 March to 31 May 2019, spread over the applicants. */
function applicationDate(i: number): string {
  const day = new Date(Date.parse(`${DEMO_CALENDAR.firstApplication}T00:00:00Z`) + ((i * 37) % 92) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export function demoApplicants(count = DEMO_APPLICANT_COUNT): DemoApplicant[] {
  const next = random(2019);
  const pick = <T>(items: ArrayLike<T>): T => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    // Two in three from Zhijin, the rest spread over four Zhaotong counties.
    const home = i % 3 === 2 ? DEMO_COUNTIES[1 + (i % 4)] : DEMO_COUNTIES[0];
    const surname = pick(SURNAMES);
    const birth = new Date(Date.UTC(2003, 0, 1) + Math.floor(next() * 600) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${home.regionCode}${birth}${String(100 + i).padStart(3, '0')}`;
    const majors = DEMO_MAJORS.map((m) => m.code).sort(() => next() - 0.5);
    const fullName = surname + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
    const guardianName = surname + pick(GIVEN) + pick(GIVEN);
    return {
      fullName,
      nationalId: first17 + nationalIdCheckCharacter(first17),
      phone: `1${pick(['38', '39', '51', '58', '87'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      homeProvince: home.province,
      homeCounty: home.county,
      // A handful are not registered, so the demo shows ineligible applicants too.
      povertyRegistered: i % 29 !== 7,
      examScore: Math.round((300 + next() * 250) * 2) / 2,
      majorPreferences: majors.slice(0, 3),
      intendedEnterprise: i % DEMO_ENTERPRISES.length,
      guardianName,
      guardianPhone: `1${pick(['38', '39', '51', '58', '87'])}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
      applicationDate: applicationDate(i),
      bankAccount:
        i % 12 === 5
          ? null
          : {
              bankName: DEMO_BANKS[i % DEMO_BANKS.length],
              accountName: i % 5 === 0 ? guardianName : fullName,
              accountNumber: `6228480${String(10_000_000_000 + i * 7919).slice(-12)}`,
            },
    };
  });
}
