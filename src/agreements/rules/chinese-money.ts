// How Chinese contracts write amounts: ¥5,000.00 in figures, and 伍仟元整 in capital numerals
// (大写金额, the anti-tamper form banks and contracts require), from integer fen.

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100).toLocaleString('en-US');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

export function capitalAmount(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  const integer = yuan ? `${capitalInteger(yuan)}元` : '';
  if (!jiao && !cents) return `${integer || '零元'}整`;
  if (!cents) return `${integer}${DIGITS[jiao]}角整`;
  // 零 stands for a missing 角 between 元 and 分: 壹仟元零伍分.
  return `${integer}${jiao ? `${DIGITS[jiao]}角` : integer ? '零' : ''}${DIGITS[cents]}分`;
}

function capitalInteger(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
  let out = '';
  let zeroPending = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (group === 0) {
      zeroPending = out !== '';
      continue;
    }
    // A group below 1000 after a higher one starts with 零: 壹万零伍佰.
    if (out && (zeroPending || group < 1000)) out += '零';
    out += capitalGroup(group) + GROUPS[g];
    zeroPending = false;
  }
  return out;
}

function capitalGroup(group: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[digit] + PLACES[place];
    zero = false;
  }
  return out;
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a whole, non-negative number of fen: ${fen}`);
}
