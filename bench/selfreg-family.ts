/**
 * The families bench/selfreg.ts submits (and its raw baseline stores): a head with a
 * phone, a spouse and a child, with GB 11643 numbers made with the real check
 * character, unique over the run (each role has its own address code and the birth
 * date and sequence follow from the family's index one-to-one). About 10% of the
 * families have a spouse back from 武汉 with a temperature (2% of those with fever),
 * so the category path runs. Submission ids carry a two-hex-digit phase marker, so
 * each phase's rows can be counted by an index range of the primary key.
 */
import { randomBytes } from 'node:crypto';
import { addDays } from '../src/domain/clock.js';
import { checkCharacter } from '../src/domain/id-number.js';

/** One registration code and the listed dwellings of its scope. */
export interface Target {
  token: string;
  /** The code's community. */
  areaId: string;
  dwellings: string[];
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉成斌鹏宇浩凯健俊帆帅旭宁欣怡佳雪琳晨瑶婷倩颖梅鑫琪蓉川蜀锦渝',
];
const name = (surname: string, n: number) =>
  surname + GIVEN[n % GIVEN.length]! + (n % 3 === 0 ? '' : GIVEN[Math.floor(n / 7) % GIVEN.length]!);

const DAY_MS = 86_400_000;
const dayPlus = (from: string, days: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * A GB 11643 number unique in its namespace (address code + birth range) for each
 * index below span × 1000: the birth day is a permutation of the index within blocks
 * of `span` (7919 is prime to both spans) and the block number is the sequence.
 */
function idNumber(address: string, bornFrom: string, span: number, i: number): string {
  const seq = String(Math.floor(i / span) % 1000).padStart(3, '0');
  const first17 = `${address}${dayPlus(bornFrom, (i * 7919) % span)}${seq}`;
  return first17 + checkCharacter(first17);
}

/** Submission id: marker (2 hex digits) + index (6 hex digits), then random, as a version-4 UUID. */
export function submissionId(marker: number, index: number): string {
  const r = randomBytes(12).toString('hex');
  return `${marker.toString(16).padStart(2, '0')}${(index & 0xffffff).toString(16).padStart(6, '0')}-${r.slice(0, 4)}-4${r.slice(4, 7)}-${'89ab'[Number.parseInt(r[7]!, 16) % 4]}${r.slice(8, 11)}-${r.slice(11, 23)}`;
}

/** The primary-key range of a phase's submissions. */
export const markerRange = (marker: number): [string, string] => {
  const m = marker.toString(16).padStart(2, '0');
  return [`${m}000000-0000-0000-0000-000000000000`, `${m}ffffff-ffff-ffff-ffff-ffffffffffff`];
};

export const editSecret = () => randomBytes(32).toString('base64url');

/** Family `i`: its code, the submission body's form and whether it takes the category path. */
export function family(i: number, targets: Target[], today: string) {
  const target = targets[i % targets.length]!;
  const round = Math.floor(i / targets.length);
  const dwellingId = target.dwellings[(round * 7919) % target.dwellings.length]!;
  const surname = SURNAMES[i % SURNAMES.length]!;
  const fromWuhan = i % 10 === 7;
  const fever = fromWuhan && i % 500 === 7;
  const key = (j: number) => `k${i.toString(36)}-${j}`;
  const members = [
    {
      key: key(0),
      name: name(surname, i),
      docType: 'resident_id',
      docNumber: idNumber('510112', '1955-01-01', 10_950, i),
      phone: `139${String(i % 100_000_000).padStart(8, '0')}`,
      relationship: 'head',
      hukouPlace: '四川省成都市龙泉驿区',
      localHukou: true,
    },
    {
      key: key(1),
      name: name(SURNAMES[(i * 31 + 5) % SURNAMES.length]!, i + 17),
      docType: 'resident_id',
      docNumber: fromWuhan ? idNumber('420102', '1955-01-01', 10_950, i) : idNumber('510104', '1955-01-01', 10_950, i),
      phone: null,
      relationship: 'spouse',
      hukouPlace: fromWuhan ? '湖北省武汉市江岸区' : '四川省成都市锦江区',
      localHukou: !fromWuhan,
      ...(fromWuhan
        ? { health: { temperature: fever ? 37.8 : 36.3 + (i % 5) / 10, symptoms: fever ? ['发热', '干咳'] : [] } }
        : {}),
    },
    {
      key: key(2),
      name: name(surname, i + 3),
      docType: 'resident_id',
      docNumber: idNumber('510112', '2000-01-01', 7_300, i),
      phone: null,
      relationship: 'child',
      hukouPlace: '四川省成都市龙泉驿区',
      localHukou: true,
    },
  ];
  const trips = fromWuhan
    ? [
        {
          place: '武汉',
          returnDate: addDays(today, -(1 + (i % 10))),
          transport: 'train',
          transportNo: `G${1000 + (i % 9000)}`,
          members: [key(1)],
        },
      ]
    : [];
  return {
    target,
    fromWuhan,
    form: {
      dwellingId,
      courtyardId: null,
      address: null,
      livingType: i % 4 === 0 ? 'rented' : 'owned',
      members,
      trips,
      contacts: [],
    },
  };
}
