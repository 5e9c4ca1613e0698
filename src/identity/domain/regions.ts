/**
 * Province-level administrative divisions (GB/T 2260), the first two digits of a PRC resident
 * ID number: the region that issued the number (where the holder's household was registered),
 * not where the applicant lives.
 *
 * This is "region of origin", a protected attribute: the identity check may report it, but no
 * scorecard may use it (see scoring/engine/protected-attributes.ts).
 */
export interface Region {
  code: string;
  en: string;
  'zh-CN': string;
}

const TABLE: ReadonlyArray<readonly [string, string, string]> = [
  ['11', 'Beijing', '北京市'],
  ['12', 'Tianjin', '天津市'],
  ['13', 'Hebei', '河北省'],
  ['14', 'Shanxi', '山西省'],
  ['15', 'Inner Mongolia', '内蒙古自治区'],
  ['21', 'Liaoning', '辽宁省'],
  ['22', 'Jilin', '吉林省'],
  ['23', 'Heilongjiang', '黑龙江省'],
  ['31', 'Shanghai', '上海市'],
  ['32', 'Jiangsu', '江苏省'],
  ['33', 'Zhejiang', '浙江省'],
  ['34', 'Anhui', '安徽省'],
  ['35', 'Fujian', '福建省'],
  ['36', 'Jiangxi', '江西省'],
  ['37', 'Shandong', '山东省'],
  ['41', 'Henan', '河南省'],
  ['42', 'Hubei', '湖北省'],
  ['43', 'Hunan', '湖南省'],
  ['44', 'Guangdong', '广东省'],
  ['45', 'Guangxi', '广西壮族自治区'],
  ['46', 'Hainan', '海南省'],
  ['50', 'Chongqing', '重庆市'],
  ['51', 'Sichuan', '四川省'],
  ['52', 'Guizhou', '贵州省'],
  ['53', 'Yunnan', '云南省'],
  ['54', 'Tibet (Xizang)', '西藏自治区'],
  ['61', 'Shaanxi', '陕西省'],
  ['62', 'Gansu', '甘肃省'],
  ['63', 'Qinghai', '青海省'],
  ['64', 'Ningxia', '宁夏回族自治区'],
  ['65', 'Xinjiang', '新疆维吾尔自治区'],
  ['71', 'Taiwan', '台湾省'],
  ['81', 'Hong Kong SAR', '香港特别行政区'],
  ['82', 'Macao SAR', '澳门特别行政区'],
];

export const PROVINCE_REGIONS: readonly Region[] = Object.freeze(TABLE.map(([code, en, zh]) => Object.freeze({ code, en, 'zh-CN': zh })));

const byCode: ReadonlyMap<string, Region> = new Map(PROVINCE_REGIONS.map((r) => [r.code, r]));

/** The province-level region for a two-digit code, or undefined when unknown. */
export function provinceRegion(code: string): Region | undefined {
  return byCode.get(code);
}
