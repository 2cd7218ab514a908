/**
 * A messy 一房一户 ledger as communities really keep them: a merged title row, merged
 * group headings above the header, a blank line, an ID number Excel stored as a
 * number, full-width digits, lowercase x, a bad phone, a wrong check character, an
 * impossible birth date, a duplicate row and a name that is a spreadsheet formula.
 * Every ID number is literal, with the check character computed by GB 11643.
 */
import ExcelJS from 'exceljs';

export const LEDGER_HEADER = [
  '序号',
  '小区名称',
  '楼栋',
  '单元',
  '房号',
  '户主姓名',
  '与户主关系',
  '姓名',
  '身份证号码',
  '联系电话',
  '居住类型',
  '备注',
];

export const MESSY_ROWS: (string | number | null)[][] = [
  [
    1,
    '三盛都会城',
    '3栋',
    '2单元',
    '1201',
    '王建国',
    '户主',
    '王建国',
    '510112198005121010',
    '138 0013 8000',
    '自有',
    '',
  ],
  [
    2,
    '三盛都会城',
    '3栋',
    '2单元',
    '1201',
    '王建国',
    '配偶',
    '李秀英',
    '510112198208161020',
    '13900001111',
    '自有',
    '',
  ],
  [
    3,
    '三盛都会城',
    '3栋',
    '2单元',
    '1201',
    '王建国',
    '子女',
    '王小明',
    // As Excel keeps it: a number, its last digits already lost.
    Number('510112200803011035'),
    '',
    '自有',
    'Excel 存成了数字',
  ],
  null as never,
  [
    4,
    '三盛都会城',
    '3栋',
    '2单元',
    '1202',
    '张伟',
    '户主',
    '张伟',
    '51011219750101201１',
    '+86-139-0000-2222',
    '自有',
    '全角数字',
  ],
  [5, '三盛都会城', '3栋', '2单元', '1202', '张伟', '母亲', '赵兰', '11010519491231002x', '', '自有', '小写x'],
  [
    6,
    '三盛都会城',
    '3栋',
    '2单元',
    '1202',
    '张伟',
    '其他',
    '张丽',
    '510112197802022029',
    '12345678901',
    '自有',
    '错误电话',
  ],
  [7, '三盛都会城', '3栋', '2单元', '1301', '陈刚', '户主', '陈刚', '510112197802022021', '', '自有', '校验位错误'],
  [8, '三盛都会城', '3栋', '2单元', '1302', '周杰', '户主', '周杰', '51011219900230123X', '', '自有', '2月30日'],
  [
    9,
    '三盛都会城',
    '3栋',
    '2单元',
    '1201',
    '王建国',
    '户主',
    '王建国',
    '510112198005121010',
    '13800138000',
    '自有',
    '重复行',
  ],
  [10, '三盛都会城', '3栋', '2单元', '1401', '孙丽', '户主', '孙丽', '510112195203033018', '13711112222', '租住', ''],
  [
    11,
    '三盛都会城',
    '3栋',
    '2单元',
    '1402',
    '=cmd|calc',
    '户主',
    '=cmd|calc',
    '510112199011114014',
    '',
    '租赁',
    '姓名是公式',
  ],
];

/** The ledger as an xlsx file (rows 1–2 title and group headings, row 3 header, data from row 4). */
export async function messyXlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('一房一户');
  sheet.addRow(['东华村三盛都会城网格 一房一户台账（2020年2月）']);
  sheet.mergeCells('A1:L1');
  sheet.addRow(['', '房屋信息', '', '', '', '人员信息']);
  sheet.mergeCells('B2:E2');
  sheet.mergeCells('F2:L2');
  sheet.addRow(LEDGER_HEADER);
  for (const row of MESSY_ROWS) sheet.addRow(row ?? []);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field. */
export function multipart(filename: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----shuangsheng-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
