/**
 * Plausible demo people: a seeded generator (the same demo every time) of Chinese
 * names, GB 11643 numbers with check characters computed by the standard's
 * algorithm (never random ones), birth dates that fit family roles, and mobiles.
 */
import { checkCharacter } from '../../domain/id-number.js';

/** Mulberry32: small, fast, deterministic. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// Common surnames, roughly by frequency (the first ones more often).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文成康兵峰毅';
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀英华慧巧美淑玉萍红玲桂兰琴云莲真雪荣爱妹香月凤洁梅琳素雅婷倩晴';

export function surname(r: Rand): string {
  const i = Math.floor(Math.pow(r(), 2) * SURNAMES.length); // skewed towards common names
  return SURNAMES[i]!;
}

export function givenName(r: Rand, gender: 'male' | 'female'): string {
  const chars = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  return r() < 0.7 ? pick(r, [...chars]) + pick(r, [...chars]) : pick(r, [...chars]);
}

/** Address codes: Longquanyi for most, other places for the floating population. */
export const HOME = '510112';
export const ELSEWHERE: Record<string, string> = {
  '510104': '四川省成都市锦江区',
  '510107': '四川省成都市武侯区',
  '510115': '四川省成都市温江区',
  '511002': '四川省内江市市中区',
  '511304': '四川省南充市嘉陵区',
  '513401': '四川省西昌市',
  '500101': '重庆市万州区',
  '500112': '重庆市渝北区',
  '420106': '湖北省武汉市武昌区',
  '430102': '湖南省长沙市芙蓉区',
  '530102': '云南省昆明市五华区',
  '610113': '陕西省西安市雁塔区',
};

export function idNumber(
  r: Rand,
  address: string,
  birth: string,
  gender: 'male' | 'female',
  taken: Set<string>,
): string {
  for (;;) {
    let seq = between(r, 0, 99) * 10 + between(r, 0, 4) * 2 + (gender === 'male' ? 1 : 0);
    seq = Math.min(seq, 999);
    const first17 = `${address}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export function birthDate(r: Rand, year: number): string {
  const month = between(r, 1, 12);
  const day = between(r, 1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function mobile(r: Rand): string {
  return `1${pick(r, ['3', '5', '7', '8', '9'])}${String(between(r, 0, 999_999_999)).padStart(9, '0')}`;
}
