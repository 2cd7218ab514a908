/**
 * Demo areas of 龙泉驿区 (510112). 柏合街道, 东华村, 洛带镇 and 洪安镇 and the
 * 三盛都会城 compound come from the source article; every other name, and every
 * code below the district, is illustrative. All rows are marked demo = true.
 */
export interface DemoArea {
  code: string;
  name: string;
  children?: DemoArea[];
}

const grids = (community: string, names: string[]): DemoArea[] =>
  names.map((name, i) => ({ code: `${community}${String(i + 1).padStart(3, '0')}`, name }));

const community = (code: string, name: string, gridNames = ['第一网格', '第二网格', '第三网格']): DemoArea => ({
  code,
  name,
  children: grids(code, gridNames),
});

export const DEMO_DISTRICT: DemoArea = {
  code: '510112',
  name: '龙泉驿区',
  children: [
    {
      code: '510112001',
      name: '龙泉街道',
      children: [community('510112001001', '龙泉社区'), community('510112001002', '西街社区')],
    },
    {
      code: '510112002',
      name: '大面街道',
      children: [community('510112002001', '大面社区'), community('510112002002', '洪河社区')],
    },
    { code: '510112003', name: '十陵街道', children: [community('510112003001', '十陵社区')] },
    { code: '510112004', name: '同安街道', children: [community('510112004001', '同安社区')] },
    {
      code: '510112005',
      name: '柏合街道',
      children: [
        community('510112005001', '柏合社区'),
        community('510112005201', '东华村', ['三盛都会城网格', '东华二组网格', '东华三组网格']),
        community('510112005202', '长松村'),
      ],
    },
    {
      code: '510112101',
      name: '洛带镇',
      children: [community('510112101001', '洛带社区'), community('510112101201', '宝胜村')],
    },
    {
      code: '510112102',
      name: '洪安镇',
      children: [community('510112102001', '洪安社区'), community('510112102201', '三星村')],
    },
  ],
};

export const DEMO_VINTAGE = 2020;
